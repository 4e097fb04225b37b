import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SearchLogService } from './search-log.service';

/** A search (intent) that did not help the agent: no results, or results and nothing opened. */
export interface FailedSearch {
  /** the intent's final query, scrubbed and normalised as logged */
  query: string;
  zeroResults: boolean;
  at: Date;
  /** department of the article the same agent opened next (within {@link NEXT_CLICK_MINUTES}), if any */
  nextDepartmentId: string | null;
}

/** How long after a failed search an opened article still counts as "what they were looking for". */
export const NEXT_CLICK_MINUTES = 10;

/** Failed searches from the search log, per intent (keystrokes collapsed), for the content-gap job. */
@Injectable()
export class FailedSearchesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly searchLog: SearchLogService,
  ) {}

  /** Failed searches made in [from, to), oldest first. */
  async between(from: Date, to: Date): Promise<FailedSearch[]> {
    await this.searchLog.flush();
    const rows: { query: string; zero: boolean; at: Date; department: string | null }[] = await this.dataSource.query(
      `WITH final AS (
         SELECT DISTINCT ON (intent_id) intent_id, searcher, query, result_count, created_at
         FROM search_log WHERE created_at >= $1 AND created_at < $2
         ORDER BY intent_id, created_at DESC, seq DESC
       ),
       failed AS (
         SELECT f.* FROM final f
         WHERE f.result_count = 0 OR NOT EXISTS (SELECT 1 FROM search_clicks c WHERE c.intent_id = f.intent_id)
       )
       SELECT f.query, f.result_count = 0 AS zero, f.created_at AS at,
         (SELECT c.department_id FROM search_clicks c JOIN search_log s ON s.id = c.search_id
          WHERE s.searcher = f.searcher AND c.department_id IS NOT NULL
            AND c.created_at > f.created_at AND c.created_at <= f.created_at + make_interval(mins => $3)
          ORDER BY c.created_at, c.id LIMIT 1) AS department
       FROM failed f ORDER BY f.created_at, f.intent_id`,
      [from, to, NEXT_CLICK_MINUTES],
    );
    return rows.map((r) => ({ query: r.query, zeroResults: r.zero, at: r.at, nextDepartmentId: r.department }));
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SearchLogService } from './search-log.service';

/**
 * One agent's search that helped nothing, and their next search that did: the failed search (an
 * intent, keystrokes collapsed) got no click, and the same searcher's next intent began within
 * {@link REFORMULATION_WINDOW_SECONDS} of its last keystroke and led to a click.
 */
export interface Reformulation {
  /** daily pseudonym of the agent */
  searcher: string;
  /** the failed intent's final query, scrubbed and normalised as logged */
  failedQuery: string;
  /** the failed intent's last keystroke */
  failedAt: Date;
  /** the query of the search whose hit was opened (the first click of the next intent) */
  successQuery: string;
  articleId: string;
}

/** "The next search within two minutes": measured from the failed search's last keystroke to the next one's first. */
export const REFORMULATION_WINDOW_SECONDS = 120;

/** Reformulations from the search log, for the learning job. */
@Injectable()
export class ReformulationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly searchLog: SearchLogService,
  ) {}

  /** Reformulations whose failed search ended in [from, to), oldest first. */
  async between(from: Date, to: Date): Promise<Reformulation[]> {
    await this.searchLog.flush();
    const rows: Reformulation[] = await this.dataSource.query(
      `WITH intents AS (
         SELECT intent_id, searcher, min(created_at) AS started_at, max(created_at) AS ended_at, min(seq) AS first_seq,
           (array_agg(query ORDER BY created_at DESC, seq DESC))[1] AS final_query
         FROM search_log
         WHERE created_at >= $1::timestamptz AND created_at < $2::timestamptz + make_interval(secs => $3::int)
         GROUP BY intent_id, searcher
       ),
       sequenced AS (
         SELECT i.*, lead(i.intent_id) OVER w AS next_intent, lead(i.started_at) OVER w AS next_started_at
         FROM intents i
         WINDOW w AS (PARTITION BY i.searcher ORDER BY i.started_at, i.first_seq)
       )
       SELECT s.searcher, s.final_query AS "failedQuery", s.ended_at AS "failedAt", l.query AS "successQuery", c.article_id AS "articleId"
       FROM sequenced s
       JOIN LATERAL (
         SELECT c.article_id, c.search_id FROM search_clicks c WHERE c.intent_id = s.next_intent ORDER BY c.created_at, c.id LIMIT 1
       ) c ON true
       JOIN search_log l ON l.id = c.search_id
       WHERE s.ended_at < $2::timestamptz
         AND s.next_started_at <= s.ended_at + make_interval(secs => $3::int)
         AND NOT EXISTS (SELECT 1 FROM search_clicks x WHERE x.intent_id = s.intent_id)
       ORDER BY s.ended_at, s.intent_id`,
      [from, to, REFORMULATION_WINDOW_SECONDS],
    );
    return rows;
  }
}

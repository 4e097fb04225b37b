import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ValidationFailedError } from '../common/errors/domain-error';
import { Clock } from '../common/time/clock';
import { SearchReportQueryDto } from './dto/search-report-query.dto';
import { SearchLogService } from './search-log.service';

export interface QueryStats {
  query: string;
  /** searches counted per intent: the keystrokes of one search count once */
  searches: number;
  zeroResults: number;
  clicked: number;
  clickThroughRate: number;
  meanClickPosition: number | null;
}

/** The one row of the totals query; `clicked` only feeds the click-through rate. */
interface TotalsRow {
  searches: number;
  keystrokes: number;
  zeroResults: number;
  withoutClick: number;
  clicked: number;
  meanClickPosition: number | null;
  fallbackSearches: number;
}

export interface SearchReport {
  from: string;
  to: string;
  department: string | null;
  totals: {
    searches: number;
    keystrokes: number;
    zeroResults: number;
    withoutClick: number;
    clickThroughRate: number;
    meanClickPosition: number | null;
    fallbackSearches: number;
  };
  topQueries: QueryStats[];
  zeroResultQueries: QueryStats[];
  noClickQueries: QueryStats[];
  byDepartment: { department: string; name: string; clickedSearches: number }[];
}

const DAY_MS = 86_400_000;
const LIMIT = 50;

/** Reports over the search log, counted per search intent (as-you-type keystrokes collapsed). */
@Injectable()
export class SearchAnalyticsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly searchLog: SearchLogService,
  ) {}

  async report(query: SearchReportQueryDto): Promise<SearchReport> {
    await this.searchLog.flush();
    // `to` is exclusive; by default it includes the search made this very moment.
    const to = query.to ? new Date(query.to) : new Date(this.clock.now().getTime() + 1);
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
    if (from >= to) throw new ValidationFailedError([{ field: 'from', code: 'AFTER_TO', message: 'from must be before to' }]);
    const department = query.department ?? null;
    // One row per intent: its final query, result count and click data.
    const intents = `
      WITH final AS (
        SELECT DISTINCT ON (intent_id) intent_id, query, result_count, fallback
        FROM search_log WHERE created_at >= $1 AND created_at < $2
        ORDER BY intent_id, created_at DESC, seq DESC
      ),
      clicks AS (
        SELECT c.intent_id, min(c.position) AS first_position, array_agg(DISTINCT d.slug) AS departments
        FROM search_clicks c LEFT JOIN departments d ON d.id = c.department_id
        WHERE c.intent_id IN (SELECT intent_id FROM final)
        GROUP BY c.intent_id
      ),
      intents AS (
        SELECT f.*, c.first_position, c.departments FROM final f LEFT JOIN clicks c USING (intent_id)
        WHERE $3::text IS NULL OR $3 = ANY(c.departments)
      )`;
    const params = [from, to, department];
    const stats = (where: string, order: string) =>
      this.dataSource.query<Omit<QueryStats, 'clickThroughRate'>[]>(
        `${intents}
         SELECT query, count(*)::int AS searches, count(*) FILTER (WHERE result_count = 0)::int AS "zeroResults",
           count(first_position)::int AS clicked, avg(first_position)::float AS "meanClickPosition"
         FROM intents ${where} GROUP BY query ORDER BY ${order}, query LIMIT ${LIMIT}`,
        params,
      );
    const [totals] = await this.dataSource.query<[TotalsRow]>(
      `${intents}
       SELECT count(*)::int AS searches, count(*) FILTER (WHERE result_count = 0)::int AS "zeroResults",
         count(*) FILTER (WHERE first_position IS NULL)::int AS "withoutClick", count(first_position)::int AS clicked,
         avg(first_position)::float AS "meanClickPosition", count(*) FILTER (WHERE fallback)::int AS "fallbackSearches",
         (SELECT count(*)::int FROM search_log WHERE created_at >= $1 AND created_at < $2) AS keystrokes
       FROM intents`,
      params,
    );
    const byDepartment = await this.dataSource.query<SearchReport['byDepartment']>(
      `${intents}
       SELECT d.slug AS department, d.name, count(*)::int AS "clickedSearches"
       FROM intents i CROSS JOIN LATERAL unnest(i.departments) AS s(slug) JOIN departments d ON d.slug = s.slug
       GROUP BY d.slug, d.name ORDER BY "clickedSearches" DESC, d.slug`,
      params,
    );
    const withRate = (rows: Omit<QueryStats, 'clickThroughRate'>[]): QueryStats[] =>
      rows.map((r) => ({ ...r, clickThroughRate: ratio(r.clicked, r.searches), meanClickPosition: round(r.meanClickPosition) }));
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      department,
      totals: {
        searches: totals.searches,
        keystrokes: totals.keystrokes,
        zeroResults: totals.zeroResults,
        withoutClick: totals.withoutClick,
        clickThroughRate: ratio(totals.clicked, totals.searches),
        meanClickPosition: round(totals.meanClickPosition),
        fallbackSearches: totals.fallbackSearches,
      },
      topQueries: withRate(await stats('', 'searches DESC')),
      zeroResultQueries: withRate(await stats('WHERE result_count = 0', 'searches DESC')),
      noClickQueries: withRate(await stats('WHERE result_count > 0 AND first_position IS NULL', 'searches DESC')),
      byDepartment,
    };
  }

  /**
   * How often agents opened each of `articleIds` from search results in [from, to): the weight of
   * an article in the content-health figures. Articles never opened are absent.
   */
  async opensByArticle(articleIds: string[], from: Date, to: Date): Promise<Map<string, number>> {
    if (articleIds.length === 0) return new Map();
    await this.searchLog.flush();
    const rows: { article_id: string; opens: number }[] = await this.dataSource.query(
      `SELECT article_id, count(*)::int AS opens FROM search_clicks
       WHERE article_id = ANY($1::uuid[]) AND created_at >= $2 AND created_at < $3
       GROUP BY article_id`,
      [articleIds, from, to],
    );
    return new Map(rows.map((r) => [r.article_id, r.opens]));
  }

  /** The report's query tables as CSV (one row per query and table). */
  toCsv(report: SearchReport): string {
    const header = 'table,query,searches,zero_results,clicked,click_through_rate,mean_click_position';
    const rows = (['topQueries', 'zeroResultQueries', 'noClickQueries'] as const).flatMap((table) =>
      report[table].map((r) =>
        [table, csvCell(r.query), r.searches, r.zeroResults, r.clicked, r.clickThroughRate, r.meanClickPosition ?? ''].join(','),
      ),
    );
    return [header, ...rows].join('\r\n') + '\r\n';
  }
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : Math.round((a / b) * 1000) / 1000);
const round = (n: number | null): number | null => (n === null ? null : Math.round(n * 100) / 100);

/** Quotes a CSV cell and defuses spreadsheet formulas (=, +, -, @ at the start). */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

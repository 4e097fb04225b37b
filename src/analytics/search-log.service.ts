import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PublishedArticlesService } from '../articles/published-articles.service';
import { Clock } from '../common/time/clock';
import { SearchNotFoundError } from './analytics.errors';
import { scrubPersonalData } from '../common/privacy/personal-data-scrubber';

/** Keystrokes closer together than this, each extending or trimming the last, are one search. */
const INTENT_WINDOW_MS = 20_000;
/** Searches written per statement. */
const MAX_BATCH = 500;

export interface SearchRecord {
  actorId: string;
  query: string;
  engine: string;
  fallback: boolean;
  resultCount: number;
  tookMs: number;
  filters: object;
}

/**
 * Logs searches and clicks for the search reports. Personal data (BSN, phone, e-mail, postcode,
 * IBAN, licence plate, long numbers, dates) is scrubbed before anything is stored; the searcher is a
 * pseudonym that changes daily.
 */
@Injectable()
export class SearchLogService {
  private readonly logger = new Logger(SearchLogService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly articles: PublishedArticlesService,
  ) {}

  /** Searches recorded but not yet written, in the order they were made. */
  private buffer: { id: string; now: Date; search: SearchRecord }[] = [];
  /** The batch being written, if any: at most one at a time, so rows keep their order. */
  private writing: Promise<void> | null = null;

  /**
   * Returns the queryId clients send back with a click at once; rows are written in the background,
   * in order, many per statement (one lookup and one insert per batch instead of two round trips per
   * search), so logging never adds to an agent's wait and keeps up with cache hits.
   */
  record(search: SearchRecord): string {
    const id = randomUUID();
    this.buffer.push({ id, now: this.clock.now(), search });
    this.writing ??= this.writeBuffered();
    return id;
  }

  /** Resolves when every search recorded so far is stored. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async writeBuffered(): Promise<void> {
    // Let the searches of this tick join the batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.buffer.length) {
      const batch = this.buffer.splice(0, MAX_BATCH);
      await this.write(batch).catch((error: Error) => this.logger.warn(`${batch.length} searches not logged: ${error.message}`));
    }
    this.writing = null;
  }

  private async write(batch: { id: string; now: Date; search: SearchRecord }[]): Promise<void> {
    const rows = batch.map(({ id, now, search }) => ({
      id,
      searcher: pseudonym(search.actorId, now),
      query: normalizeForLog(scrubPersonalData(search.query).text),
      engine: search.engine,
      fallback: search.fallback,
      result_count: search.resultCount,
      took_ms: search.tookMs,
      filters: search.filters,
      created_at: now,
      intent_id: '',
    }));
    // Each searcher's last search within the window (stored, or earlier in this batch) decides the intent.
    const earliest = Math.min(...batch.map((b) => b.now.getTime()));
    const previous: { searcher: string; intent_id: string; query: string; created_at: Date }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (searcher) searcher, intent_id, query, created_at FROM search_log
       WHERE searcher = ANY($1::text[]) AND created_at > $2 ORDER BY searcher, created_at DESC, seq DESC`,
      [[...new Set(rows.map((r) => r.searcher))], new Date(earliest - INTENT_WINDOW_MS)],
    );
    const last = new Map(
      previous.map((p) => [p.searcher, { intentId: p.intent_id, query: p.query, at: new Date(p.created_at).getTime() }]),
    );
    for (const row of rows) {
      const before = last.get(row.searcher);
      const at = row.created_at.getTime();
      row.intent_id = before && before.at > at - INTENT_WINDOW_MS && sameIntent(before.query, row.query) ? before.intentId : randomUUID();
      last.set(row.searcher, { intentId: row.intent_id, query: row.query, at });
    }
    await this.dataSource.query(
      `INSERT INTO search_log (id, intent_id, searcher, query, engine, fallback, result_count, took_ms, filters, created_at)
       SELECT r.id, r.intent_id, r.searcher, r.query, r.engine, r.fallback, r.result_count, r.took_ms, r.filters, r.created_at
       -- a function scan keeps the array's order, so seq follows the order the searches were made
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, intent_id uuid, searcher text, query text, engine text,
         fallback boolean, result_count int, took_ms float8, filters jsonb, created_at timestamptz)`,
      [JSON.stringify(rows)],
    );
  }

  async recordClick(queryId: string, articleId: string, position: number): Promise<void> {
    await this.flush();
    const departmentId = await this.articles.departmentIdOf(articleId);
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO search_clicks (search_id, intent_id, article_id, department_id, position, created_at)
       SELECT s.id, s.intent_id, $2::uuid, $5::uuid, $3, $4
       FROM search_log s
       WHERE s.id = $1
       RETURNING id`,
      [queryId, articleId, position, this.clock.now(), departmentId],
    );
    if (inserted.length === 0) throw new SearchNotFoundError(queryId);
  }
}

/** Lower case, single spaces; what reports group by. */
export function normalizeForLog(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim().slice(0, 500);
}

/** "pasp" → "paspo" → "paspoort" (or back) are one search being typed. */
export function sameIntent(previous: string, next: string): boolean {
  return next.startsWith(previous) || previous.startsWith(next);
}

function pseudonym(actorId: string, now: Date): string {
  return createHash('sha256')
    .update(`${actorId}:${now.toISOString().slice(0, 10)}`)
    .digest('hex')
    .slice(0, 16);
}

import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PublishedArticlesService } from '../articles/published-articles.service';
import { BackgroundWork } from '../common/background/background-work';
import { Clock } from '../common/time/clock';
import { SearchNotFoundError } from './analytics.errors';
import { scrubPersonalData } from '../common/privacy/personal-data-scrubber';

/** Keystrokes closer together than this, each extending or trimming the last, are one search. */
const INTENT_WINDOW_MS = 20_000;

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
  private readonly writes = new BackgroundWork(new Logger(SearchLogService.name));

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly articles: PublishedArticlesService,
  ) {}

  /**
   * Returns the queryId clients send back with a click at once; the row is written in the
   * background, in order, so logging never adds to an agent's wait.
   */
  record(search: SearchRecord): string {
    const id = randomUUID();
    const now = this.clock.now();
    this.writes.run('logging a search', () => this.write(id, now, search));
    return id;
  }

  /** Resolves when every search recorded so far is stored. */
  flush(): Promise<void> {
    return this.writes.settle();
  }

  private async write(id: string, now: Date, search: SearchRecord): Promise<void> {
    const query = normalizeForLog(scrubPersonalData(search.query).text);
    const searcher = pseudonym(search.actorId, now);
    const [previous]: { intent_id: string; query: string }[] = await this.dataSource.query(
      `SELECT intent_id, query FROM search_log WHERE searcher = $1 AND created_at > $2 ORDER BY created_at DESC, seq DESC LIMIT 1`,
      [searcher, new Date(now.getTime() - INTENT_WINDOW_MS)],
    );
    const intentId = previous && sameIntent(previous.query, query) ? previous.intent_id : randomUUID();
    await this.dataSource.query(
      `INSERT INTO search_log (id, intent_id, searcher, query, engine, fallback, result_count, took_ms, filters, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        id,
        intentId,
        searcher,
        query,
        search.engine,
        search.fallback,
        search.resultCount,
        search.tookMs,
        JSON.stringify(search.filters),
        now,
      ],
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

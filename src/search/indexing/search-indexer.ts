import { Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PublishedArticlesService } from '../../articles/published-articles.service';
import { DutchAnalyzer } from '../dutch/dutch-analyzer';
import { PostgresSearchEngine } from '../postgres/postgres-search.engine';
import { buildSearchDocument } from '../search-document.builder';
import type { SearchDocument } from '../search-document';
import { MetricsService } from '../../metrics/metrics.service';
import { IndexWriter, SecondarySearchEngine } from './secondary-engine';
import { IndexGeneration } from '../query/index-generation';

export interface DrainResult {
  claimed: number;
  indexed: number;
  removed: number;
}

const BATCH = 200;
const PARALLEL_BATCHES = 2;
/** Term statistics (idf weights) are refreshed at most this often while content changes. */
const STATISTICS_MAX_AGE_MS = 10 * 60_000;
/** Held exclusively while the secondary engine's index is rebuilt; drains hold it shared. */
const SECONDARY_REBUILD_LOCK = 7_422_012;
/** Retry of failed secondary writes: 5 s, doubling, at most 10 minutes. */
const RETRY_SQL = `least(interval '5 seconds' * power(2, attempts), interval '10 minutes')`;

/**
 * The one indexing pipeline: outbox → current state → document builder → engines. A batch is claimed
 * with SKIP LOCKED, coalesced per article, and each article is rebuilt from what is live now, so a
 * replay is harmless. The PostgreSQL index is written in the claiming transaction: a crash at any
 * point leaves the rows in the outbox and loses nothing. Per-article advisory locks keep two workers
 * from writing an older state over a newer one.
 */
@Injectable()
export class SearchIndexer {
  private readonly logger = new Logger(SearchIndexer.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly published: PublishedArticlesService,
    private readonly postgres: PostgresSearchEngine,
    private readonly analyzer: DutchAnalyzer,
    @Optional() private readonly secondary?: SecondarySearchEngine,
    @Optional() private readonly metrics?: MetricsService,
    @Optional() private readonly generation?: IndexGeneration,
  ) {}

  /** Drains until the outbox is empty; returns how many rows were handled. */
  async drain(): Promise<number> {
    let total = 0;
    // Two batches in flight: while PostgreSQL writes one, this process reads and analyses the next
    // (SKIP LOCKED hands them different outbox rows; per-article locks keep their order).
    const loop = async () => {
      for (;;) {
        const { claimed } = await this.drainBatch();
        total += claimed;
        if (claimed < BATCH) return;
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_BATCHES }, loop));
    // Also with nothing new: rows whose retry is due go out.
    if (this.secondary) await this.drainSecondary().catch((e: Error) => this.logger.warn(`secondary engine: ${e.message}`));
    if (total && (await this.postgres.statisticsStale(STATISTICS_MAX_AGE_MS))) await this.postgres.refreshStatistics();
    // This process's cached answers reflect the write before the drain is done (others: by notification).
    if (total) await this.generation?.afterIndexWrite();
    return total;
  }

  async drainBatch(batchSize = BATCH, hooks: { beforeCommit?: () => Promise<void> } = {}): Promise<DrainResult> {
    return this.dataSource.transaction(async (manager) => {
      const ids = await this.claim(manager, 'article_outbox', batchSize);
      if (ids.length === 0) return { claimed: 0, indexed: 0, removed: 0 };
      const { documents, removed } = await this.documentsFor(manager, ids);
      await this.postgres.write(manager, documents, removed);
      if (this.secondary) await manager.query('INSERT INTO search_secondary_outbox (article_id) SELECT unnest($1::uuid[])', [ids]);
      await hooks.beforeCommit?.();
      return { claimed: ids.length, indexed: documents.length, removed: removed.length };
    });
  }

  /**
   * Pushes what PostgreSQL already has to the secondary engine. Every write's task is checked: when
   * one fails (or times out) the claim rolls back, so the rows stay, and they are retried with
   * backoff. During a reindex the rows wait: the rebuild catches them up into the new index.
   */
  async drainSecondary(): Promise<number> {
    if (!this.secondary) return 0;
    let total = 0;
    for (;;) {
      let ids: string[] = [];
      let claimed: number;
      try {
        claimed = await this.dataSource.transaction(async (manager) => {
          const [{ free }] = await manager.query<[{ free: boolean }]>('SELECT pg_try_advisory_xact_lock_shared($1) AS free', [
            SECONDARY_REBUILD_LOCK,
          ]);
          if (!free) return 0;
          ids = await this.claim(manager, 'search_secondary_outbox', BATCH);
          if (ids.length === 0) return 0;
          const { documents, removed } = await this.documentsFor(manager, ids);
          if (documents.length) await this.secondary!.upsert(documents);
          if (removed.length) await this.secondary!.remove(removed);
          return ids.length;
        });
      } catch (error) {
        if (ids.length) await this.deferSecondary(ids, error);
        throw error;
      }
      total += claimed;
      if (claimed > 0) await this.postgres.bumpGeneration(ids);
      if (claimed < BATCH) return total;
    }
  }

  /** Failed rows (back in the outbox after the rollback) wait longer each time; the error is kept for /health/ready. */
  private async deferSecondary(ids: string[], error: unknown): Promise<void> {
    const raw = (error as { code?: unknown }).code ?? (error as { cause?: { code?: unknown } }).cause?.code ?? (error as Error).name;
    const code = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : 'unknown';
    this.metrics?.recordEngineTaskFailure(this.secondary!.name, code);
    this.logger.warn(`${this.secondary!.name}: ${ids.length} articles not written (${code}: ${(error as Error).message}); retrying later`);
    await this.dataSource.query(
      `UPDATE search_secondary_outbox SET attempts = attempts + 1, next_attempt_at = now() + ${RETRY_SQL}, last_error = $2
        WHERE article_id = ANY($1::uuid[])`,
      [ids, `${code}: ${String((error as Error).message).slice(0, 300)}`],
    );
  }

  /** Rows whose last attempt failed, and the latest error, for /health/ready and /metrics. */
  async secondaryRetries(): Promise<{ retrying: number; lastError: string | null; nextRetryAt: string | null }> {
    const [row]: { retrying: number; last_error: string | null; next: Date | null }[] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE attempts > 0)::int AS retrying,
              (array_agg(last_error ORDER BY id DESC) FILTER (WHERE last_error IS NOT NULL))[1] AS last_error,
              min(next_attempt_at) FILTER (WHERE attempts > 0) AS next
         FROM search_secondary_outbox`,
    );
    return { retrying: row.retrying, lastError: row.last_error, nextRetryAt: row.next ? new Date(row.next).toISOString() : null };
  }

  /** What waits in an outbox: rows and the age of the oldest (database time, like the rows' created_at). */
  async backlog(table: 'article_outbox' | 'search_secondary_outbox'): Promise<{ pending: number; oldestAgeSeconds: number }> {
    const [row]: { pending: number; age: number | null }[] = await this.dataSource.query(
      `SELECT count(*)::int AS pending, extract(epoch FROM now() - min(created_at))::float8 AS age FROM ${table}`,
    );
    return { pending: row.pending, oldestAgeSeconds: Math.max(0, row.age ?? 0) };
  }

  /** Rebuilds every engine's index from the live articles and swaps it in. */
  async reindexAll(onProgress?: (done: number, total: number) => void): Promise<number> {
    const n = await this.published.countLive();
    let done = 0;
    const pages = async function* (this: SearchIndexer): AsyncGenerator<SearchDocument[]> {
      let after: string | null = null;
      for (;;) {
        const ids = await this.published.liveIdsAfter(after, 500);
        if (ids.length === 0) return;
        after = ids[ids.length - 1];
        const { documents } = await this.documentsFor(this.dataSource.manager, ids);
        done += documents.length;
        onProgress?.(done, n);
        yield documents;
      }
    }.bind(this);
    onProgress?.(0, n);
    const count = await this.postgres.replaceAll(pages());
    await this.postgres.refreshStatistics();
    if (this.secondary) {
      done = 0;
      await this.whileRebuilding(() => this.secondary!.replaceAll(pages(), (fresh) => this.catchUp(fresh)));
      // The caught-up rows are still queued: replayed on the index now live (harmless), and kept if the swap failed.
      await this.drainSecondary().catch((e: Error) => this.logger.warn(`secondary engine: ${e.message}`));
    }
    return count;
  }

  /** Drains of the secondary outbox pause (rows wait) while `work` rebuilds its index. */
  private async whileRebuilding<T>(work: () => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [SECONDARY_REBUILD_LOCK]);
      try {
        return await work();
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [SECONDARY_REBUILD_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  /** Everything queued for the secondary engine since the rebuild began, written into the new index before the swap. */
  private async catchUp(fresh: IndexWriter): Promise<void> {
    let after = 0;
    for (;;) {
      const rows: { id: string; article_id: string }[] = await this.dataSource.query(
        'SELECT id, article_id FROM search_secondary_outbox WHERE id > $1 ORDER BY id LIMIT $2',
        [after, BATCH],
      );
      if (rows.length === 0) return;
      after = Number(rows[rows.length - 1].id);
      const { documents, removed } = await this.documentsFor(this.dataSource.manager, [...new Set(rows.map((r) => r.article_id))]);
      await fresh.upsert(documents);
      await fresh.remove(removed);
    }
  }

  private async claim(manager: EntityManager, table: 'article_outbox' | 'search_secondary_outbox', limit: number): Promise<string[]> {
    // TypeORM answers a DELETE … RETURNING with [rows, affectedCount].
    const [rows]: [{ article_id: string }[], number] = await manager.query(
      `DELETE FROM ${table} WHERE id IN (SELECT id FROM ${table} ${table === 'search_secondary_outbox' ? 'WHERE next_attempt_at <= now()' : ''} ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED) RETURNING article_id`,
      [limit],
    );
    const ids = [...new Set(rows.map((r) => r.article_id))].sort();
    // Serialise per article across workers, in a fixed order (no deadlocks); held until commit.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended(id, 7)) FROM unnest($1::text[]) AS id ORDER BY id`, [ids]);
    return ids;
  }

  private async documentsFor(manager: EntityManager, ids: string[]): Promise<{ documents: SearchDocument[]; removed: string[] }> {
    const live = await this.published.findLive(ids, manager);
    const documents = live.map((l) => buildSearchDocument(l, this.analyzer));
    const liveIds = new Set(documents.map((d) => d.id));
    return { documents, removed: ids.filter((id) => !liveIds.has(id)) };
  }
}

import { Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PublishedArticlesService } from '../../articles/published-articles.service';
import { DutchAnalyzer } from '../dutch/dutch-analyzer';
import { PostgresSearchEngine } from '../postgres/postgres-search.engine';
import { buildSearchDocument } from '../search-document.builder';
import type { SearchDocument } from '../search-document';
import { SecondarySearchEngine } from './secondary-engine';

export interface DrainResult {
  claimed: number;
  indexed: number;
  removed: number;
}

const BATCH = 200;
const PARALLEL_BATCHES = 2;
/** Term statistics (idf weights) are refreshed at most this often while content changes. */
const STATISTICS_MAX_AGE_MS = 10 * 60_000;

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
    if (total && this.secondary) await this.drainSecondary().catch((e: Error) => this.logger.warn(`secondary engine: ${e.message}`));
    if (total && (await this.postgres.statisticsStale(STATISTICS_MAX_AGE_MS))) await this.postgres.refreshStatistics();
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

  /** Pushes what PostgreSQL already has to the secondary engine; on failure the rows stay for a retry. */
  async drainSecondary(): Promise<number> {
    if (!this.secondary) return 0;
    let total = 0;
    for (;;) {
      const claimed = await this.dataSource.transaction(async (manager) => {
        const ids = await this.claim(manager, 'search_secondary_outbox', BATCH);
        if (ids.length === 0) return 0;
        const { documents, removed } = await this.documentsFor(manager, ids);
        if (documents.length) await this.secondary!.upsert(documents);
        if (removed.length) await this.secondary!.remove(removed);
        return ids.length;
      });
      total += claimed;
      if (claimed > 0) await this.postgres.bumpGeneration();
      if (claimed < BATCH) return total;
    }
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
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM articles WHERE published_version IS NOT NULL AND status <> 'archived'`,
    );
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
      await this.secondary.replaceAll(pages());
    }
    return count;
  }

  private async claim(manager: EntityManager, table: 'article_outbox' | 'search_secondary_outbox', limit: number): Promise<string[]> {
    // TypeORM answers a DELETE … RETURNING with [rows, affectedCount].
    const [rows]: [{ article_id: string }[], number] = await manager.query(
      `DELETE FROM ${table} WHERE id IN (SELECT id FROM ${table} ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED) RETURNING article_id`,
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

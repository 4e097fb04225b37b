import { Logger } from '@nestjs/common';
import { Client, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';
import { CandidateDocument, CandidateIndex, readTsvector } from './candidate-index';
import { changesSince } from './postgres-index-changes';

/** Documents read per statement when loading. */
const LOAD_CHUNK = 2_000;

interface DocumentRow {
  id: string;
  indexed_at: string;
  title: string;
  kind: string;
  audience: string;
  department_slug: string;
  themes: string[];
  life_events: string[];
  target_groups: string[];
  vector: string;
  kcc: string;
}

interface Reader {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

const DOCUMENT_COLUMNS = `article_id AS id, indexed_at::text AS indexed_at, title, kind, audience, department_slug, themes,
  life_events, target_groups, vector::text AS vector, kcc_vector::text AS kcc`;

/**
 * Keeps this process's CandidateIndex equal to `search_documents` at a known index generation. Every
 * index write moves the generation in its own transaction and records the articles it changed
 * (postgres-index-changes.ts); a search reads the generation with its plan and first brings the
 * index up to it, so a search never misses a write committed before it began (as when PostgreSQL
 * matched itself). Catching up reads, in one snapshot, the generation, the changes since the last one
 * applied and the changed documents; a gap in the record (a reindex, a manual bump, a statistics
 * refresh, pruned history) compares every document's `indexed_at` instead. The first search loads
 * everything (the API warms it at start).
 */
export class PostgresCandidateSource {
  private readonly logger = new Logger(PostgresCandidateSource.name);
  private readonly index = new CandidateIndex();
  private generation: bigint | null = null;
  private syncing: Promise<void> | null = null;

  constructor(private readonly dataSource: DataSource) {}

  /** The index, current to at least `generation` (read by the search that asks). */
  async at(generation: string): Promise<CandidateIndex> {
    const target = BigInt(generation);
    while (this.generation === null || this.generation < target) {
      // One catch-up at a time, shared by every search waiting for it; a search that read a newer
      // generation than the one in flight catches up once more.
      await (this.syncing ??= this.sync().finally(() => (this.syncing = null)));
    }
    return this.index;
  }

  /**
   * On a connection of its own, not the pool's: the searches waiting for it hold pool connections,
   * and would otherwise starve it.
   */
  private async sync(): Promise<void> {
    const client = new Client({ connectionString: (this.dataSource.options as { url?: string }).url, connectionTimeoutMillis: 10_000 });
    client.on('error', () => undefined); // a failure surfaces through the query that meets it
    await client.connect();
    const runner: Reader = {
      query: async <T>(sql: string, params?: unknown[]) => (await client.query<T & QueryResultRow>(sql, params)).rows,
    };
    try {
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const started = Date.now();
      const since = this.generation;
      const { generation, changes } = await changesSince((sql, params) => runner.query(sql, params), since?.toString() ?? null);
      const target = BigInt(generation);
      let contiguous = since !== null && target >= since;
      let at = since ?? 0n;
      for (const change of changes) {
        contiguous &&= BigInt(change.generation) === at + 1n;
        at = BigInt(change.generation);
      }
      if (contiguous && at === target) {
        await this.reload(runner, [...new Set(changes.flatMap((c) => c.articleIds))]);
      } else {
        const counted = await this.compareAll(runner);
        if (since === null) this.logger.log(`candidate index loaded: ${counted} documents in ${Date.now() - started} ms`);
      }
      this.generation = target;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** Reads `ids` again: present ones are put, missing ones removed. */
  private async reload(runner: Reader, ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += LOAD_CHUNK) {
      const chunk = ids.slice(i, i + LOAD_CHUNK);
      const rows = await runner.query<DocumentRow>(`SELECT ${DOCUMENT_COLUMNS} FROM search_documents WHERE article_id = ANY($1::uuid[])`, [
        chunk,
      ]);
      const found = new Set(rows.map((r) => r.id));
      this.index.remove(chunk.filter((id) => !found.has(id)));
      this.index.put(rows.map(toDocument));
    }
  }

  /** Every document's `indexed_at` against the index: the new and rewritten ones are read, the gone ones removed. */
  private async compareAll(runner: Reader): Promise<number> {
    const stored = await runner.query<{ id: string; indexed_at: string }>(
      'SELECT article_id AS id, indexed_at::text AS indexed_at FROM search_documents',
    );
    const present = new Set(stored.map((r) => r.id));
    this.index.remove([...this.index.ids()].filter((id) => !present.has(id)));
    await this.reload(
      runner,
      stored.filter((r) => this.index.indexedAt(r.id) !== r.indexed_at).map((r) => r.id),
    );
    return stored.length;
  }
}

function toDocument(row: DocumentRow): CandidateDocument {
  const terms = new Map<string, number>();
  readTsvector(row.vector, false, terms);
  readTsvector(row.kcc, true, terms);
  return {
    id: row.id,
    indexedAt: row.indexed_at,
    title: row.title,
    kind: row.kind,
    audience: row.audience,
    departmentSlug: row.department_slug,
    themes: row.themes,
    lifeEvents: row.life_events,
    targetGroups: row.target_groups,
    terms,
  };
}

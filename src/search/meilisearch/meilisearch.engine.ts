import type { MeilisearchEmbedder } from '../../config/app-config';
import { Logger } from '@nestjs/common';
import { MeiliSearch } from 'meilisearch';
import type { EnqueuedTaskPromise, Settings, Task } from 'meilisearch';
import type { DutchAnalyzer } from '../dutch/dutch-analyzer';
import { EngineReadiness, IndexWriter, SecondarySearchEngine } from '../indexing/secondary-engine';
import type { QueryPlan } from '../query/query-plan';
import type { SearchDocument } from '../search-document';
import { EngineQuery, EngineResult, Suggestion, emptyFacets } from '../search-engine';
import { awaitTask, toMeili } from './meilisearch-documents';
import type { MeiliDocument } from './meilisearch-documents';
import { queryText, searchParams, suggestParams, toEngineResult, toSuggestions } from './meilisearch-query';
import { indexSettings, sameSetting } from './meilisearch-settings';

/** The oldest server this adapter speaks to: `swapIndexes` with `rename` (used by the reindex) came in 1.18. */
export const MIN_MEILISEARCH_VERSION = '1.18.0';

export interface MeilisearchOptions {
  url: string;
  apiKey: string;
  /** index uid; tests use their own per run */
  index?: string;
  /** a search or suggestion answers within this, or search falls back to PostgreSQL */
  searchTimeoutMs?: number;
  /** one write request (documents, settings, swap) */
  writeTimeoutMs?: number;
  /** how long a write's task may take to finish before it counts as failed (and is retried) */
  taskTimeoutMs?: number;
  /** optional hybrid search: Meilisearch embeds documents and queries itself */
  embedder?: MeilisearchEmbedder | null;
  /** the current synonym groups (analysed); every settings update carries them, so none wipes them */
  synonyms?: () => Promise<string[][]>;
}

/** The server is older than the adapter supports: a configuration error, not an outage. */
export class MeilisearchVersionError extends Error {}

/**
 * Meilisearch adapter (production). Indexes the analysed keys, so Dutch stemming and compound
 * splitting (which Meilisearch lacks) happen in our analyzer for both engines alike; Meilisearch adds
 * its typo tolerance, ranking and facets. Settings live here and are applied idempotently, always
 * complete and in one update; a full reindex builds a fresh index and swaps it in atomically. Every
 * task is awaited and checked: a failed one throws, so its outbox rows stay for a retry.
 */
export class MeilisearchEngine extends SecondarySearchEngine {
  readonly name = 'meilisearch' as const;
  readonly uid: string;
  private readonly logger = new Logger(MeilisearchEngine.name);
  /** searches, suggestions and probes: short timeout */
  private readonly reader: MeiliSearch;
  /** writes: bulk documents take longer */
  private readonly writer: MeiliSearch;
  private readonly taskTimeoutMs: number;
  private readonly embedder: MeilisearchEmbedder | null;
  private synonyms: string[][] | null = null;

  constructor(
    private readonly options: MeilisearchOptions,
    private readonly analyzer: DutchAnalyzer,
  ) {
    super();
    this.uid = options.index ?? 'kennisbank_articles';
    const apiKey = options.apiKey || undefined;
    this.reader = new MeiliSearch({ host: options.url, apiKey, timeout: options.searchTimeoutMs ?? 1_500 });
    this.writer = new MeiliSearch({ host: options.url, apiKey, timeout: options.writeTimeoutMs ?? 30_000 });
    this.taskTimeoutMs = options.taskTimeoutMs ?? 120_000;
    this.embedder = options.embedder ?? null;
  }

  /** Refuses a server older than MIN_MEILISEARCH_VERSION, with what to do about it. */
  async assertSupportedVersion(): Promise<string> {
    const { pkgVersion } = await this.reader.getVersion();
    if (compareVersions(pkgVersion, MIN_MEILISEARCH_VERSION) < 0) {
      throw new MeilisearchVersionError(
        `Meilisearch ${pkgVersion} at ${this.options.url} is older than ${MIN_MEILISEARCH_VERSION}, the oldest version this ` +
          `kennisbank supports (it swaps indexes with \`rename\` and sends settings introduced since). ` +
          `Upgrade the server (docker-compose.yml pins a supported release) or set SEARCH_ENGINE=postgres.`,
      );
    }
    return pkgVersion;
  }

  /**
   * True when the configured key may list API keys (the master key or an admin key): more power than
   * the kennisbank needs, so start-up warns. A scoped key is refused here (403), which is right.
   */
  async keyTooPowerful(): Promise<boolean> {
    return this.reader.getKeys({ limit: 1 }).then(
      () => true,
      (e: { cause?: { code?: string } }) => {
        if (['invalid_api_key', 'missing_authorization_header'].includes(e.cause?.code ?? '')) return false;
        throw e;
      },
    );
  }

  /** Start-up: checks the version, creates the index if needed, applies the complete settings in one update. */
  async ensureIndex(uid = this.uid): Promise<void> {
    await this.assertSupportedVersion();
    const exists = await this.indexExists(uid);
    if (!exists) await this.wait(this.writer.createIndex(uid, { primaryKey: 'id' }), `create index ${uid}`);
    await this.wait(this.writer.index(uid).updateSettings(await this.settings()), `settings of ${uid}`);
  }

  async upsert(documents: SearchDocument[], uid = this.uid): Promise<void> {
    if (!documents.length) return;
    await this.wait(this.writer.index(uid).addDocuments(documents.map(toMeili), { primaryKey: 'id' }), `add ${documents.length} documents`);
  }

  async remove(ids: string[], uid = this.uid): Promise<void> {
    if (!ids.length) return;
    await this.wait(this.writer.index(uid).deleteDocuments(ids), `delete ${ids.length} documents`);
  }

  /**
   * Builds a fresh index, lets `beforeSwap` write every change made since the build started into it,
   * then swaps it in; the old index is deleted. A failure leaves the live index as it was.
   */
  async replaceAll(pages: AsyncIterable<SearchDocument[]>, beforeSwap?: (fresh: IndexWriter) => Promise<void>): Promise<number> {
    const fresh = `${this.uid}_${Date.now()}`;
    await this.ensureIndex(this.uid);
    await this.ensureIndex(fresh);
    try {
      let count = 0;
      for await (const page of pages) {
        await this.upsert(page, fresh);
        count += page.length;
      }
      await beforeSwap?.({ upsert: (d) => this.upsert(d, fresh), remove: (ids) => this.remove(ids, fresh) });
      await this.wait(this.writer.swapIndexes([{ indexes: [this.uid, fresh], rename: false }]), 'swap indexes');
      return count;
    } finally {
      // After the swap `fresh` holds the old documents; before it, a half-built index. Either way: gone.
      await this.dropIndex(fresh).catch((e: Error) => this.logger.warn(`index ${fresh} not deleted: ${e.message}`));
    }
  }

  /** Deletes an index (tests clean up their own; the reindex its leftovers). */
  async dropIndex(uid = this.uid): Promise<void> {
    await this.wait(this.writer.deleteIndex(uid), `delete index ${uid}`);
  }

  async search(query: EngineQuery): Promise<EngineResult> {
    const q = queryText(query.plan);
    if (!q) return { total: 0, hits: [], facets: emptyFacets() };
    return toEngineResult(await this.reader.index<MeiliDocument>(this.uid).search(q, searchParams(query, this.embedder)));
  }

  async suggest(plan: QueryPlan, scope: 'staff' | 'public', limit: number): Promise<Suggestion[]> {
    const q = queryText(plan);
    if (!q) return [];
    return toSuggestions((await this.reader.index<MeiliDocument>(this.uid).search(q, suggestParams(scope, limit))).hits);
  }

  /** Synonyms are a setting: sent with all the others, in one update. */
  async applySynonyms(groups: string[][]): Promise<void> {
    this.synonyms = groups;
    await this.wait(this.writer.index(this.uid).updateSettings(await this.settings()), `settings of ${this.uid}`);
  }

  async isHealthy(): Promise<boolean> {
    return (await this.readiness()).healthy;
  }

  /** Ready = reachable, a supported version, the key works, the index exists and its settings are ours. */
  async readiness(): Promise<EngineReadiness> {
    const details: Record<string, unknown> = { index: this.uid };
    try {
      await this.reader.health();
      details.version = await this.assertSupportedVersion();
      const info = await this.reader
        .index(this.uid)
        .getRawInfo()
        .then(
          () => 'present',
          (e: { cause?: { code?: string } }) => {
            if (e.cause?.code === 'index_not_found') return 'missing';
            throw e;
          },
        );
      details.indexStatus = info;
      if (info === 'missing') return { healthy: false, details: { ...details, error: `index ${this.uid} does not exist` } };
      const live = (await this.reader.index(this.uid).getSettings()) as Record<string, unknown>;
      const wanted = (await this.settings()) as Record<string, unknown>;
      const differ = Object.keys(wanted).filter((k) => !sameSetting(k, wanted[k], live[k]));
      details.settings = differ.length ? { differ } : 'match';
      if (differ.length) return { healthy: false, details: { ...details, error: `settings differ: ${differ.join(', ')}` } };
      return { healthy: true, details };
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      return { healthy: false, details: { ...details, ...(code ? { code } : {}), error: String((error as Error).message).slice(0, 300) } };
    }
  }

  private async indexExists(uid: string): Promise<boolean> {
    return this.reader
      .index(uid)
      .getRawInfo()
      .then(
        () => true,
        (e: { cause?: { code?: string } }) => {
          if (e.cause?.code === 'index_not_found') return false;
          throw e;
        },
      );
  }

  private wait(enqueued: EnqueuedTaskPromise, what: string): Promise<Task> {
    return awaitTask(enqueued, what, this.taskTimeoutMs, this.logger);
  }

  private async settings(): Promise<Settings> {
    const synonyms = this.synonyms ?? (await this.options.synonyms?.()) ?? [];
    return indexSettings(this.analyzer, synonyms, this.embedder);
  }
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((x) => parseInt(x, 10) || 0);
  const pb = b.split(/[.-]/).map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

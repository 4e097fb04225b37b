import type { MeilisearchEmbedder } from '../../config/app-config';
import { Logger } from '@nestjs/common';
import { MeiliSearch, MeiliSearchTaskTimeOutError } from 'meilisearch';
import type { Embedder, EnqueuedTaskPromise, Settings, Task } from 'meilisearch';
import type { DutchAnalyzer } from '../dutch/dutch-analyzer';
import { EngineReadiness, IndexWriter, SecondarySearchEngine } from '../indexing/secondary-engine';
import type { QueryPlan } from '../query/query-plan';
import type { SearchDocument } from '../search-document';
import { EngineQuery, EngineResult, Facets, Suggestion, emptyFacets } from '../search-engine';

const FACETS = ['kind', 'department', 'themes', 'lifeEvents', 'targetGroups', 'audience'] as const;
const SEARCHABLE = ['terms_title', 'terms_synonyms', 'terms_summary', 'terms_body', 'terms_kcc'];
const DISPLAYED = [
  'id',
  'slug',
  'kind',
  'audience',
  'title',
  'summary',
  'bodyText',
  'department',
  'departmentId',
  'departmentName',
  'reviewDueAtIso',
];

interface MeiliDocument {
  id: string;
  version: number;
  slug: string;
  kind: string;
  audience: string;
  department: string;
  departmentId: string;
  departmentName: string;
  themes: string[];
  lifeEvents: string[];
  targetGroups: string[];
  title: string;
  summary: string;
  synonyms: string[];
  /** display only: their analysed keys are searched in terms_synonyms */
  alternativeQuestions: string[];
  bodyText: string;
  reviewDueAt: number | null;
  reviewDueAtIso: string | null;
  terms_title: string;
  terms_synonyms: string;
  terms_summary: string;
  terms_body: string;
  terms_kcc: string;
}

const quote = (value: string): string => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** The oldest server this adapter speaks to: `swapIndexes` with `rename` (used by the reindex) came in 1.18. */
export const MIN_MEILISEARCH_VERSION = '1.18.0';
/** Meilisearch considers only this many words of `q`; the rest are silently dropped. */
export const MEILI_QUERY_WORDS = 10;
const EMBEDDER = 'kennisbank';

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

/** A Meilisearch task that failed, was canceled or did not finish in time; `code` is Meilisearch's error code. */
export class MeilisearchTaskError extends Error {
  constructor(
    readonly code: string,
    readonly taskUid: number | null,
    message: string,
  ) {
    super(message);
  }
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
    const q = this.queryText(query.plan);
    if (!q) return { total: 0, hits: [], facets: emptyFacets() };
    const filter = this.filters(query);
    const result = await this.reader.index(this.uid).search(q, {
      filter,
      limit: query.limit,
      offset: query.offset,
      facets: [...FACETS],
      attributesToRetrieve: DISPLAYED,
      attributesToSearchOn: query.scope === 'staff' ? SEARCHABLE : SEARCHABLE.filter((a) => a !== 'terms_kcc'),
      matchingStrategy: 'frequency',
      showRankingScore: true,
      ...(this.embedder ? { hybrid: { embedder: EMBEDDER, semanticRatio: this.embedder.semanticRatio } } : {}),
    });
    const facets: Facets = emptyFacets();
    for (const name of FACETS) facets[name] = { ...(result.facetDistribution?.[name] ?? {}) };
    return {
      total: result.estimatedTotalHits ?? result.hits.length,
      facets,
      hits: result.hits.map((h) => ({
        id: h.id as string,
        score: Number(h._rankingScore ?? 0),
        document: {
          slug: h.slug,
          kind: h.kind,
          audience: h.audience,
          title: h.title,
          summary: h.summary,
          bodyText: h.bodyText,
          department: { id: h.departmentId, slug: h.department, name: h.departmentName },
          reviewDueAt: h.reviewDueAtIso ?? null,
        },
      })),
    };
  }

  async suggest(plan: QueryPlan, scope: 'staff' | 'public', limit: number): Promise<Suggestion[]> {
    const q = this.queryText(plan);
    if (!q) return [];
    const result = await this.reader.index(this.uid).search(q, {
      limit,
      filter: scope === 'public' ? 'audience = "public"' : undefined,
      attributesToSearchOn: ['terms_title', 'terms_synonyms'],
      attributesToRetrieve: ['id', 'slug', 'title', 'kind'],
      matchingStrategy: 'last',
    });
    return result.hits.map((h) => ({ text: h.title, id: h.id, slug: h.slug, title: h.title, kind: h.kind }));
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

  /**
   * Only the agent's own words (their keys), in order, within Meilisearch's 10-word limit, the word
   * being typed last, where Meilisearch prefixes. Synonyms are index settings and compounds are split
   * in the documents' keys, so no expansion needs to go in `q`, where it would push words out.
   */
  private queryText(plan: QueryPlan): string {
    const own: string[] = [];
    const typing: string[] = [];
    for (const group of plan.groups) {
      // The word being typed: its key (a finished word) and its prefix (an unfinished one), last.
      if (group.prefix) typing.push(...(group.alternatives[0] ?? []), group.prefix);
      else own.push(...(group.alternatives[0] ?? []));
    }
    const tail = [...new Set(typing)];
    const words = [...new Set(own)].filter((w) => !tail.includes(w));
    return [...words.slice(0, MEILI_QUERY_WORDS - tail.length), ...tail].join(' ');
  }

  private filters(query: EngineQuery): string[] {
    const f = query.filters;
    const filter: string[] = [];
    if (query.scope === 'public') filter.push('audience = "public"');
    if (f.audience) filter.push(`audience = ${quote(f.audience)}`);
    if (f.kind) filter.push(`kind = ${quote(f.kind)}`);
    if (f.department) filter.push(`department = ${quote(f.department)}`);
    if (f.theme) filter.push(`themes = ${quote(f.theme)}`);
    if (f.lifeEvent) filter.push(`lifeEvents = ${quote(f.lifeEvent)}`);
    if (f.targetGroup) filter.push(`targetGroups = ${quote(f.targetGroup)}`);
    return filter;
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

  /** Awaits a task and checks its outcome: failed, canceled or unfinished in time all throw. */
  private async wait(enqueued: EnqueuedTaskPromise, what: string): Promise<Task> {
    let task: Task;
    try {
      task = await enqueued.waitTask({ timeout: this.taskTimeoutMs, interval: 50 });
    } catch (error) {
      if (error instanceof MeiliSearchTaskTimeOutError) {
        throw new MeilisearchTaskError('task_timeout', null, `${what}: the task did not finish within ${this.taskTimeoutMs} ms`);
      }
      throw error;
    }
    if (task.status !== 'succeeded') {
      const code = task.error?.code ?? task.status;
      const error = new MeilisearchTaskError(
        code,
        task.uid,
        `${what}: task ${task.uid} ${task.status} (${code}: ${task.error?.message ?? 'no error'})`,
      );
      this.logger.warn(error.message);
      throw error;
    }
    return task;
  }

  private async currentSynonyms(): Promise<Record<string, string[]>> {
    const groups = this.synonyms ?? (await this.options.synonyms?.()) ?? [];
    const map: Record<string, string[]> = {};
    for (const group of groups) for (const member of group) map[member] = group.filter((m) => m !== member);
    return map;
  }

  private async settings(): Promise<Settings> {
    return {
      searchableAttributes: SEARCHABLE,
      displayedAttributes: DISPLAYED,
      filterableAttributes: [...FACETS, 'reviewDueAt'],
      sortableAttributes: ['title', 'reviewDueAt'],
      // Keys are already stemmed and stop words removed; these catch anything typed around them.
      stopWords: [...new Set(['de', 'het', 'een', 'en', 'van', 'ik', 'u', 'mijn', 'hoe', 'wat'].map((w) => this.analyzer.key(w)))],
      synonyms: await this.currentSynonyms(),
      typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
      pagination: { maxTotalHits: 2000 },
      ...(this.embedder ? { embedders: { [EMBEDDER]: embedderSettings(this.embedder) as Embedder } } : {}),
    };
  }
}

/** Meilisearch's embedder setting for our config; documents are embedded from title and summary. */
function embedderSettings(e: MeilisearchEmbedder): Record<string, unknown> {
  const settings: Record<string, unknown> = {
    source: e.source,
    documentTemplate: '{{doc.title}}. {{doc.summary}}',
  };
  if (e.url) settings.url = e.url;
  if (e.model) settings.model = e.model;
  if (e.apiKey) settings.apiKey = e.apiKey;
  if (e.dimensions) settings.dimensions = e.dimensions;
  if (e.source === 'rest') Object.assign(settings, { request: e.request, response: e.response });
  return settings;
}

/** Lists compare as sets (Meilisearch may reorder them); objects on the fields we set. */
function sameSetting(key: string, wanted: unknown, live: unknown): boolean {
  if (key === 'searchableAttributes') return JSON.stringify(wanted) === JSON.stringify(live);
  if (Array.isArray(wanted))
    return (
      Array.isArray(live) && wanted.length === live.length && wanted.every((w) => live.some((l) => JSON.stringify(l) === JSON.stringify(w)))
    );
  if (wanted && typeof wanted === 'object') {
    if (!live || typeof live !== 'object') return false;
    if (key === 'embedders' || key === 'synonyms') {
      const names = Object.keys(wanted);
      if (key === 'synonyms' && names.length !== Object.keys(live).length) return false;
      return names.every((n) => sameSetting(n, (wanted as Record<string, unknown>)[n], (live as Record<string, unknown>)[n]));
    }
    return Object.entries(wanted).every(([k, v]) => k === 'apiKey' || sameSetting(k, v, (live as Record<string, unknown>)[k]));
  }
  return wanted === live;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((x) => parseInt(x, 10) || 0);
  const pb = b.split(/[.-]/).map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

function toMeili(d: SearchDocument): MeiliDocument {
  return {
    id: d.id,
    version: d.version,
    slug: d.slug,
    kind: d.kind,
    audience: d.audience,
    department: d.department.slug,
    departmentId: d.department.id,
    departmentName: d.department.name,
    themes: d.themes,
    lifeEvents: d.lifeEvents,
    targetGroups: d.targetGroups,
    title: d.title,
    summary: d.summary,
    synonyms: d.synonyms,
    alternativeQuestions: d.alternativeQuestions,
    bodyText: d.bodyText,
    reviewDueAt: d.reviewDueAt ? Date.parse(d.reviewDueAt) : null,
    reviewDueAtIso: d.reviewDueAt,
    terms_title: d.terms.title,
    terms_synonyms: d.terms.synonyms,
    terms_summary: d.terms.summary,
    terms_body: d.terms.body,
    terms_kcc: d.terms.kcc,
  };
}

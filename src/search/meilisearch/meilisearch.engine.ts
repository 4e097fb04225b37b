import { Logger } from '@nestjs/common';
import { MeiliSearch } from 'meilisearch';
import type { DutchAnalyzer } from '../dutch/dutch-analyzer';
import { SecondarySearchEngine } from '../indexing/secondary-engine';
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

/**
 * Meilisearch adapter (production). Indexes the analysed keys, so Dutch stemming and compound
 * splitting (which Meilisearch lacks) happen in our analyzer for both engines alike; Meilisearch adds
 * its typo tolerance, ranking and facets. Settings live here and are applied idempotently; a full
 * reindex builds a fresh index and swaps it in atomically.
 */
export class MeilisearchEngine extends SecondarySearchEngine {
  readonly name = 'meilisearch' as const;
  private readonly logger = new Logger(MeilisearchEngine.name);
  private readonly client: MeiliSearch;
  private synonyms: Record<string, string[]> = {};

  constructor(
    url: string,
    apiKey: string,
    private readonly analyzer: DutchAnalyzer,
    private readonly uid = 'kennisbank_articles',
    timeoutMs = 1_500,
  ) {
    super();
    this.client = new MeiliSearch({ host: url, apiKey: apiKey || undefined, timeout: timeoutMs });
  }

  /** Creates the index if needed and applies the settings (idempotent); call at start-up. */
  async ensureIndex(uid = this.uid): Promise<void> {
    const exists = await this.client
      .index(uid)
      .getRawInfo()
      .then(() => true)
      .catch(() => false);
    if (!exists) await this.client.createIndex(uid, { primaryKey: 'id' }).waitTask({ timeout: 30_000 });
    await this.client.index(uid).updateSettings(this.settings()).waitTask({ timeout: 60_000 });
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    await this.client.index(this.uid).addDocuments(documents.map(toMeili), { primaryKey: 'id' }).waitTask({ timeout: 30_000 });
  }

  async remove(ids: string[]): Promise<void> {
    await this.client.index(this.uid).deleteDocuments(ids).waitTask({ timeout: 30_000 });
  }

  async replaceAll(pages: AsyncIterable<SearchDocument[]>): Promise<number> {
    const fresh = `${this.uid}_${Date.now()}`;
    await this.ensureIndex(this.uid);
    await this.ensureIndex(fresh);
    let count = 0;
    for await (const page of pages) {
      await this.client.index(fresh).addDocuments(page.map(toMeili), { primaryKey: 'id' }).waitTask({ timeout: 120_000 });
      count += page.length;
    }
    await this.client.swapIndexes([{ indexes: [this.uid, fresh], rename: false }]).waitTask({ timeout: 60_000 });
    await this.client.deleteIndex(fresh).waitTask({ timeout: 60_000 });
    return count;
  }

  async search(query: EngineQuery): Promise<EngineResult> {
    const q = this.queryText(query.plan);
    if (!q) return { total: 0, hits: [], facets: emptyFacets() };
    const filter = this.filters(query);
    const result = await this.client.index(this.uid).search(q, {
      filter,
      limit: query.limit,
      offset: query.offset,
      facets: [...FACETS],
      attributesToRetrieve: DISPLAYED,
      attributesToSearchOn: query.scope === 'staff' ? SEARCHABLE : SEARCHABLE.filter((a) => a !== 'terms_kcc'),
      matchingStrategy: 'frequency',
      showRankingScore: true,
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
    const result = await this.client.index(this.uid).search(q, {
      limit,
      filter: scope === 'public' ? 'audience = "public"' : undefined,
      attributesToSearchOn: ['terms_title', 'terms_synonyms'],
      attributesToRetrieve: ['id', 'slug', 'title', 'kind'],
      matchingStrategy: 'last',
    });
    return result.hits.map((h) => ({ text: h.title, id: h.id, slug: h.slug, title: h.title, kind: h.kind }));
  }

  async applySynonyms(groups: string[][]): Promise<void> {
    const map: Record<string, string[]> = {};
    for (const group of groups) for (const member of group) map[member] = group.filter((m) => m !== member);
    this.synonyms = map;
    await this.client.index(this.uid).updateSettings({ synonyms: map }).waitTask({ timeout: 60_000 });
  }

  async isHealthy(): Promise<boolean> {
    return (await this.client.health()).status === 'available';
  }

  /** Keys (and compound parts) per group; the word being typed goes last, where Meilisearch prefixes. */
  private queryText(plan: QueryPlan): string {
    const words: string[] = [];
    let prefix: string | null = null;
    for (const group of plan.groups) {
      words.push(...new Set(group.alternatives.slice(0, 2).flat()));
      if (group.prefix) prefix = group.prefix;
    }
    if (prefix) words.push(prefix);
    return [...new Set(words)].join(' ');
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

  private settings() {
    return {
      searchableAttributes: SEARCHABLE,
      displayedAttributes: DISPLAYED,
      filterableAttributes: [...FACETS, 'reviewDueAt'],
      sortableAttributes: ['title', 'reviewDueAt'],
      // Keys are already stemmed and stop words removed; these catch anything typed around them.
      stopWords: [...new Set(['de', 'het', 'een', 'en', 'van', 'ik', 'u', 'mijn', 'hoe', 'wat'].map((w) => this.analyzer.key(w)))],
      synonyms: this.synonyms,
      typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
      pagination: { maxTotalHits: 2000 },
    };
  }
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

import type { ArticleKind, Audience } from '../articles/article-content';
import type { HitText, WeightedGroup } from './query/confidence';
import type { QueryPlan } from './query/query-plan';
import type { SearchDocument } from './search-document';

export type EngineName = 'postgres' | 'meilisearch';

export interface SearchFilters {
  kind?: ArticleKind;
  /** department slug */
  department?: string;
  theme?: string;
  lifeEvent?: string;
  targetGroup?: string;
  audience?: Audience;
}

export interface EngineQuery {
  plan: QueryPlan;
  filters: SearchFilters;
  /** staff see internal articles and match on KCC notes; public never */
  scope: 'staff' | 'public';
  limit: number;
  offset: number;
  /** aborts when nobody waits for the answer any more (the client disconnected); engines may stop early */
  signal?: AbortSignal;
}

export type FacetName = 'kind' | 'department' | 'themes' | 'lifeEvents' | 'targetGroups' | 'audience';
export type Facets = Record<FacetName, Record<string, number>>;

export interface EngineHit {
  id: string;
  score: number;
  document: Pick<SearchDocument, 'slug' | 'kind' | 'audience' | 'title' | 'summary' | 'bodyText' | 'department' | 'reviewDueAt'>;
  /** whether the article is live now, when the engine read it with the hit (PostgreSQL does) */
  live?: boolean;
}

/** A hit's fields as both engines return them, flat. */
export interface FlatHit extends Pick<SearchDocument, 'slug' | 'kind' | 'audience' | 'title' | 'summary' | 'bodyText'> {
  id: string;
  score: number;
  departmentId: string;
  departmentSlug: string;
  departmentName: string;
  /** any date string PostgreSQL or JavaScript writes, or null */
  reviewDueAt: string | null;
  /** whether the article is live now, when the engine read it with the hit (PostgreSQL does) */
  live?: boolean;
}

export function toEngineHit(h: FlatHit): EngineHit {
  return {
    id: h.id,
    score: Number(h.score),
    document: {
      slug: h.slug,
      kind: h.kind,
      audience: h.audience,
      title: h.title,
      summary: h.summary,
      bodyText: h.bodyText,
      department: { id: h.departmentId, slug: h.departmentSlug, name: h.departmentName },
      reviewDueAt: h.reviewDueAt ? new Date(h.reviewDueAt).toISOString() : null,
    },
    ...(h.live === undefined ? {} : { live: h.live }),
  };
}

/** What the confidence of the first hit is judged on (see query/confidence.ts). */
export interface AnswerEvidenceInput {
  groups: WeightedGroup[];
  hit: HitText | null;
}

export interface EngineResult {
  total: number;
  hits: EngineHit[];
  facets: Facets;
  /** the first hit's evidence, when the engine had it at hand (PostgreSQL: from the search statement itself) */
  evidence?: AnswerEvidenceInput;
}

export interface Suggestion {
  text: string;
  id: string;
  slug: string;
  title: string;
  kind: ArticleKind;
}

/**
 * The search port. Both adapters index the same documents (built by `buildSearchDocument`, analysed
 * by `DutchAnalyzer`) and answer the same contract (test/contracts/search-engine.contract.ts):
 * - only documents given to `upsert` and not `remove`d are found; `public` scope never sees internal
 *   documents or matches on KCC notes;
 * - a document matches when it has at least one query group; more matched groups rank higher, then
 *   matches in title and synonyms over summary over body; ties break by title, then id;
 * - filters are exact; facets count the whole match set, not just the page;
 * - `replaceAll` swaps in a complete new index atomically.
 */
export abstract class SearchEngine {
  abstract readonly name: EngineName;
  abstract upsert(documents: SearchDocument[]): Promise<void>;
  abstract remove(ids: string[]): Promise<void>;
  /** Rebuilds the index from scratch out of `pages` and swaps it in atomically. */
  abstract replaceAll(pages: AsyncIterable<SearchDocument[]>): Promise<number>;
  abstract search(query: EngineQuery): Promise<EngineResult>;
  abstract suggest(plan: QueryPlan, scope: 'staff' | 'public', limit: number): Promise<Suggestion[]>;
  /** Synonym groups as analysed key phrases (engines that keep synonyms as settings). */
  abstract applySynonyms(groups: string[][]): Promise<void>;
  abstract isHealthy(): Promise<boolean>;
}

export const emptyFacets = (): Facets => ({ kind: {}, department: {}, themes: {}, lifeEvents: {}, targetGroups: {}, audience: {} });

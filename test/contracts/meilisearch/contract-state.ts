/**
 * The contract server's state and answers that need no server: the shapes of indexes, tasks and keys,
 * Meilisearch's default settings and their PATCH semantics, error bodies, and how a search is checked
 * against an index's settings.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** the operation it matched, e.g. `POST /indexes/{index_uid}/documents` */
  operation: string | null;
  indexUid: string | null;
}

export interface TaskView {
  uid: number;
  batchUid: number | null;
  indexUid: string | null;
  status: 'enqueued' | 'processing' | 'succeeded' | 'failed' | 'canceled';
  type: string;
  canceledBy: number | null;
  details: Record<string, unknown> | null;
  error: ErrorBody | null;
  duration: string | null;
  enqueuedAt: string;
  startedAt?: string;
  finishedAt?: string;
}

export interface ErrorBody {
  message: string;
  code: string;
  type: 'internal' | 'invalid_request' | 'auth' | 'system';
  link: string;
}

export type Doc = Record<string, unknown>;
export type Settings = Record<string, unknown>;

export interface IndexState {
  uid: string;
  primaryKey: string | null;
  createdAt: string;
  updatedAt: string;
  settings: Settings;
  documents: Map<string, Doc>;
}

export interface Work {
  task: TaskView;
  apply: () => void;
}

export interface ApiKey {
  uid: string;
  key: string;
  name: string | null;
  description: string | null;
  actions: string[];
  indexes: string[];
  expiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type RequestMatch = (req: RecordedRequest) => boolean;
export type TaskMatch = (task: TaskView) => boolean;

export interface SearchAnswer {
  hits: Doc[];
  estimatedTotalHits?: number;
  facetDistribution?: Record<string, Record<string, number>>;
}

export const DEFAULT_SETTINGS = (): Settings => ({
  displayedAttributes: ['*'],
  searchableAttributes: ['*'],
  filterableAttributes: [],
  sortableAttributes: [],
  rankingRules: ['words', 'typo', 'proximity', 'attributeRank', 'sort', 'wordPosition', 'exactness'],
  stopWords: [],
  nonSeparatorTokens: [],
  separatorTokens: [],
  dictionary: [],
  synonyms: {},
  distinctAttribute: null,
  proximityPrecision: 'byWord',
  typoTolerance: {
    enabled: true,
    minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    disableOnWords: [],
    disableOnAttributes: [],
    disableOnNumbers: false,
  },
  faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { '*': 'alpha' } },
  pagination: { maxTotalHits: 1000 },
  embedders: {},
  searchCutoffMs: null,
  localizedAttributes: null,
  facetSearch: true,
  prefixSearch: 'indexingTime',
});

/** Settings whose objects are merged field by field on PATCH (the others are replaced whole). */
const MERGED_SETTINGS = new Set(['typoTolerance', 'faceting', 'pagination']);

export const error = (code: string, message: string, type: ErrorBody['type'] = 'invalid_request'): ErrorBody => ({
  message,
  code,
  type,
  link: `https://docs.meilisearch.com/errors#${code}`,
});

export class HttpAnswer {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

/** Checks a search against the index settings as Meilisearch does, then gives the canned answer. */
export function answerSearch(
  index: IndexState,
  body: Record<string, unknown>,
  searchAnswer: ((body: Record<string, unknown>) => SearchAnswer) | null,
): HttpAnswer {
  const s = index.settings;
  const filterable = (s.filterableAttributes as (string | { attributePatterns: string[] })[]).flatMap((r) =>
    typeof r === 'string' ? [r] : r.attributePatterns,
  );
  const searchable = s.searchableAttributes as string[];
  const filters = [body.filter].flat(3).filter((f): f is string => typeof f === 'string');
  for (const clause of filters.flatMap((f) => f.split(/\s+(?:AND|OR)\s+/i))) {
    const attribute = /^\s*\(?\s*(?:NOT\s+)?([A-Za-z_][\w.]*)/.exec(clause)?.[1];
    if (!attribute || !matchesPattern(filterable, attribute))
      return new HttpAnswer(400, error('invalid_search_filter', `Attribute \`${attribute}\` is not filterable.`));
  }
  for (const facet of (body.facets as string[] | undefined) ?? []) {
    if (!matchesPattern(filterable, facet)) return new HttpAnswer(400, error('invalid_search_facets', `Invalid facet \`${facet}\`.`));
  }
  for (const attribute of (body.attributesToSearchOn as string[] | undefined) ?? []) {
    if (!searchable.includes('*') && !searchable.includes(attribute))
      return new HttpAnswer(
        400,
        error('invalid_search_attributes_to_search_on', `Attribute \`${attribute}\` is not searchable.`),
      );
  }
  const hybrid = body.hybrid as { embedder: string } | undefined;
  if (hybrid && !(s.embedders as Record<string, unknown>)[hybrid.embedder]) {
    return new HttpAnswer(400, error('invalid_search_embedder', `Cannot find embedder with name \`${hybrid.embedder}\`.`));
  }
  const answer = searchAnswer?.(body) ?? { hits: [] };
  const facetDistribution = Object.fromEntries(
    ((body.facets as string[] | undefined) ?? []).map((f) => [f, answer.facetDistribution?.[f] ?? {}]),
  );
  return new HttpAnswer(200, {
    hits: answer.hits,
    query: (body.q as string | undefined) ?? '',
    processingTimeMs: 0,
    limit: (body.limit as number | undefined) ?? 20,
    offset: (body.offset as number | undefined) ?? 0,
    estimatedTotalHits: answer.estimatedTotalHits ?? answer.hits.length,
    ...(body.facets ? { facetDistribution } : {}),
  });
}

/** PATCH semantics: null resets to the default, nested objects merge, embedders merge per name. */
export function applySettings(current: Settings, patch: Settings): Settings {
  const defaults = DEFAULT_SETTINGS();
  const next: Settings = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) next[key] = defaults[key];
    else if (key === 'embedders') {
      const merged = { ...(current.embedders as Record<string, unknown>) };
      for (const [name, embedder] of Object.entries(value as Record<string, unknown>)) {
        if (embedder === null) delete merged[name];
        else merged[name] = { ...(merged[name] as object), ...(embedder as object) };
      }
      next.embedders = merged;
    } else if (MERGED_SETTINGS.has(key)) next[key] = { ...(current[key] as object), ...(value as object) };
    else next[key] = value;
  }
  return next;
}

export function matchesPattern(patterns: string[], attribute: string): boolean {
  return patterns.some(
    (p) =>
      p === '*' ||
      p === attribute ||
      (p.startsWith('*') && attribute.endsWith(p.slice(1))) ||
      (p.endsWith('*') && attribute.startsWith(p.slice(0, -1))),
  );
}


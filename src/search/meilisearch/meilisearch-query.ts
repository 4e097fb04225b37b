import type { MeilisearchEmbedder } from '../../config/app-config';
import type { Hits, SearchParams, SearchResponse } from 'meilisearch';
import type { QueryPlan } from '../query/query-plan';
import { EngineQuery, EngineResult, Facets, Suggestion, emptyFacets, toEngineHit } from '../search-engine';
import type { MeiliDocument } from './meilisearch-documents';
import { DISPLAYED, EMBEDDER, FACETS, SEARCHABLE } from './meilisearch-settings';

/** Meilisearch considers only this many words of `q`; the rest are silently dropped. */
export const MEILI_QUERY_WORDS = 10;

const quote = (value: string): string => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * Only the agent's own words (their keys), in order, within Meilisearch's 10-word limit, the word
 * being typed last, where Meilisearch prefixes. Synonyms are index settings and compounds are split
 * in the documents' keys, so no expansion needs to go in `q`, where it would push words out.
 */
export function queryText(plan: QueryPlan): string {
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

function filters(query: EngineQuery): string[] {
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

/** The parameters of a search (the text goes in `q`, from `queryText`). */
export function searchParams(query: EngineQuery, embedder: MeilisearchEmbedder | null): SearchParams {
  return {
    filter: filters(query),
    limit: query.limit,
    offset: query.offset,
    facets: [...FACETS],
    attributesToRetrieve: DISPLAYED,
    attributesToSearchOn: query.scope === 'staff' ? SEARCHABLE : SEARCHABLE.filter((a) => a !== 'terms_kcc'),
    matchingStrategy: 'frequency',
    showRankingScore: true,
    ...(embedder ? { hybrid: { embedder: EMBEDDER, semanticRatio: embedder.semanticRatio } } : {}),
  };
}

export function toEngineResult(result: SearchResponse<MeiliDocument>): EngineResult {
  const facets: Facets = emptyFacets();
  for (const name of FACETS) facets[name] = { ...(result.facetDistribution?.[name] ?? {}) };
  return {
    total: result.estimatedTotalHits ?? result.hits.length,
    facets,
    hits: result.hits.map((h) =>
      toEngineHit({
        ...h,
        score: Number(h._rankingScore ?? 0),
        departmentSlug: h.department,
        reviewDueAt: h.reviewDueAtIso ?? null,
      }),
    ),
  };
}

/** Suggestions search only titles and synonyms, and Meilisearch drops words from the end first. */
export function suggestParams(scope: 'staff' | 'public', limit: number): SearchParams {
  return {
    limit,
    filter: scope === 'public' ? 'audience = "public"' : undefined,
    attributesToSearchOn: ['terms_title', 'terms_synonyms'],
    attributesToRetrieve: ['id', 'slug', 'title', 'kind'],
    matchingStrategy: 'last',
  };
}

export function toSuggestions(hits: Hits<MeiliDocument>): Suggestion[] {
  return hits.map((h) => ({ text: h.title, id: h.id, slug: h.slug, title: h.title, kind: h.kind }));
}

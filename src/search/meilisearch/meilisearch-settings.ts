import type { MeilisearchEmbedder } from '../../config/app-config';
import type { Embedder, Settings } from 'meilisearch';
import type { DutchAnalyzer } from '../dutch/dutch-analyzer';

/**
 * The index's settings, complete: the kennisbank applies them in one update (at start-up, with every
 * synonym change) and readiness compares the live ones against them.
 */
export const FACETS = ['kind', 'department', 'themes', 'lifeEvents', 'targetGroups', 'audience'] as const;
export const SEARCHABLE = ['terms_title', 'terms_synonyms', 'terms_summary', 'terms_body', 'terms_kcc'];
export const DISPLAYED = [
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
export const EMBEDDER = 'kennisbank';

/** Each member of a synonym group maps to the others. */
function synonymMap(groups: string[][]): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const group of groups) for (const member of group) map[member] = group.filter((m) => m !== member);
  return map;
}

export function indexSettings(analyzer: DutchAnalyzer, synonyms: string[][], embedder: MeilisearchEmbedder | null): Settings {
  return {
    searchableAttributes: SEARCHABLE,
    displayedAttributes: DISPLAYED,
    filterableAttributes: [...FACETS, 'reviewDueAt'],
    sortableAttributes: ['title', 'reviewDueAt'],
    // Keys are already stemmed and stop words removed; these catch anything typed around them.
    stopWords: [...new Set(['de', 'het', 'een', 'en', 'van', 'ik', 'u', 'mijn', 'hoe', 'wat'].map((w) => analyzer.key(w)))],
    synonyms: synonymMap(synonyms),
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
    pagination: { maxTotalHits: 2000 },
    ...(embedder ? { embedders: { [EMBEDDER]: embedderSettings(embedder) as Embedder } } : {}),
  };
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

export /** Lists compare as sets (Meilisearch may reorder them); objects on the fields we set. */
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

import type { FailedSearch } from '../analytics/failed-searches.service';
import { PERSONAL_DATA_PLACEHOLDERS } from '../common/privacy/scrub-rule';

const PLACEHOLDERS = new Set(Object.values(PERSONAL_DATA_PLACEHOLDERS));

/**
 * The intent a query stands for, as a stable key: lower case, accents and punctuation dropped,
 * personal-data placeholders dropped, words deduplicated and sorted — so "Paspoort kwijt!" and
 * "kwijt paspoort" are one gap. Null when nothing meaningful is left (e.g. only "[bsn]").
 */
export function intentKey(query: string): string | null {
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => !PLACEHOLDERS.has(w))
    .join(' ')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter(Boolean);
  const key = [...new Set(words)].sort().join(' ');
  return key.replace(/ /g, '').length >= 3 ? key : null;
}

export interface GapCandidate {
  intentKey: string;
  /** how agents typed it most often */
  query: string;
  searches: number;
  zeroResults: number;
  noClicks: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  /** the department agents most often opened an article of next; null without one clear winner */
  suggestedDepartmentId: string | null;
}

/** Groups failed searches by intent; only intents failing at least `minSearches` times become candidates. */
export function aggregateFailedSearches(searches: FailedSearch[], minSearches: number): GapCandidate[] {
  const groups = new Map<
    string,
    { queries: Map<string, number>; departments: Map<string, number>; zero: number; total: number; first: Date; last: Date }
  >();
  for (const search of searches) {
    const key = intentKey(search.query);
    if (!key) continue;
    const group = groups.get(key) ?? { queries: new Map(), departments: new Map(), zero: 0, total: 0, first: search.at, last: search.at };
    group.total++;
    if (search.zeroResults) group.zero++;
    group.queries.set(search.query, (group.queries.get(search.query) ?? 0) + 1);
    if (search.nextDepartmentId) group.departments.set(search.nextDepartmentId, (group.departments.get(search.nextDepartmentId) ?? 0) + 1);
    if (search.at < group.first) group.first = search.at;
    if (search.at > group.last) group.last = search.at;
    groups.set(key, group);
  }
  return [...groups]
    .filter(([, g]) => g.total >= minSearches)
    .map(([key, g]) => ({
      intentKey: key,
      query: mostFrequent(g.queries, (a, b) => a.length - b.length || (a < b ? -1 : 1))!,
      searches: g.total,
      zeroResults: g.zero,
      noClicks: g.total - g.zero,
      firstSeenAt: g.first,
      lastSeenAt: g.last,
      suggestedDepartmentId: mostFrequent(g.departments),
    }))
    .sort((a, b) => b.searches - a.searches || (a.intentKey < b.intentKey ? -1 : 1));
}

/** The value counted most; on a tie `tieBreak` decides, or without one there is no winner (null). */
function mostFrequent(counts: Map<string, number>, tieBreak?: (a: string, b: string) => number): string | null {
  const max = Math.max(0, ...counts.values());
  const top = [...counts].filter(([, n]) => n === max && n > 0).map(([value]) => value);
  if (top.length === 1) return top[0];
  return tieBreak && top.length ? top.sort(tieBreak)[0] : null;
}

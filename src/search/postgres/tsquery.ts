import type { QueryGroup } from '../query/query-plan';

const SAFE_KEY = /^[a-z0-9]+$/;

/** What a group matches: any alternative (an AND of keys), or any term starting with the prefix. */
export interface GroupTerms {
  alternatives: string[][];
  prefix: string | null;
}

/**
 * The keys of a group that can be matched (plain index keys only), with typo corrections as
 * alternatives of their own. The tsquery text below and the candidate index both read this.
 */
export function groupTerms(group: QueryGroup, extraKeys: string[] = []): GroupTerms | null {
  const alternatives = [...group.alternatives, ...extraKeys.map((k) => [k])].filter(
    (alternative) => alternative.length > 0 && alternative.every((k) => SAFE_KEY.test(k)),
  );
  const prefix = group.prefix && SAFE_KEY.test(group.prefix) ? group.prefix : null;
  return alternatives.length || prefix ? { alternatives, prefix } : null;
}

/** A group as tsquery text (ts_rank of the best candidates reads it). */
export function groupTsquery(group: QueryGroup, extraKeys: string[] = []): string | null {
  const terms = groupTerms(group, extraKeys);
  if (!terms) return null;
  const parts = terms.alternatives.map((keys) => (keys.length === 1 ? keys[0] : `(${keys.join(' & ')})`));
  if (terms.prefix) parts.push(`${terms.prefix}:*`);
  return parts.join(' | ');
}

export function looseKeys(group: QueryGroup): string[] {
  return group.looseKeys.filter((k) => SAFE_KEY.test(k));
}

export function looseTsquery(group: QueryGroup): string | null {
  const keys = looseKeys(group);
  return keys.length ? keys.join(' | ') : null;
}

import type { QueryGroup } from '../query/query-plan';

const SAFE_KEY = /^[a-z0-9]+$/;

/** A group as tsquery text; `weights` restricts matches to those positions (e.g. 'AB'). */
export function groupTsquery(group: QueryGroup, extraKeys: string[] = [], weights = ''): string | null {
  const parts: string[] = [];
  for (const alternative of [...group.alternatives, ...extraKeys.map((k) => [k])]) {
    const keys = alternative.filter((k) => SAFE_KEY.test(k));
    if (keys.length !== alternative.length || keys.length === 0) continue;
    const terms = keys.map((k) => `${k}${weights ? `:${weights}` : ''}`);
    parts.push(terms.length === 1 ? terms[0] : `(${terms.join(' & ')})`);
  }
  if (group.prefix && SAFE_KEY.test(group.prefix)) parts.push(`${group.prefix}:*${weights}`);
  return parts.length ? parts.join(' | ') : null;
}

export function looseTsquery(group: QueryGroup): string | null {
  const keys = group.looseKeys.filter((k) => SAFE_KEY.test(k));
  return keys.length ? keys.join(' | ') : null;
}

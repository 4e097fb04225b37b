import type { QueryGroup } from '../query/query-plan';
import { groupWeight } from './ranking';
import { GroupTerms, groupTerms, groupTsquery, looseKeys, looseTsquery } from './tsquery';

export interface PlannedGroup {
  /** tsquery text matching the group anywhere (null: nothing matchable) */
  strict: string | null;
  /** compound heads: partial credit */
  loose: string | null;
  /** BM25 idf of the group's commonest alternative */
  weight: number;
  df: number;
  /** indexed terms a typo in this group was corrected to */
  corrections: string[];
  /** what the group matches, for the candidate index (null: nothing matchable) */
  terms: GroupTerms | null;
  looseKeys: string[];
}

/**
 * Runs statements on one pooled connection (lookups and search share it: one checkout per search);
 * `name` prepares a statement whose text never changes once per connection.
 */
export type Run = <T>(sql: string, params?: unknown[], name?: string) => Promise<T[]>;
const MIN_CORRECTABLE_LENGTH = 4;
/** pg_trgm similarity a correction needs (pasport/paspord 0.6); lower lets unrelated compounds in. */
const MIN_CORRECTION_SIMILARITY = 0.45;

/**
 * Per group: typo corrections for words the index has never seen (nearest terms by pg_trgm), its
 * document frequency (for a prefix: of the terms it opens), and from that a weight (BM25-style
 * idf), so "klimrek" counts for more than "kapot". One round trip.
 */
export async function planGroups(
  groups: QueryGroup[],
  run: Run,
): Promise<{ groups: PlannedGroup[]; documents: number; generation: string }> {
  const keys = [...new Set(groups.flatMap((g) => [...g.alternatives.flat(), ...g.looseKeys]))];
  const prefixes = [...new Set(groups.map((g) => g.prefix).filter((p): p is string => !!p))];
  const correctable = [...new Set(groups.map((g) => g.correctable).filter((k): k is string => !!k && k.length >= MIN_CORRECTABLE_LENGTH))];
  const [row]: {
    documents: number;
    generation: string;
    df: Record<string, number> | null;
    prefix_df: Record<string, number> | null;
    corrections: { key: string; term: string; df: number }[] | null;
  }[] = await run(
    `SELECT
       coalesce(s.documents, 0) AS documents, coalesce(s.generation, 0)::text AS generation,
       (SELECT jsonb_object_agg(term, df) FROM search_terms WHERE term = ANY($1::text[])) AS df,
       (SELECT jsonb_object_agg(p, (SELECT coalesce(sum(df), 0) FROM search_terms WHERE term LIKE p || '%'))
          FROM unnest($3::text[]) AS p) AS prefix_df,
       (SELECT jsonb_agg(jsonb_build_object('key', c.key, 'term', t.term, 'df', t.df)) FROM unnest($2::text[]) AS c(key)
          CROSS JOIN LATERAL (
            SELECT term, df FROM search_terms
            WHERE term % c.key AND similarity(term, c.key) >= ${MIN_CORRECTION_SIMILARITY} AND term <> c.key
              AND NOT EXISTS (SELECT 1 FROM search_terms e WHERE e.term = c.key)
            ORDER BY similarity(term, c.key) DESC, term LIMIT 2
          ) t) AS corrections
     FROM (SELECT 1) one LEFT JOIN search_index_stats s ON s.id = 1`,
    [keys, correctable, prefixes],
    'search_plan_groups',
  );
  const df = new Map(Object.entries(row.df ?? {}));
  const corrections = new Map<string, string[]>();
  for (const c of row.corrections ?? []) {
    corrections.set(c.key, [...(corrections.get(c.key) ?? []), c.term]);
    df.set(c.term, c.df);
  }
  const n = row.documents;
  const planned = groups.map((group): PlannedGroup => {
    const extra = group.correctable ? (corrections.get(group.correctable) ?? []) : [];
    // A group matches when any alternative does: its frequency is at most the sum of theirs; an
    // AND-alternative is as frequent as its rarest word.
    const alternativeDf = [...group.alternatives, ...extra.map((k) => [k])].map((alt) => Math.min(...alt.map((k) => df.get(k) ?? 0)));
    const prefixDf = group.prefix ? (row.prefix_df?.[group.prefix] ?? 0) : 0;
    const groupDf = Math.min(n || Number.POSITIVE_INFINITY, alternativeDf.reduce((a, b) => a + b, 0) + prefixDf);
    return {
      strict: groupTsquery(group, extra),
      loose: looseTsquery(group),
      df: groupDf,
      weight: groupWeight(alternativeDf, n),
      corrections: extra,
      terms: groupTerms(group, extra),
      looseKeys: looseKeys(group),
    };
  });
  return { groups: planned, documents: n, generation: row.generation };
}

import { memoPerOwner } from '../../common/memo/bounded-map';
import type { DutchAnalyzer } from '../dutch/dutch-analyzer';
import type { QueryGroup } from './query-plan';

/** How sure search is that its first hit answers the question; the werkplek shows low and none plainly. */
export type Confidence = 'high' | 'medium' | 'low' | 'none';

/** A query group with how much it says (its idf): rare words identify the need, common ones barely. */
export interface WeightedGroup extends Pick<QueryGroup, 'alternatives' | 'looseKeys' | 'prefix'> {
  weight: number;
  /** indexed terms a typo in this group was corrected to */
  corrections: string[];
}

export interface HitText {
  title: string;
  /** search words, UPL name and question variants: the phrasings of the need */
  synonyms: string[];
  /** analysed keys of phrasings stored only as index terms (question variants), taken as they are */
  synonymKeys?: string[];
  summary: string;
  bodyText: string;
}

/**
 * Where a group can be found in a hit, and what that is worth: in the title or the phrasings of the
 * need it names the subject; in the text it may be a side remark; a compound's head alone is a hint.
 */
const LEVEL = { title: 1, summary: 0.85, body: 0.7, loose: 0.35 } as const;

/**
 * Cut-offs on the evidence (0..1), chosen on the project's own relevance set (test/relevance/queries.json,
 * answerable against unanswerable queries) and checked, never tuned, on the national set: see
 * docs/search.md, "Confidence".
 */
export const CONFIDENCE_CUTOFFS = { high: 0.75, medium: 0.45, low: 0 } as const;

/**
 * The share of what the agent asked for that the hit covers, each group counted by its weight and by
 * where the hit has it. An unknown word (the topic nothing in the kennisbank is about) weighs most and
 * is found nowhere, so "visum thailand aanvragen" scores low however well "aanvragen" matches. The same
 * analysis as matching, on the hit's own text, so both engines are judged alike.
 */
export function answerEvidence(groups: WeightedGroup[], hit: HitText, analyzer: DutchAnalyzer): number {
  const total = groups.reduce((sum, g) => sum + g.weight, 0);
  if (total <= 0) return 0;
  const fields = {
    title: new Set([...keysOf([hit.title, ...hit.synonyms].join(' \n '), analyzer), ...(hit.synonymKeys ?? [])]),
    summary: keysOf(hit.summary, analyzer),
    body: keysOf(hit.bodyText, analyzer),
  };
  let found = 0;
  for (const group of groups) found += group.weight * levelOf(group, fields);
  return found / total;
}

export function confidenceOf(hasHits: boolean, evidence: number): Confidence {
  if (!hasHits || evidence <= CONFIDENCE_CUTOFFS.low) return 'none';
  if (evidence >= CONFIDENCE_CUTOFFS.high) return 'high';
  if (evidence >= CONFIDENCE_CUTOFFS.medium) return 'medium';
  return 'low';
}

function levelOf(group: WeightedGroup, fields: Record<'title' | 'summary' | 'body', Set<string>>): number {
  const alternatives = [...group.alternatives, ...group.corrections.map((term) => [term])];
  for (const field of ['title', 'summary', 'body'] as const) {
    const keys = fields[field];
    if (alternatives.some((alt) => alt.every((k) => keys.has(k)))) return LEVEL[field];
    if (group.prefix && hasPrefix(keys, group.prefix)) return LEVEL[field];
  }
  const all = [fields.title, fields.summary, fields.body];
  return group.looseKeys.some((k) => all.some((keys) => keys.has(k))) ? LEVEL.loose : 0;
}

/** Hits' texts whose keys are kept: the same articles come back for query after query. */
const KEPT_TEXTS = 2_000;
const keptKeys = memoPerOwner<DutchAnalyzer, Set<string>>(KEPT_TEXTS);

/** The keys of a text (never change the set: it is shared). */
function keysOf(text: string, analyzer: DutchAnalyzer): Set<string> {
  return keptKeys(analyzer, text, () => {
    const keys = new Set<string>();
    for (const token of analyzer.tokens(text)) {
      keys.add(token.key);
      for (const part of token.partKeys) keys.add(part);
    }
    return keys;
  });
}

function hasPrefix(keys: Set<string>, prefix: string): boolean {
  for (const key of keys) if (key.startsWith(prefix)) return true;
  return false;
}

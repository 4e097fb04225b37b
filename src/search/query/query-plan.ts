import { BoundedMap } from '../../common/memo/bounded-map';
import { DutchAnalyzer, foldDoubles, normalizeText } from '../dutch/dutch-analyzer';
import { SynonymIndex } from './synonym-index';

/**
 * One thing the agent asked for: a word (or a phrase matched by a synonym) with the alternative ways
 * a document can contain it. A document "has" the group when it has all keys of any alternative.
 */
export interface QueryGroup {
  /** the query words this group stands for */
  words: string[];
  /** alternatives, each an AND of keys: [[paspoort], [reisdocument], [driving, licenc]] */
  alternatives: string[][];
  /** the head of a split compound, which alone earns partial credit (vergunning for parkeervergunning) */
  looseKeys: string[];
  /** as-you-type: the unfinished last word, matched as a prefix */
  prefix: string | null;
  /** keys worth a typo lookup: the word's own key when it is a plain word */
  correctable: string | null;
}

export interface QueryPlan {
  /** normalised query text (for logging and caching) */
  normalized: string;
  groups: QueryGroup[];
}

const MAX_GROUPS = 12;
const MIN_PREFIX = 2;

/**
 * Turns what an agent typed into groups the engines can match: question openers and stop words out,
 * Dutch analysis per word, synonyms (single words and phrases), joined neighbours (afval pas →
 * afvalpas), and a prefix for the word still being typed. Long queries do not need every group to
 * match: engines rank by how many do.
 */
export function planQuery(query: string, analyzer: DutchAnalyzer, synonyms: SynonymIndex): QueryPlan {
  const normalized = normalizeText(query);
  const stillTyping = query.length > 0 && !/\s$/.test(query);
  const tokens = analyzer.tokens(analyzer.stripQuestionFillers(normalized));
  const meaningful = tokens.filter((t) => !analyzer.isStopWord(t.word) && t.word.length > 1);
  const words = meaningful.length > 0 ? meaningful : tokens;

  const groups: QueryGroup[] = [];
  for (let i = 0; i < words.length && groups.length < MAX_GROUPS;) {
    const keys = words.slice(i, i + synonyms.maxLength).map((t) => t.key);
    const match = synonyms.longestMatch(keys);
    const length = match?.length ?? 1;
    const covered = words.slice(i, i + length);
    const alternatives: string[][] = [];
    const looseKeys: string[] = [];
    if (length === 1) {
      const token = covered[0];
      alternatives.push([token.key]);
      if (token.partKeys.length > 1) {
        alternatives.push(token.partKeys.slice(-2));
        looseKeys.push(token.partKeys[token.partKeys.length - 1]);
      }
    } else {
      alternatives.push(covered.map((t) => t.key));
    }
    for (const member of match?.members ?? []) alternatives.push(member);
    groups.push({
      words: covered.map((t) => t.word),
      alternatives: dedupe(alternatives),
      looseKeys,
      prefix: null,
      correctable: length === 1 && !/^\d+$/.test(covered[0].word) ? covered[0].key : null,
    });
    i += length;
  }

  // Neighbours written apart that documents write together: "afval pas" also finds "afvalpas".
  for (let i = 0; i + 1 < groups.length; i++) {
    if (groups[i].words.length !== 1 || groups[i + 1].words.length !== 1) continue;
    const joined = [analyzer.key(groups[i].words[0] + groups[i + 1].words[0])];
    groups[i].alternatives = dedupe([...groups[i].alternatives, joined]);
    groups[i + 1].alternatives = dedupe([...groups[i + 1].alternatives, joined]);
  }

  const last = groups[groups.length - 1];
  const lastWord = words[words.length - 1];
  if (stillTyping && last && lastWord && last.words[last.words.length - 1] === lastWord.word && lastWord.word.length >= MIN_PREFIX) {
    last.prefix = foldDoubles(lastWord.word);
  }
  return { normalized, groups };
}

/** Plans kept per synonym index; past this many, the oldest goes first. */
const MAX_PLANS = 10_000;
const plansByIndex = new WeakMap<SynonymIndex, BoundedMap<string, QueryPlan>>();

/**
 * `planQuery`, worked out once per query text and synonym index (the index is built with the one
 * analyzer of its process): the popular questions of a day are asked thousands of times, and planning
 * them again was a tenth of the CPU of a cached answer. The plan is frozen, as it is shared.
 */
export function rememberedPlan(query: string, analyzer: DutchAnalyzer, synonyms: SynonymIndex): QueryPlan {
  let plans = plansByIndex.get(synonyms);
  if (!plans) plansByIndex.set(synonyms, (plans = new BoundedMap<string, QueryPlan>(MAX_PLANS)));
  let plan = plans.get(query);
  if (!plan) {
    plan = deepFreeze(planQuery(query, analyzer, synonyms));
    plans.set(query, plan);
  }
  return plan;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function dedupe(alternatives: string[][]): string[][] {
  const seen = new Set<string>();
  return alternatives.filter((a) => {
    const id = a.join(' ');
    if (!a.length || seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

import { memoPerOwner } from '../../common/memo/bounded-map';
import type { DutchAnalyzer } from '../dutch/dutch-analyzer';
import type { QueryPlan } from './query-plan';

const WINDOW_WORDS = 28;
/** Bodies whose words are kept analysed: the same articles come back for query after query. */
const PREPARED_BODIES = 2_000;

/** A body split into words, each word as the index of its distinct form, with that form's keys. */
interface PreparedBody {
  words: string[];
  forms: Int32Array;
  formKeys: string[][];
}

const prepared = memoPerOwner<DutchAnalyzer, PreparedBody>(PREPARED_BODIES);

function prepare(text: string, analyzer: DutchAnalyzer): PreparedBody {
  const words = text.split(/\s+/).filter(Boolean);
  const formOf = new Map<string, number>();
  const formKeys: string[][] = [];
  const forms = new Int32Array(words.length);
  words.forEach((word, i) => {
    let form = formOf.get(word);
    if (form === undefined) {
      form = formKeys.push(analyzer.wordKeys(word)) - 1;
      formOf.set(word, form);
    }
    forms[i] = form;
  });
  return { words, forms, formKeys };
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The passage of `text` (≈ 28 words) that holds the most distinct query groups, HTML-escaped, with
 * matching words in <mark>. Done here rather than by each engine so the highlight uses the same Dutch
 * analysis as matching (a search for "paspoorten" marks "paspoort", "restafval" marks
 * "restafvalcontainer"), whatever engine answered.
 */
export function buildSnippet(text: string, plan: QueryPlan, analyzer: DutchAnalyzer): string {
  const { words, forms, formKeys } = prepared(analyzer, text, () => prepare(text, analyzer));
  if (words.length === 0) return '';
  const groupKeys = plan.groups.map((g) => new Set([...g.alternatives.flat(), ...g.looseKeys]));
  const prefixes = plan.groups.map((g) => g.prefix);
  // Per distinct word: a body repeats its words, and each costs set tests.
  const formMatch = formKeys.map((keys) => groupOf(keys, groupKeys, prefixes));
  const matches = Array.from(forms, (form) => formMatch[form]);

  // The best window by distinct groups, then by matched words; slid one word at a time with running counts.
  const perGroup = new Array<number>(groupKeys.length).fill(0);
  let distinct = 0;
  let total = 0;
  const enter = (m: number) => {
    if (m < 0) return;
    total++;
    if (perGroup[m]++ === 0) distinct++;
  };
  const leave = (m: number) => {
    if (m < 0) return;
    total--;
    if (--perGroup[m] === 0) distinct--;
  };
  for (let i = 0; i < Math.min(WINDOW_WORDS, words.length); i++) enter(matches[i]);
  let bestStart = 0;
  let bestScore = distinct * 100 + total;
  for (let start = 1; start < words.length - WINDOW_WORDS + 1; start++) {
    leave(matches[start - 1]);
    enter(matches[start + WINDOW_WORDS - 1]);
    const score = distinct * 100 + total;
    if (score > bestScore) {
      bestScore = score;
      bestStart = start;
    }
  }
  // Open a few words before the first hit, so the passage reads as a sentence.
  const firstHit = matches.slice(bestStart).findIndex((m) => m >= 0);
  if (firstHit > 3) bestStart = Math.min(bestStart + firstHit - 3, Math.max(0, words.length - WINDOW_WORDS));
  const end = Math.min(words.length, bestStart + WINDOW_WORDS);
  const html = words
    .slice(bestStart, end)
    .map((word, i) => (matches[bestStart + i] >= 0 ? `<mark>${escapeHtml(word)}</mark>` : escapeHtml(word)))
    .join(' ');
  return `${bestStart > 0 ? '… ' : ''}${html}${end < words.length ? ' …' : ''}`;
}

/** The first query group one word's keys match (a key, or a key opening with the group's prefix), or -1. */
function groupOf(keys: string[], groupKeys: Set<string>[], prefixes: (string | null)[]): number {
  if (keys.length === 0) return -1;
  for (let g = 0; g < groupKeys.length; g++) {
    if (keys.some((k) => groupKeys[g].has(k))) return g;
    const prefix = prefixes[g];
    if (prefix && keys.some((k) => k.startsWith(prefix))) return g;
  }
  return -1;
}

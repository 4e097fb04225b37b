import type { Reformulation } from '../analytics/reformulations.service';
import { scrubPersonalData } from '../common/privacy/personal-data-scrubber';
import { PERSONAL_DATA_PLACEHOLDERS } from '../common/privacy/scrub-rule';
import { ALTERNATIVE_QUESTION_MAX_LENGTH, questionKey } from '../articles/article-content';
import type { DutchAnalyzer } from '../search/dutch/dutch-analyzer';
import type { SuggestionExample } from './learning-suggestion.entity';

/**
 * When a reformulation becomes a suggestion. A searcher is a daily pseudonym, so one agent on five
 * days looks like five searchers; only two pseudonyms on the same day are surely two agents. A
 * suggestion therefore needs `minSearchers` pseudonyms over `minDays` days, and at least two of them
 * on one day: one agent's habit never qualifies, however often it recurs.
 */
export interface LearningThresholds {
  minSearchers: number;
  minDays: number;
}

/** Two pseudonyms on one day are two agents: the proof that more than one agent reformulates this way. */
const SAME_DAY_AGENTS = 2;
const EXAMPLES = 3;
/** A synonym is a word or two, not a sentence. */
const MAX_TERM_WORDS = 2;
const PLACEHOLDERS = Object.values(PERSONAL_DATA_PLACEHOLDERS);

export interface Evidence {
  searchers: number;
  days: number;
  reformulations: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  examples: SuggestionExample[];
}

export interface QuestionCandidate extends Evidence {
  key: string;
  articleId: string;
  question: string;
}

export interface SynonymCandidate extends Evidence {
  key: string;
  /** the two terms, each as agents typed it most often (in key order: a pair has no direction) */
  terms: [string, string];
}

export interface LearningCandidates {
  questions: QuestionCandidate[];
  synonyms: SynonymCandidate[];
  /** reformulations dropped because a query carried (or may carry) personal data */
  withPersonalData: number;
}

/**
 * Anything the scrubber finds now, or a placeholder it left when the search was logged. The log holds
 * scrubbed queries already; scrubbing again catches what newer patterns know and older ones missed.
 */
export function carriesPersonalData(query: string): boolean {
  if (PLACEHOLDERS.some((p) => query.includes(p))) return true;
  if (/\[[\p{L}-]+\]/u.test(query)) return true;
  return scrubPersonalData(query).found.length > 0;
}

export interface Word {
  /** as typed (lower case in the log) */
  text: string;
  /** analysed keys of its content, space-joined */
  key: string;
  /** keys of its compound parts */
  parts: string[];
}

/** The content words of a query (stop words out), each with its search key. */
function contentWords(query: string, analyzer: DutchAnalyzer): Word[] {
  const words: Word[] = [];
  for (const raw of query.split(/\s+/)) {
    const text = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (!text) continue;
    const tokens = analyzer.tokens(text).filter((t) => !analyzer.isStopWord(t.word));
    if (tokens.length === 0) continue;
    words.push({ text, key: tokens.map((t) => t.key).join(' '), parts: tokens.flatMap((t) => t.partKeys) });
  }
  return words;
}

/** Edit distance with transpositions, for telling a corrected typo from a different word. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The word the agent swapped: what the failed query has that the successful one lacks, and the other
 * way round, each one or two content words. Null when the reformulation only narrowed or widened the
 * search, swapped more than that, fixed a typo (typo tolerance's job), or involves numbers.
 */
export function swappedTerms(failed: string, success: string, analyzer: DutchAnalyzer): { terms: [Word[], Word[]] } | null {
  const a = contentWords(failed, analyzer);
  const b = contentWords(success, analyzer);
  const keysA = new Set(a.map((w) => w.key));
  const keysB = new Set(b.map((w) => w.key));
  const onlyA = a.filter((w) => !keysB.has(w.key));
  const onlyB = b.filter((w) => !keysA.has(w.key));
  if (onlyA.length === 0 || onlyB.length === 0 || onlyA.length > MAX_TERM_WORDS || onlyB.length > MAX_TERM_WORDS) return null;
  const textA = onlyA.map((w) => w.text).join(' ');
  const textB = onlyB.map((w) => w.text).join(' ');
  if (/\d/.test(textA) || /\d/.test(textB)) return null;
  const shorter = Math.min(textA.length, textB.length);
  if (editDistance(textA, textB) <= (shorter >= 8 ? 2 : 1)) return null;
  // a compound and its own part (parkeervergunning ↔ vergunning): the analyzer already relates them
  const partsA = new Set(onlyA.flatMap((w) => [w.key, ...w.parts]));
  const partsB = new Set(onlyB.flatMap((w) => [w.key, ...w.parts]));
  if (onlyA.every((w) => partsB.has(w.key)) || onlyB.every((w) => partsA.has(w.key))) return null;
  return { terms: [onlyA, onlyB] };
}

/**
 * The failed query as a question variant, or null when it cannot be one: too long, or only a narrower
 * or wider form of the query that worked (every content word of it is in the successful query).
 */
export function variantOf(failed: string, success: string, analyzer: DutchAnalyzer): string | null {
  const question = failed.replace(/\s+/g, ' ').trim();
  if (!questionKey(question) || question.length > ALTERNATIVE_QUESTION_MAX_LENGTH) return null;
  const words = contentWords(question, analyzer);
  if (words.length === 0) return null;
  const successKeys = new Set(contentWords(success, analyzer).map((w) => w.key));
  if (words.every((w) => successKeys.has(w.key))) return null;
  return question;
}

const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

/** Evidence for one suggestion, counted as it comes in. */
class Tally {
  private readonly searchersByDay = new Map<string, Set<string>>();
  private readonly searchers = new Set<string>();
  private readonly forms = new Map<string, number>();
  private readonly otherForms = new Map<string, number>();
  private readonly examples: SuggestionExample[] = [];
  private readonly exampleKeys = new Set<string>();
  reformulations = 0;
  first = new Date(8.64e15);
  last = new Date(-8.64e15);

  add(r: Reformulation, form: string, otherForm?: string): void {
    const day = utcDay(r.failedAt);
    const today = this.searchersByDay.get(day) ?? new Set<string>();
    today.add(r.searcher);
    this.searchersByDay.set(day, today);
    this.searchers.add(r.searcher);
    this.forms.set(form, (this.forms.get(form) ?? 0) + 1);
    if (otherForm !== undefined) this.otherForms.set(otherForm, (this.otherForms.get(otherForm) ?? 0) + 1);
    this.reformulations++;
    if (r.failedAt < this.first) this.first = r.failedAt;
    if (r.failedAt > this.last) this.last = r.failedAt;
    const exampleKey = `${r.failedQuery}\u0000${r.successQuery}`;
    if (this.examples.length < EXAMPLES && !this.exampleKeys.has(exampleKey)) {
      this.exampleKeys.add(exampleKey);
      this.examples.push({ failed: r.failedQuery, found: r.successQuery });
    }
  }

  qualifies(thresholds: LearningThresholds): boolean {
    const sameDay = Math.max(...[...this.searchersByDay.values()].map((s) => s.size));
    return (
      this.searchers.size >= thresholds.minSearchers &&
      this.searchersByDay.size >= thresholds.minDays &&
      sameDay >= Math.min(SAME_DAY_AGENTS, thresholds.minSearchers)
    );
  }

  /** The commonest way it was typed (ties: alphabetical, so runs agree). */
  form(which: 'form' | 'other' = 'form'): string {
    const counts = [...(which === 'form' ? this.forms : this.otherForms).entries()];
    counts.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    return counts[0][0];
  }

  evidence(): Evidence {
    return {
      searchers: this.searchers.size,
      days: this.searchersByDay.size,
      reformulations: this.reformulations,
      firstSeenAt: this.first,
      lastSeenAt: this.last,
      examples: this.examples,
    };
  }
}

/**
 * Turns reformulations into candidate suggestions: the failed query as a question variant of the
 * article that was opened, and the swapped words as a synonym pair (across all articles). Pure; the
 * job filters out what is already known and what was decided before.
 */
export function aggregateReformulations(
  reformulations: readonly Reformulation[],
  thresholds: LearningThresholds,
  analyzer: DutchAnalyzer,
): LearningCandidates {
  const questions = new Map<string, { articleId: string; tally: Tally }>();
  const synonyms = new Map<string, Tally>();
  let withPersonalData = 0;
  for (const r of reformulations) {
    if (carriesPersonalData(r.failedQuery) || carriesPersonalData(r.successQuery)) {
      withPersonalData++;
      continue;
    }
    const variant = variantOf(r.failedQuery, r.successQuery, analyzer);
    if (variant) {
      // the same words, whatever the punctuation or case: "Beroofd, wat nu?" is "beroofd wat nu"
      const key = `question:${r.articleId}:${analyzer
        .tokens(variant)
        .map((t) => t.key)
        .join(' ')}`;
      const entry = questions.get(key) ?? { articleId: r.articleId, tally: new Tally() };
      entry.tally.add(r, variant);
      questions.set(key, entry);
    }
    const swapped = swappedTerms(r.failedQuery, r.successQuery, analyzer);
    if (swapped) {
      const [a, b] = swapped.terms.map((words) => ({ key: words.map((w) => w.key).join(' '), text: words.map((w) => w.text).join(' ') }));
      // one key per pair, whichever way round it was typed; a typed form per key
      const [first, second] = a.key <= b.key ? [a, b] : [b, a];
      const key = `synonym:${first.key}|${second.key}`;
      const tally = synonyms.get(key) ?? new Tally();
      tally.add(r, first.text, second.text);
      synonyms.set(key, tally);
    }
  }
  return {
    questions: [...questions.entries()]
      .filter(([, q]) => q.tally.qualifies(thresholds))
      .map(([key, q]) => ({ key, articleId: q.articleId, question: q.tally.form(), ...q.tally.evidence() })),
    synonyms: [...synonyms.entries()]
      .filter(([, tally]) => tally.qualifies(thresholds))
      .map(([key, tally]) => ({ key, terms: [tally.form(), tally.form('other')] as [string, string], ...tally.evidence() })),
    withPersonalData,
  };
}

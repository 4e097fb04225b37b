import type { QueryPlan } from './query-plan';

/** What one index generation changed: these articles, whose old and new documents hold these terms. */
export interface IndexChange {
  articleIds: string[];
  /** every term of the changed documents, before and after; null: anything may have changed */
  terms: string[] | null;
}

/** What a cached answer depends on: the documents it shows, and the terms its query can match. */
export interface AnswerDependencies {
  ids: string[];
  /** every key of the query (matched as written; by Meilisearch also within its typo budget) */
  words: string[];
  /** the keys PostgreSQL corrects typos of (to indexed terms by pg_trgm similarity) */
  correctable: string[];
  /** the keys of the last word, which engines also match as the start of a longer term */
  prefixes: string[];
}

/** How many applied changes are remembered for answers computed while they arrived. */
const RECENT_CHANGES = 256;

/**
 * A small LRU of search results. An index change drops only the entries it can affect: those
 * showing a changed document, and those whose query terms (for the last word: as a prefix; for
 * every word: within typo reach, as either engine corrects typos) occur in the old or new version
 * of a changed document. Anything else cannot enter or leave, or move within, their match set:
 * ranking reads per-document text and the term statistics, and a statistics refresh (or a large
 * batch, a reindex) drops everything. An answer computed while a change arrived is stored only
 * when that change cannot affect it ({@link mark} before computing, pass it to {@link set}).
 */
export class ResultCache<T> {
  private readonly entries = new Map<string, { expires: number; value: T; deps: AnswerDependencies }>();
  /** Moves on with every applied change. */
  private version = 0;
  private readonly recent: { version: number; matcher: ChangeMatcher }[] = [];
  private readonly showing = new Set<string>();

  /** `editTypos`: an engine that allows typos by edit distance (Meilisearch) answers too. */
  constructor(
    private readonly capacity: number,
    private readonly ttlMs: number,
    private readonly editTypos = false,
  ) {}

  get(key: string, now = Date.now()): T | undefined {
    if (this.showing.size) this.dropShown();
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (now > entry.expires) return undefined;
    this.entries.set(key, entry); // most recently used last
    return entry.value;
  }

  /** The cache's version now: take it before computing an answer, and give it to {@link set}. */
  mark(): number {
    return this.version;
  }

  set(key: string, value: T, deps: AnswerDependencies, since: number, now = Date.now()): void {
    if (this.capacity <= 0) return;
    if (since < this.version) {
      // Changes arrived while the answer was computed: it may predate them.
      if (this.version - since > this.recent.length) return;
      if (this.recent.some((c) => c.version > since && c.matcher.affects(deps))) return;
    }
    this.entries.delete(key);
    // Within the last quarter of the ttl at random: answers cached together (a warm-up, a wave of
    // calls) do not all expire, and become misses, at the same moment.
    this.entries.set(key, { expires: now + this.ttlMs - Math.random() * (this.ttlMs / 4), value, deps });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** Drops the entries `change` can affect; returns how many. */
  apply(change: IndexChange): number {
    const matcher = new ChangeMatcher(change, this.editTypos);
    this.version++;
    this.recent.push({ version: this.version, matcher });
    if (this.recent.length > RECENT_CHANGES) this.recent.shift();
    let dropped = 0;
    for (const [key, entry] of this.entries) {
      if (matcher.affects(entry.deps)) {
        this.entries.delete(key);
        dropped++;
      }
    }
    return dropped;
  }

  /**
   * Drops entries showing this article (e.g. archived in this process, before the index knows). An
   * import changes thousands at once: they are dropped together, before the next request is read.
   */
  dropShowing(articleId: string): void {
    if (this.showing.size === 0) setImmediate(() => this.dropShown());
    this.showing.add(articleId);
  }

  private dropShown(): void {
    const articleIds = [...this.showing];
    this.showing.clear();
    this.apply({ articleIds, terms: [] });
  }

  get size(): number {
    return this.entries.size;
  }
}

/** A cached answer's dependencies, from its query plan and the ids it shows. */
export function answerDependencies(plan: QueryPlan, ids: string[]): AnswerDependencies {
  const words = new Set<string>();
  const correctable = new Set<string>();
  for (const group of plan.groups) {
    for (const alternative of group.alternatives) for (const key of alternative) words.add(key);
    for (const key of group.looseKeys) words.add(key);
    if (group.correctable) correctable.add(group.correctable);
  }
  const last = plan.groups[plan.groups.length - 1];
  const prefixes = new Set<string>(last ? last.alternatives.flat() : []);
  for (const group of plan.groups) if (group.prefix) prefixes.add(group.prefix);
  return { ids, words: [...words], correctable: [...correctable], prefixes: [...prefixes] };
}

/** Whether a change can affect an answer; verdicts per word are remembered for the change's lifetime. */
export class ChangeMatcher {
  private readonly ids: Set<string>;
  private readonly all: boolean;
  private readonly terms: Set<string>;
  private readonly sorted: string[];
  /** padded trigram → terms holding it: candidates for typo reach */
  private readonly byTrigram = new Map<string, string[]>();
  private readonly verdicts = new Map<string, boolean>();

  constructor(
    change: IndexChange,
    private readonly editTypos = false,
  ) {
    this.ids = new Set(change.articleIds);
    this.all = change.terms === null;
    this.sorted = [...new Set(change.terms ?? [])].sort();
    this.terms = new Set(this.sorted);
    for (const term of this.sorted)
      for (const trigram of trigrams(term)) {
        const list = this.byTrigram.get(trigram);
        if (list) list.push(term);
        else this.byTrigram.set(trigram, [term]);
      }
  }

  affects(deps: AnswerDependencies): boolean {
    if (this.all) return true;
    if (deps.ids.some((id) => this.ids.has(id))) return true;
    if (this.terms.size === 0) return false;
    return (
      deps.words.some((w) => this.verdict('w', w)) ||
      deps.correctable.some((w) => this.verdict('c', w)) ||
      deps.prefixes.some((p) => this.verdict('p', p))
    );
  }

  /** w: a word as written (or by edit distance); c: a word PostgreSQL may correct; p: a prefix. */
  private verdict(kind: 'w' | 'c' | 'p', word: string): boolean {
    const id = `${kind}${word}`;
    let verdict = this.verdicts.get(id);
    if (verdict === undefined) {
      verdict =
        kind === 'p'
          ? this.prefixReach(word)
          : this.terms.has(word) || ((kind === 'c' || this.editTypos) && this.typoReach(word, false, kind === 'c'));
      this.verdicts.set(id, verdict);
    }
    return verdict;
  }

  private prefixReach(prefix: string): boolean {
    // The first term at or after the prefix in sorted order starts with it, if any does.
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    return (lo < this.sorted.length && this.sorted[lo].startsWith(prefix)) || (this.editTypos && this.typoReach(prefix, true, false));
  }

  /** A term an engine could take for `word`: by pg_trgm similarity (`corrects`) or Meilisearch's typo budget. */
  private typoReach(word: string, prefix: boolean, corrects: boolean): boolean {
    const candidates = new Set<string>();
    for (const trigram of trigrams(word)) for (const term of this.byTrigram.get(trigram) ?? []) candidates.add(term);
    for (const term of candidates)
      if ((corrects && trigramSimilarity(word, term) >= 0.4) || (this.editTypos && withinTypoBudget(word, term, prefix))) return true;
    return false;
  }
}

/**
 * Deliberately wider than the engines. PostgreSQL corrects a plain word to indexed terms with pg_trgm
 * similarity ≥ 0.45 (0.4 above). Meilisearch allows 1 typo from 4 letters and 2 from 8 (here 1 from
 * 3), a transposition counting as one; for the last word, typos in the start of a longer term.
 */
export function withinTypoBudget(word: string, term: string, prefix = false): boolean {
  const budget = word.length >= 8 ? 2 : word.length >= 3 ? 1 : 0;
  if (budget === 0) return false;
  if (!prefix && Math.abs(word.length - term.length) > budget) return false;
  return editDistance(word, term, prefix) <= budget;
}

/** pg_trgm's trigrams of one word: padded with two spaces before and one after. */
function trigrams(word: string): Set<string> {
  const padded = `  ${word} `;
  const result = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) result.add(padded.slice(i, i + 3));
  return result;
}

export function trigramSimilarity(a: string, b: string): number {
  const x = trigrams(a);
  const y = trigrams(b);
  let shared = 0;
  for (const t of x) if (y.has(t)) shared++;
  return shared / (x.size + y.size - shared);
}

/**
 * Optimal string alignment distance (a transposition is one edit); with `prefix`, from `a` to the
 * closest start of `b`.
 */
function editDistance(a: string, b: string, prefix: boolean): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push(new Array<number>(b.length + 1).fill(0));
    rows[i][0] = i;
  }
  for (let j = 0; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
    }
  return prefix ? Math.min(...rows[a.length]) : rows[a.length][b.length];
}

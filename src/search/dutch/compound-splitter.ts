/** Linking morphemes between compound parts: huwelijk-s-voltrekking, gehandicapte-n-kaart, boek-en-kast. */
const LINKERS = ['', 's', 'en', 'n', 'e'];
/** afval-containers, parkeer-vergunningen: the head may be plural. */
const PLURAL_ENDINGS = ['', 's', 'en', 'n'];
const MIN_PART = 3;
/** Prefixes that the lexicon lists as words but that never carry meaning as a compound part. */
const NOT_A_PART = new Set(['ver', 'ont', 'her', 'aan', 'uit', 'bij', 'door', 'over', 'voor', 'mee', 'toe', 'weg', 'ten', 'ter']);
/** Shorter words are left whole when the lexicon knows them (pas-poort, wet-houder are not compounds for us). */
const ALWAYS_TRY_FROM = 12;
const MIN_WORD = 7;

/**
 * Splits a Dutch compound into known words: parkeervergunning → parkeer + vergunning,
 * restafvalcontainer → rest + afval + container. Dynamic programming over split points, preferring
 * the fewest parts and then the longest shortest part; returns [] when no full split exists.
 */
export class CompoundSplitter {
  private readonly cache = new Map<string, string[]>();

  constructor(private readonly lexicon: Set<string>) {}

  /** All parts, nested ones included; [] when the word is not a compound we can split. */
  split(word: string): string[] {
    if (word.length < MIN_WORD) return [];
    if (word.length < ALWAYS_TRY_FROM && this.lexicon.has(word)) return [];
    const hit = this.cache.get(word);
    if (hit) return hit;
    // Parts may be compounds themselves: rest + afvalcontainer → also afval + container.
    const parts = this.bestSplit(word).flatMap((part) => [part, ...this.split(part)]);
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(word, parts);
    return parts;
  }

  private bestSplit(word: string): string[] {
    // best[i]: the best split of word[0, i) as parts, or null.
    const n = word.length;
    const best = new Array<string[] | null>(n + 1).fill(null);
    best[0] = [];
    for (let end = MIN_PART; end <= n; end++) {
      // The whole word as one part is no split (it may well be in the lexicon itself).
      for (let start = end === n ? MIN_PART : 0; start <= end - MIN_PART; start++) {
        const prefix = best[start];
        if (!prefix) continue;
        const candidate = word.slice(start, end);
        const parts = this.partWithLinker(candidate, end === n);
        if (!parts) continue;
        const next = [...prefix, parts];
        if (isBetter(next, best[end])) best[end] = next;
      }
    }
    const result = best[n];
    return result && result.length > 1 ? result : [];
  }

  /** `candidate` may end in a linking morpheme, or (the last part) in a plural ending. */
  private partWithLinker(candidate: string, last: boolean): string | null {
    for (const linker of last ? PLURAL_ENDINGS : LINKERS) {
      if (!candidate.endsWith(linker)) continue;
      const stem = candidate.slice(0, candidate.length - linker.length);
      if (stem.length >= MIN_PART && !NOT_A_PART.has(stem) && this.lexicon.has(stem)) return stem;
    }
    return null;
  }
}

function isBetter(candidate: string[], current: string[] | null): boolean {
  if (!current) return true;
  if (candidate.length !== current.length) return candidate.length < current.length;
  const shortest = (parts: string[]) => Math.min(...parts.map((p) => p.length));
  return shortest(candidate) > shortest(current);
}

import { BoundedMap } from '../../common/memo/bounded-map';
import { CompoundSplitter } from './compound-splitter';
import { dutchLexicon } from './dutch-lexicon';
import { DUTCH_STOP_WORDS, QUESTION_FILLERS } from './stop-words';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const snowball = require('snowball-stemmers') as { newStemmer(language: string): { stem(word: string): string } };

/** One word of a text after analysis. */
export interface AnalyzedToken {
  /** the word as normalised (lower case, no accents, hyphens removed) */
  word: string;
  /** the search key of the whole word */
  key: string;
  /** keys of its pieces: hyphenated parts and compound parts (parkeer, vergunning) */
  partKeys: string[];
}

export const foldAccents = (text: string): string => text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');

/** Lower case, no accents, only letters, digits, hyphens and single spaces. */
export function normalizeText(text: string): string {
  return foldAccents(text)
    .toLowerCase()
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/[^a-z0-9-]+/g, ' ')
    .replace(/(^|\s)-+|-+(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Dutch analysis shared by indexing and querying, and by both engines, so a word always meets itself:
 * accent folding, compound splitting against a Dutch word list, Snowball stemming, and a final folding
 * of double vowels and trailing double consonants. The last step makes the compound form of a verb
 * meet its infinitive (parkeer-vergunning ↔ parkeren: both `parker`) and absorbs the commonest typos
 * (pasport ↔ paspoort).
 */
export class DutchAnalyzer {
  private readonly stemmer = snowball.newStemmer('dutch');
  private readonly splitter: CompoundSplitter;
  private readonly keyCache = new BoundedMap<string, string>(200_000);
  private readonly wordCache = new BoundedMap<string, string[]>(100_000);
  /**
   * analyzeWord per normalised word: a bulk import indexes the same words over and over, and snippets
   * and confidence analyse the hits' bodies on every uncached search.
   */
  private readonly tokenCache = new BoundedMap<string, AnalyzedToken>(200_000);

  constructor(lexicon: Set<string> = dutchLexicon()) {
    this.splitter = new CompoundSplitter(lexicon);
  }

  /** The search key of one normalised word (no spaces or hyphens). */
  key(word: string): string {
    const cached = this.keyCache.get(word);
    if (cached !== undefined) return cached;
    const key = /^\d+$/.test(word) ? word : foldDoubles(this.stemmer.stem(word));
    this.keyCache.set(word, key);
    return key;
  }

  /** Every word of a text, stop words included (documents keep them out via `indexTerms`). */
  tokens(text: string): AnalyzedToken[] {
    const out: AnalyzedToken[] = [];
    for (const raw of normalizeText(text).split(' ')) {
      if (raw) out.push(this.analyzeWord(raw));
    }
    return out;
  }

  /** One word of normalised text (letters, digits and hyphens), cached: the token is shared, never change it. */
  private analyzeWord(raw: string): AnalyzedToken {
    const cached = this.tokenCache.get(raw);
    if (cached) return cached;
    const token = this.analyzeUncached(raw);
    this.tokenCache.set(raw, token);
    return token;
  }

  private analyzeUncached(raw: string): AnalyzedToken {
    const pieces = raw.split('-').filter(Boolean);
    const word = pieces.join('');
    const partKeys = new Set<string>();
    if (pieces.length > 1) for (const piece of pieces) partKeys.add(this.key(piece));
    for (const piece of pieces) for (const part of this.splitter.split(piece)) partKeys.add(this.key(part));
    if (pieces.length === 1) for (const part of this.splitter.split(word)) partKeys.add(this.key(part));
    const key = this.key(word);
    partKeys.delete(key);
    return { word, key, partKeys: [...partKeys] };
  }

  isStopWord(word: string): boolean {
    return DUTCH_STOP_WORDS.has(word);
  }

  /**
   * Space-separated keys of a document field, each once: what the engines index. Ranking counts
   * which query words a field has, not how often, so repeats would only make the index bigger.
   */
  indexTerms(text: string): string {
    const terms: string[] = [];
    for (const raw of normalizeText(text).split(' ')) {
      if (!raw) continue;
      const token = this.analyzeWord(raw);
      if (!this.isStopWord(token.word)) terms.push(token.key, ...token.partKeys);
    }
    return terms.join(' ');
  }

  /** All keys of one raw word of running text (cached; used to highlight snippets). */
  wordKeys(raw: string): string[] {
    const cached = this.wordCache.get(raw);
    if (cached) return cached;
    const keys = this.tokens(raw).flatMap((t) => [t.key, ...t.partKeys, t.word]);
    this.wordCache.set(raw, keys);
    return keys;
  }

  /** Removes question openers ("ik wil graag weten", "hoe kan ik") from a normalised query. */
  stripQuestionFillers(normalized: string): string {
    let text = ` ${normalized} `;
    for (const filler of QUESTION_FILLERS) text = text.split(` ${filler} `).join(' ');
    return text.replace(/\s+/g, ' ').trim();
  }
}

/** paspoort → pasport, kaart → kart, vergunn → vergun: doubles are where Dutch spelling and typing vary. */
export function foldDoubles(stem: string): string {
  return stem.replace(/([aeiou])\1+/g, '$1').replace(/([b-df-hj-np-tv-z])\1+$/g, '$1');
}

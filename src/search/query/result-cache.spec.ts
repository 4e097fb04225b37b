import { ResultCache, trigramSimilarity, withinTypoBudget } from './result-cache';

const deps = (words: string[], prefixes: string[] = [], ids: string[] = []) => ({ ids, words, correctable: words.slice(0, 1), prefixes });

describe(ResultCache.name, () => {
  it('expires entries after the ttl', () => {
    const cache = new ResultCache<string>(10, 1_000);
    cache.set('q', 'answer', deps(['paspoort']), cache.mark(), 0);
    expect(cache.get('q', 10)).toBe('answer');
    expect(cache.get('q', 1_001)).toBeUndefined();
    // Spread over the last quarter, never later.
    const expiries = Array.from({ length: 50 }, (_, i) => {
      cache.set(`k${i}`, 'a', deps([]), cache.mark(), 0);
      return [800, 900, 1_000].find((t) => cache.get(`k${i}`, t) === undefined) ?? 'never';
    });
    expect(expiries).not.toContain('never');
    expect(new Set(expiries).size).toBeGreaterThan(1);
  });

  it('evicts the least recently used beyond its capacity', () => {
    const cache = new ResultCache<number>(2, 60_000);
    cache.set('a', 1, deps([]), 0, 0);
    cache.set('b', 2, deps([]), 0, 0);
    expect(cache.get('a', 0)).toBe(1);
    cache.set('c', 3, deps([]), 0, 0);
    expect(cache.get('b', 0)).toBeUndefined();
    expect(cache.get('a', 0)).toBe(1);
    expect(cache.size).toBe(2);
  });

  it('stores nothing with capacity 0', () => {
    const cache = new ResultCache<number>(0, 60_000);
    cache.set('a', 1, deps([]), 0, 0);
    expect(cache.get('a', 0)).toBeUndefined();
  });

  it('drops only the entries a change can affect', () => {
    const cache = new ResultCache<string>(10, 60_000);
    cache.set('paspoort', 'p', deps(['paspoort']), 0);
    cache.set('rijbewijs', 'r', deps(['rijbewijs']), 0);
    cache.set('shows', 's', deps(['afval'], [], ['article-1']), 0);
    cache.set('typing', 't', deps(['parker'], ['parker']), 0);
    // A new article about parking permits: its terms open the prefix; nothing about passports or licences.
    expect(cache.apply({ articleIds: ['article-9'], terms: ['parkeer', 'parkeervergunning', 'vergunning'] })).toBe(1);
    expect(cache.get('typing')).toBeUndefined();
    expect(cache.get('paspoort')).toBe('p');
    // A changed document the answer shows, whatever its terms.
    cache.apply({ articleIds: ['article-1'], terms: ['iets'] });
    expect(cache.get('shows')).toBeUndefined();
    // A term PostgreSQL may correct a query word to.
    cache.apply({ articleIds: ['article-8'], terms: ['rijbewys'] });
    expect(cache.get('rijbewijs')).toBeUndefined();
    // Unknown extent: everything.
    cache.apply({ articleIds: [], terms: null });
    expect(cache.size).toBe(0);
  });

  it('does not store an answer computed while an affecting change arrived, but does when the change is unrelated', () => {
    const cache = new ResultCache<string>(10, 60_000);
    const since = cache.mark();
    cache.apply({ articleIds: ['x'], terms: ['kapvergunning'] });
    cache.set('paspoort', 'p', deps(['paspoort']), since);
    expect(cache.get('paspoort')).toBe('p');
    const before = cache.mark();
    cache.apply({ articleIds: ['y'], terms: ['paspoort'] });
    expect(cache.get('paspoort')).toBeUndefined();
    cache.set('paspoort', 'stale', deps(['paspoort']), before);
    expect(cache.get('paspoort')).toBeUndefined();
  });
});

describe('an article changed in this process', () => {
  it('drops the answers showing it before the next read, many changes at once', () => {
    const cache = new ResultCache<string>(10, 60_000);
    cache.set('a', 'shows a', deps(['x'], [], ['article-a']), 0);
    cache.set('b', 'shows b', deps(['y'], [], ['article-b']), 0);
    for (let i = 0; i < 1_000; i++) cache.dropShowing(`imported-${i}`);
    cache.dropShowing('article-a');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe('shows b');
  });
});

describe('typo reach', () => {
  it('matches pg_trgm similarity', () => {
    // SELECT similarity('paspoort', 'pasport') = 0.7
    expect(trigramSimilarity('paspoort', 'pasport')).toBeCloseTo(0.7, 5);
  });

  it('covers Meilisearch typos and prefixes, not unrelated words', () => {
    expect(withinTypoBudget('pasport', 'paspoort')).toBe(true);
    expect(withinTypoBudget('afvla', 'afval')).toBe(true); // transposition
    expect(withinTypoBudget('vergunnig', 'vergunningen', true)).toBe(true);
    expect(withinTypoBudget('paspoort', 'tekst')).toBe(false);
    expect(withinTypoBudget('rijbewijs', 'meting')).toBe(false);
  });

  it('takes edit-distance typos into account only with Meilisearch', () => {
    for (const editTypos of [false, true]) {
      const cache = new ResultCache<string>(10, 60_000, editTypos);
      // Not a word PostgreSQL corrects (a synonym), one letter from a new term.
      cache.set('q', 'a', { ids: [], words: ['reisdocument'], correctable: [], prefixes: [] }, 0);
      cache.apply({ articleIds: ['x'], terms: ['reisdokument'] });
      expect(cache.get('q')).toBe(editTypos ? undefined : 'a');
    }
  });
});

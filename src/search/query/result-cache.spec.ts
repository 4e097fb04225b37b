import { ResultCache } from './result-cache';

describe(ResultCache.name, () => {
  it('returns what was stored for the same generation only', () => {
    const cache = new ResultCache<string>(10, 60_000);
    cache.set('q', '1', 'answer', 0);
    expect(cache.get('q', '1', 10)).toBe('answer');
    expect(cache.get('q', '2', 10)).toBeUndefined();
    // A stale entry is dropped, not kept for a later generation.
    expect(cache.get('q', '1', 10)).toBeUndefined();
  });

  it('expires entries after the ttl', () => {
    const cache = new ResultCache<string>(10, 1_000);
    cache.set('q', '1', 'answer', 0);
    expect(cache.get('q', '1', 1_001)).toBeUndefined();
  });

  it('evicts the least recently used beyond its capacity', () => {
    const cache = new ResultCache<number>(2, 60_000);
    cache.set('a', '1', 1, 0);
    cache.set('b', '1', 2, 0);
    expect(cache.get('a', '1', 0)).toBe(1);
    cache.set('c', '1', 3, 0);
    expect(cache.get('b', '1', 0)).toBeUndefined();
    expect(cache.get('a', '1', 0)).toBe(1);
    expect(cache.size).toBe(2);
  });

  it('stores nothing with capacity 0', () => {
    const cache = new ResultCache<number>(0, 60_000);
    cache.set('a', '1', 1, 0);
    expect(cache.get('a', '1', 0)).toBeUndefined();
  });
});

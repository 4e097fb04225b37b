import { aggregateFailedSearches, intentKey } from './gap-aggregation';

describe('intentKey', () => {
  it.each([
    ['paspoort kwijt', 'kwijt paspoort'],
    ['Kwijt, PASPOORT!', 'kwijt paspoort'],
    ['paspoort paspoort kwijt', 'kwijt paspoort'],
    ['financiële  tegemoetkoming', 'financiele tegemoetkoming'],
    ['bsn [bsn] uittreksel', 'bsn uittreksel'],
    ['afval-kalender 2027', '2027 afval kalender'],
  ])('%s → %s', (query, key) => {
    expect(intentKey(query)).toBe(key);
  });

  it.each(['[bsn]', '[telefoon] [e-mail]', '?!', 'ab', ''])('has no key for %j', (query) => {
    expect(intentKey(query)).toBeNull();
  });
});

describe('aggregateFailedSearches', () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 9, minute));
  const search = (query: string, minute: number, zeroResults = true, nextDepartmentId: string | null = null) => ({
    query,
    at: at(minute),
    zeroResults,
    nextDepartmentId,
  });

  it('groups by intent, counts zero-result and no-click searches, ranks by frequency', () => {
    const gaps = aggregateFailedSearches(
      [
        search('paspoort kwijt', 1, true, 'bz'),
        search('kwijt paspoort', 5, false, 'bz'),
        search('paspoort kwijt', 3, true, 'kcc'),
        search('paspoort kwijt', 9, true, 'bz'),
        search('hondenpoep', 2, true),
        search('hondenpoep', 4, false, 'afval'),
        search('eenmalig', 6),
      ],
      2,
    );
    expect(gaps).toEqual([
      {
        intentKey: 'kwijt paspoort',
        query: 'paspoort kwijt',
        searches: 4,
        zeroResults: 3,
        noClicks: 1,
        firstSeenAt: at(1),
        lastSeenAt: at(9),
        suggestedDepartmentId: 'bz',
      },
      {
        intentKey: 'hondenpoep',
        query: 'hondenpoep',
        searches: 2,
        zeroResults: 1,
        noClicks: 1,
        firstSeenAt: at(2),
        lastSeenAt: at(4),
        suggestedDepartmentId: 'afval',
      },
    ]);
  });

  it('suggests no department on a tie or without any opened article', () => {
    const [tie] = aggregateFailedSearches([search('parkeren', 1, true, 'a'), search('parkeren', 2, true, 'b')], 1);
    expect(tie.suggestedDepartmentId).toBeNull();
    const [none] = aggregateFailedSearches([search('parkeren', 1)], 1);
    expect(none.suggestedDepartmentId).toBeNull();
  });

  it('shows the shortest of equally frequent spellings and skips queries without a key', () => {
    const gaps = aggregateFailedSearches(
      [search('kwijt paspoort', 1), search('paspoort kwijt!', 2), search('[bsn]', 3), search('[bsn]', 4)],
      1,
    );
    expect(gaps.map((g) => [g.intentKey, g.query])).toEqual([['kwijt paspoort', 'kwijt paspoort']]);
  });
});

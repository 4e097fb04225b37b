import { CandidateDocument, CandidateGroup, CandidateIndex, CandidateQuery, readTsvector } from './candidate-index';

const doc = (id: string, vector: string, more: Partial<CandidateDocument> & { kcc?: string } = {}): CandidateDocument => {
  const terms = new Map<string, number>();
  readTsvector(vector, false, terms);
  readTsvector(more.kcc ?? '', true, terms);
  return {
    id,
    indexedAt: '1',
    title: more.title ?? id,
    kind: more.kind ?? 'product',
    audience: more.audience ?? 'public',
    departmentSlug: more.departmentSlug ?? 'burgerzaken',
    themes: more.themes ?? [],
    lifeEvents: more.lifeEvents ?? [],
    targetGroups: more.targetGroups ?? [],
    terms,
  };
};

const group = (alternatives: string[][], prefix: string | null = null, looseKeys: string[] = []): CandidateGroup => ({
  terms: { alternatives, prefix },
  looseKeys,
  points: { title: 1000, summary: 800, body: 600, loose: 300 },
});

const query = (groups: CandidateGroup[], more: Partial<CandidateQuery> = {}): CandidateQuery => ({
  groups,
  widening: groups.map((_, i) => i),
  widenBelow: 10,
  staff: true,
  filters: {},
  depth: 30,
  ...more,
});

describe('readTsvector', () => {
  it('reads each term with the weights it occurs at (none is D)', () => {
    const terms = new Map<string, number>();
    readTsvector(`'paspoort':1A,7C,20 'aanvrag':2B 'it''s':3 'kal'`, false, terms);
    expect([...terms.keys()]).toEqual(['paspoort', 'aanvrag', "it's", 'kal']);
    expect(terms.get('paspoort')).toBe(1 | 4 | 8);
    expect(terms.get('aanvrag')).toBe(2);
    expect(terms.get("it's")).toBe(8);
    expect(terms.get('kal')).toBe(8);
  });
});

describe('CandidateIndex', () => {
  const index = new CandidateIndex();
  index.put([
    doc('a-title', `'paspoort':1A 'aanvrag':2A`, { title: 'Paspoort aanvragen' }),
    doc('b-summary', `'rijbewijs':1A 'paspoort':5C 'aanvrag':9`, { title: 'Rijbewijs' }),
    doc('c-body', `'verhuiz':1A 'paspoort':30 'aanvrag':31`, { title: 'Verhuizen', audience: 'internal' }),
    doc('d-kcc', `'balie':1A`, { title: 'Balie', kcc: `'paspoort':1 'aanvrag':2` }),
  ]);

  it('scores each group by where it matched: title, summary, body', () => {
    const result = index.search(query([group([['paspoort']]), group([['aanvrag']])]));
    expect(result.best).toEqual([
      { id: 'a-title', points: 2000 },
      { id: 'b-summary', points: 1400 },
      { id: 'd-kcc', points: 1200 }, // Balie before Verhuizen
      { id: 'c-body', points: 1200 },
    ]);
    expect(result.total).toBe(4);
    expect(result.facets.audience).toEqual({ public: 3, internal: 1 });
  });

  it('keeps internal articles and KCC notes from the public', () => {
    const result = index.search(query([group([['paspoort']]), group([['aanvrag']])], { staff: false }));
    expect(result.best.map((c) => c.id)).toEqual(['a-title', 'b-summary']);
  });

  it('needs every key of an alternative, at the level of its weakest key', () => {
    const result = index.search(query([group([['paspoort', 'aanvrag']])], { widenBelow: 0 }));
    expect(result.best).toEqual([
      { id: 'a-title', points: 1000 },
      { id: 'd-kcc', points: 600 },
      { id: 'b-summary', points: 600 },
      { id: 'c-body', points: 600 },
    ]);
  });

  it('matches a prefix against every term it opens', () => {
    expect(index.search(query([group([], 'rijb')])).best.map((c) => c.id)).toEqual(['b-summary']);
  });

  it('widens to any group when too few documents have every group, compound heads earning partial points', () => {
    const result = index.search(query([group([['rijbewijs']]), group([['onbekend']], null, ['verhuiz'])]));
    expect(result.best).toEqual([
      { id: 'b-summary', points: 1000 },
      { id: 'c-body', points: 300 },
    ]);
  });

  it('filters exactly, and orders ties by title then id', () => {
    const result = index.search(query([group([['aanvrag']])], { filters: { audience: 'public' } }));
    expect(result.best.map((c) => c.id)).toEqual(['a-title', 'd-kcc', 'b-summary']);
  });

  it('forgets removed documents and takes a replaced one as it is now', () => {
    const changing = new CandidateIndex();
    changing.put([doc('x', `'paspoort':1A`), doc('y', `'paspoort':3`)]);
    changing.put([doc('x', `'rijbewijs':1A 'paspoort':4`)]);
    changing.remove(['y']);
    expect(changing.search(query([group([['paspoort']])])).best).toEqual([{ id: 'x', points: 600 }]);
    expect(changing.size).toBe(1);
  });
});

import { DutchAnalyzer } from '../../src/search/dutch/dutch-analyzer';
import { PostgresSearchEngine } from '../../src/search/postgres/postgres-search.engine';
import { planQuery } from '../../src/search/query/query-plan';
import { SynonymIndex } from '../../src/search/query/synonym-index';
import { makeDocument } from '../contracts/search-engine.contract';
import { TestApp, createTestApp } from '../setup/test-app';

/**
 * A broad query (a prefix while typing) matches much of the collection: the best documents must come
 * first whatever their place on disk, the counts must cover every match, and deep pages go on in
 * coverage order after the re-ranked top.
 */
describe('PostgreSQL search over broad queries', () => {
  let t: TestApp;
  let engine: PostgresSearchEngine;
  const analyzer = new DutchAnalyzer();
  const plan = (q: string) => planQuery(q, analyzer, new SynonymIndex([], analyzer));
  const bodyOnly = Array.from({ length: 40 }, (_, i) =>
    makeDocument({ title: `Afvalkalender wijk ${i + 1}`, text: `Bij een verhuizing krijgt u de kalender van uw nieuwe wijk ${i + 1}.` }),
  );
  const titled = makeDocument({ title: 'Verhuizing doorgeven', text: 'Geef uw nieuwe adres door binnen vijf dagen.' });
  const search = (q: string, offset = 0, limit = 10) => engine.search({ plan: plan(q), filters: {}, scope: 'staff', limit, offset });

  beforeAll(async () => {
    t = await createTestApp();
    engine = t.app.get(PostgresSearchEngine);
    await t.dataSource.query('TRUNCATE search_documents, search_phrases, search_terms');
    // The body-only documents first, so they are the first on disk.
    await engine.upsert(bodyOnly);
    await engine.upsert([titled]);
    await engine.refreshStatistics();
  });
  afterAll(() => t.close());

  it.each(['verhuiz', 'verhuizing'])('ranks the title match first and counts every match of %s', async (q) => {
    const result = await search(q);
    expect(result.total).toBe(41);
    expect(result.hits[0].id).toBe(titled.id);
    expect(result.facets.kind).toEqual({ product: 41 });
  });

  it('pages past the re-ranked top in coverage order, without repeats or gaps', async () => {
    const pages = await Promise.all([0, 10, 20, 30, 40].map((offset) => search('verhuiz', offset)));
    const ids = pages.flatMap((p) => p.hits.map((h) => h.id));
    expect(ids).toHaveLength(41);
    expect(new Set(ids).size).toBe(41);
    expect(pages[4].hits).toHaveLength(1);
    const scores = pages.flatMap((p) => p.hits.map((h) => h.score));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});

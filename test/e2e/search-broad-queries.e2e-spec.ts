import { DutchAnalyzer } from '../../src/search/dutch/dutch-analyzer';
import { PostgresSearchEngine } from '../../src/search/postgres/postgres-search.engine';
import { PostgresSearchQuery } from '../../src/search/postgres/postgres-search.query';
import { planQuery } from '../../src/search/query/query-plan';
import { SynonymIndex } from '../../src/search/query/synonym-index';
import { makeDocument } from '../contracts/search-engine.contract';
import { TestApp, createTestApp } from '../setup/test-app';

/**
 * A query broader than the cap on documents it considers (MATCH_CAP, here 10: below that, a search widens) must still rank the best
 * documents, not the first ones on disk: documents with the words in their title come first.
 */
describe('PostgreSQL search past the match cap', () => {
  let t: TestApp;
  let engine: PostgresSearchEngine;
  const analyzer = new DutchAnalyzer();
  const plan = (q: string) => planQuery(q, analyzer, new SynonymIndex([], analyzer));
  const bodyOnly = Array.from({ length: 12 }, (_, i) =>
    makeDocument({ title: `Afvalkalender wijk ${i + 1}`, text: `Bij een verhuizing krijgt u de kalender van uw nieuwe wijk ${i + 1}.` }),
  );
  const titled = makeDocument({ title: 'Verhuizing doorgeven', text: 'Geef uw nieuwe adres door binnen vijf dagen.' });

  beforeAll(async () => {
    t = await createTestApp();
    engine = t.app.get(PostgresSearchEngine);
    await t.dataSource.query('TRUNCATE search_documents, search_phrases, search_terms');
    // The body-only documents first, so they are the first on disk.
    for (const document of bodyOnly) await engine.upsert([document]);
    await engine.upsert([titled]);
    await engine.refreshStatistics();
  });
  afterAll(() => t.close());

  const search = (q: string, cap: number) =>
    new PostgresSearchQuery(t.dataSource, cap).search({ plan: plan(q), filters: {}, scope: 'staff', limit: 10, offset: 0 });

  it.each(['verhuiz', 'verhuizing'])('ranks the title match first when %s matches more documents than the cap', async (q) => {
    const capped = await search(q, 10);
    expect(capped.total).toBe(10);
    expect(capped.hits[0].id).toBe(titled.id);
    // the same first hit as without a cap
    expect((await search(q, 100)).hits[0].id).toBe(titled.id);
  });

  it('still fills the capped set from the body matches when few titles match', async () => {
    const capped = await search('verhuiz', 11);
    expect(capped.total).toBe(11);
    expect(capped.hits[0].id).toBe(titled.id);
    expect(capped.hits.slice(1).every((h) => bodyOnly.some((d) => d.id === h.id))).toBe(true);
  });
});

import { randomBytes } from 'node:crypto';
import { SecondarySearchEngine } from '../../src/search/indexing/secondary-engine';
import { MeilisearchEngine } from '../../src/search/meilisearch/meilisearch.engine';
import { FixtureLoader } from '../../src/articles/import/fixture-loader';
import { SearchIndexer } from '../../src/search/indexing/search-indexer';
import { SearchIndexingTrigger } from '../../src/search/jobs/search-indexing.trigger';
import { SearchService } from '../../src/search/search.service';
import { TestApp, createTestApp } from '../setup/test-app';
import { RELEVANCE_CASES, RelevanceScore, scoreRelevance } from './relevance';

/**
 * Relevance of agent search on the fixtures, measured: recall@3 and MRR over realistic agent queries
 * (typos, colloquial phrasing, whole questions, prefixes, inflections, compounds, English), printed
 * beside an "all words must match" baseline.
 */
describe('search relevance', () => {
  let t: TestApp;
  let ids: Map<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(FixtureLoader).load();
    await t.app.get(SearchIndexingTrigger).settle();
    const rows: { id: string; external_id: string }[] = await t.dataSource.query('SELECT id, external_id FROM articles');
    ids = new Map(rows.map((r) => [r.id, r.external_id]));
  }, 60_000);
  afterAll(async () => t.close());

  const report = (name: string, score: RelevanceScore) => {
    const categories = Object.entries(score.byCategory)
      .map(([c, s]) => `  ${c.padEnd(12)} n=${String(s.cases).padStart(3)}  recall@3 ${s.recallAt3.toFixed(3)}  MRR ${s.mrr.toFixed(3)}`)
      .join('\n');
    return `${name}: ${score.cases} answerable queries, recall@3 ${score.recallAt3.toFixed(3)}, MRR ${score.mrr.toFixed(3)}; unanswerable with hits: ${score.noAnswerWithHits}\n${categories}`;
  };

  it('meets recall@3 ≥ 0.90 and MRR ≥ 0.75 on the PostgreSQL engine, far above an all-words baseline', async () => {
    expect(RELEVANCE_CASES.length).toBeGreaterThanOrEqual(150);
    const search = t.app.get(SearchService);
    const ours = await scoreRelevance(RELEVANCE_CASES, async (q) => {
      const res = await search.search(null, { q, limit: 10 });
      return res.hits.map((h) => ids.get(h.id)!);
    });
    const baseline = await scoreRelevance(RELEVANCE_CASES, async (q) => {
      const rows: { article_id: string }[] = await t.dataSource.query(
        `SELECT article_id FROM search_documents
         WHERE to_tsvector('dutch', title || ' ' || summary || ' ' || body_text) @@ websearch_to_tsquery('dutch', $1)
         ORDER BY ts_rank(to_tsvector('dutch', title || ' ' || summary || ' ' || body_text), websearch_to_tsquery('dutch', $1)) DESC, title
         LIMIT 10`,
        [q],
      );
      return rows.map((r) => ids.get(r.article_id)!);
    });
    console.log(
      `${report('kennisbank (postgres)', ours)}\n${report('baseline (all words must match)', baseline)}\nmisses:\n${ours.misses.map((m) => `  ${JSON.stringify(m.q)} → ${m.got.join(', ') || '(nothing)'} (want ${m.expect.join(' | ')})`).join('\n')}`,
    );
    expect(ours.recallAt3).toBeGreaterThanOrEqual(0.9);
    expect(ours.mrr).toBeGreaterThanOrEqual(0.75);
    expect(ours.recallAt3).toBeGreaterThan(baseline.recallAt3);
  }, 120_000);
});

/** The same queries through Meilisearch, wherever MEILI_URL points at a server. */
const meiliUrl = process.env.MEILI_URL;
(meiliUrl ? describe : describe.skip)('search relevance on Meilisearch (MEILI_URL)', () => {
  let t: TestApp;
  let ids: Map<string, string>;

  beforeAll(async () => {
    t = await createTestApp({
      SEARCH_ENGINE: 'meilisearch',
      MEILI_URL: meiliUrl!,
      MEILI_API_KEY: process.env.MEILI_API_KEY ?? '',
      // Its own index per run, deleted afterwards: never the production one.
      MEILI_INDEX: `relevance_${randomBytes(4).toString('hex')}`,
    });
    await t.app.get(FixtureLoader).load();
    await t.app.get(SearchIndexer).reindexAll();
    const rows: { id: string; external_id: string }[] = await t.dataSource.query('SELECT id, external_id FROM articles');
    ids = new Map(rows.map((r) => [r.id, r.external_id]));
  }, 120_000);
  afterAll(async () => {
    await (t?.app.get(SecondarySearchEngine) as MeilisearchEngine | undefined)?.dropIndex();
    await t?.close();
  });

  it('meets the same recall@3 and MRR', async () => {
    const search = t.app.get(SearchService);
    const score = await scoreRelevance(RELEVANCE_CASES, async (q) => {
      const res = await search.search(null, { q, limit: 10 });
      expect(res.engine).toBe('meilisearch');
      return res.hits.map((h) => ids.get(h.id)!);
    });
    console.log(`meilisearch: recall@3 ${score.recallAt3}, MRR ${score.mrr}`);
    expect(score.recallAt3).toBeGreaterThanOrEqual(0.9);
    expect(score.mrr).toBeGreaterThanOrEqual(0.75);
  }, 120_000);
});

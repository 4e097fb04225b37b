import { DutchAnalyzer } from '../../src/search/dutch/dutch-analyzer';
import { MeilisearchEngine } from '../../src/search/meilisearch/meilisearch.engine';
import { describeSearchEngineContract } from './search-engine.contract';

/**
 * The same contract against a real Meilisearch, wherever MEILI_URL points at one (docker compose,
 * a CI with the server). Without it there is nothing honest to test: the suite is reported as
 * skipped rather than passed.
 */
const url = process.env.MEILI_URL;

if (url) {
  const uid = `contract_${Date.now()}`;
  const engine = new MeilisearchEngine(
    { url, apiKey: process.env.MEILI_API_KEY ?? '', index: uid, searchTimeoutMs: 10_000 },
    new DutchAnalyzer(),
  );
  describeSearchEngineContract(
    'meilisearch',
    async () => ({
      engine,
      reset: () => engine.ensureIndex(),
      afterWrite: async () => undefined,
    }),
    // Its own index per run, deleted afterwards: never a production-named one.
    () => engine.dropIndex(),
  );
} else {
  describe.skip('SearchEngine contract: meilisearch (needs MEILI_URL)', () => {
    it('runs the contract against Meilisearch', () => undefined);
  });
}

import { PostgresSearchEngine } from '../../src/search/postgres/postgres-search.engine';
import { TestApp, createTestApp } from '../setup/test-app';
import { describeSearchEngineContract } from './search-engine.contract';

let t: TestApp;

describeSearchEngineContract(
  'postgres',
  async () => {
    t = await createTestApp();
    const engine = t.app.get(PostgresSearchEngine);
    return {
      engine,
      reset: async () => {
        await t.dataSource.query('TRUNCATE search_documents, search_phrases, search_terms');
      },
      afterWrite: () => engine.refreshStatistics(),
    };
  },
  () => t.close(),
);

import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { PublishedArticlesService } from '../../src/articles/published-articles.service';
import { buildDataSourceOptions } from '../../src/database/data-source';
import { DutchAnalyzer } from '../../src/search/dutch/dutch-analyzer';
import { SearchIndexer } from '../../src/search/indexing/search-indexer';
import { PostgresSearchEngine } from '../../src/search/postgres/postgres-search.engine';

/**
 * An indexing worker for the crash test: claims one batch, tells the parent, and then hangs before
 * commit until the parent kills it (SIGKILL, like an OOM kill or a pulled plug).
 */
async function main(): Promise<void> {
  const dataSource = new DataSource(buildDataSourceOptions({ url: process.argv[2], poolSize: 2 }));
  await dataSource.initialize();
  const indexer = new SearchIndexer(
    dataSource,
    new PublishedArticlesService(dataSource),
    new PostgresSearchEngine(dataSource),
    new DutchAnalyzer(),
  );
  await indexer.drainBatch(1000, {
    beforeCommit: () => {
      process.send?.('claimed');
      return new Promise(() => undefined);
    },
  });
}

void main();

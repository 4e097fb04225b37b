import { fork } from 'node:child_process';
import { join } from 'node:path';
import { FixtureLoader } from '../../src/articles/import/fixture-loader';
import { SearchIndexer } from '../../src/search/indexing/search-indexer';
import { SearchIndexingTrigger } from '../../src/search/jobs/search-indexing.trigger';
import { TestApp, createTestApp } from '../setup/test-app';

describe('indexing survives a worker killed mid-batch (e2e)', () => {
  let t: TestApp;
  const count = async (sql: string) => (await t.dataSource.query(sql))[0].n as number;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(FixtureLoader).load();
    // Only the worker under test indexes from here on.
    await t.app.get(SearchIndexingTrigger).onApplicationShutdown();
  }, 60_000);
  afterAll(async () => t.close());

  it('loses nothing: the killed batch returns to the outbox and the index converges', async () => {
    await t.dataSource.query('DELETE FROM article_outbox');
    await t.dataSource.query('DELETE FROM search_documents');
    await t.dataSource.query('INSERT INTO article_outbox (article_id) SELECT id FROM articles');
    const articles = await count('SELECT count(*)::int AS n FROM articles');
    const live = await count(`SELECT count(*)::int AS n FROM articles WHERE published_version IS NOT NULL AND status <> 'archived'`);

    const child = fork(join(__dirname, '../support/indexer-child.ts'), [(t.dataSource.options as { url: string }).url], {
      execArgv: ['-r', 'ts-node/register/transpile-only'],
      stdio: 'inherit',
    });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
    });

    // While the worker holds its claim, another drain skips those rows instead of indexing them twice.
    const indexer = t.app.get(SearchIndexer);
    expect(await indexer.drainBatch()).toEqual({ claimed: 0, indexed: 0, removed: 0 });

    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    expect(await count('SELECT count(*)::int AS n FROM search_documents')).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM article_outbox')).toBe(articles);

    // PostgreSQL releases the dead worker's locks once it notices the broken connection.
    const deadline = Date.now() + 10_000;
    while ((await count('SELECT count(*)::int AS n FROM article_outbox')) > 0 && Date.now() < deadline) {
      await Promise.all([indexer.drain(), indexer.drain()]);
    }
    expect(await count('SELECT count(*)::int AS n FROM article_outbox')).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM search_documents')).toBe(live);
    const wrongVersion = await count(
      `SELECT count(*)::int AS n FROM search_documents d JOIN articles a ON a.id = d.article_id WHERE d.version <> a.published_version`,
    );
    expect(wrongVersion).toBe(0);
  }, 60_000);
});

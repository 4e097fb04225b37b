import { randomBytes } from 'node:crypto';
import { SearchIndexer } from '../../src/search/indexing/search-indexer';
import { SearchIndexingTrigger } from '../../src/search/jobs/search-indexing.trigger';
import { SecondarySearchEngine } from '../../src/search/indexing/secondary-engine';
import { MeilisearchEngine } from '../../src/search/meilisearch/meilisearch.engine';
import { TestApp, createTestApp } from '../setup/test-app';
import { api } from '../support/builders';
import { metricValue } from '../support/metrics';
import { MeilisearchContractServer } from './meilisearch/contract-server';
import type { RecordedRequest } from './meilisearch/contract-state';

/**
 * The whole application against the contract server (no Meilisearch needed), under each failure:
 * failed tasks, tasks that never finish, 5xx, a slow server, a wrong key, a missing index. Each
 * time: no outbox row lost (the outbox and the documents the server holds are compared at the end),
 * search falls back to PostgreSQL, and /health/ready says what is wrong.
 */
describe('Meilisearch failure paths (contract server, whole application)', () => {
  let server: MeilisearchContractServer;
  let t: TestApp;
  let a: ReturnType<typeof api>;
  let uid: string;
  let engine: MeilisearchEngine;
  const settle = () => t.app.get(SearchIndexingTrigger).settle();
  const indexer = () => t.app.get(SearchIndexer);
  const outbox = async () =>
    t.dataSource.query<{ article_id: string; attempts: number; last_error: string | null }[]>(
      'SELECT article_id, attempts, last_error FROM search_secondary_outbox ORDER BY id',
    );
  const ready = async () => (await t.http.get('/health/ready')).body.details.search;
  const documents = (r: RecordedRequest) => r.operation === 'POST /indexes/{index_uid}/documents';
  let n = 0;
  const publish = async (title = `Artikel ${++n}`) => (await a.publishedProduct({ title })) as { id: string };

  /** Heal, let every retry fall due, drain: the server holds exactly the live articles and the outbox is empty. */
  async function expectNothingLost(): Promise<void> {
    server.heal();
    await server.idle();
    await settle();
    // A drain started in the background during the fault may still finish after this one: retry until due rows are gone.
    for (let i = 0; i < 5 && (await outbox()).length; i++) {
      await t.dataSource.query('UPDATE search_secondary_outbox SET next_attempt_at = now()');
      await indexer().drainSecondary();
      await settle();
    }
    expect(await outbox()).toEqual([]);
    const live: { id: string }[] = await t.dataSource.query(
      `SELECT id FROM articles WHERE published_version IS NOT NULL AND status <> 'archived' ORDER BY id`,
    );
    expect([...server.documents(uid).keys()].sort()).toEqual(live.map((r) => r.id));
    expect(server.violations).toEqual([]);
  }

  beforeAll(async () => {
    server = await MeilisearchContractServer.start();
    uid = `kb_test_${randomBytes(4).toString('hex')}`;
    t = await createTestApp({
      SEARCH_ENGINE: 'meilisearch',
      MEILI_URL: server.url,
      MEILI_API_KEY: server.masterKey!,
      MEILI_INDEX: uid,
      MEILI_SEARCH_TIMEOUT_MS: '300',
      MEILI_WRITE_TIMEOUT_MS: '10000',
      MEILI_TASK_TIMEOUT_MS: '400',
    });
    a = api(t.http);
    await a.department();
    engine = t.app.get<SecondarySearchEngine, MeilisearchEngine>(SecondarySearchEngine);
    await publish('Paspoort aanvragen');
    await settle();
    // The contract server compiles a response schema on first use (slow for settings): not the adapter's time.
    await ready();
  });

  afterAll(async () => {
    await engine?.dropIndex().catch(() => undefined);
    expect([...server.indexes.keys()]).toEqual([]);
    await t?.close();
    await server?.close();
  });

  // After every failure: nothing lost once Meilisearch is back.
  afterEach(async () => {
    server.heal();
    await engine.ensureIndex();
  });

  /** Every change to the article (created, submitted, approved) is still queued, marked with the error. */
  async function expectQueued(articleId: string, error: RegExp): Promise<void> {
    const rows = (await outbox()).filter((r) => r.article_id === articleId);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.attempts >= 1 && error.test(r.last_error ?? ''))).toBe(true);
  }

  it('(1) the application refuses to start against a Meilisearch older than the minimum, saying why', async () => {
    const old = await MeilisearchContractServer.start({ version: '1.12.0' });
    try {
      await expect(
        createTestApp({ SEARCH_ENGINE: 'meilisearch', MEILI_URL: old.url, MEILI_API_KEY: old.masterKey!, MEILI_INDEX: uid }),
      ).rejects.toThrow(/Meilisearch 1\.12\.0 .*older than 1\.18\.0.*Upgrade the server/);
      expect(old.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    } finally {
      await old.close();
    }
  });

  it('(8) uses the index uid it is given (MEILI_INDEX), never the production name', async () => {
    expect(engine.uid).toBe(uid);
    expect(server.requests.every((r) => r.indexUid === null || r.indexUid.startsWith(uid))).toBe(true);
    await expectNothingLost();
    expect(await ready()).toMatchObject({ status: 'up', engine: { settings: 'match' }, outbox: { retrying: 0 } });
  });

  it('(2) a failed task keeps its outbox rows for a retry, shows in /health/ready and /metrics, then nothing is lost', async () => {
    server.failTasks((task) => task.type === 'documentAdditionOrUpdate', 'internal', 'disk full');
    const article = await publish();
    await settle();
    await expectQueued(article.id, /^internal: .*disk full/);
    expect(await ready()).toMatchObject({
      outbox: { retrying: expect.any(Number), lastError: expect.stringMatching(/^internal/), nextRetryAt: expect.any(String) },
    });
    const metrics = (await t.http.get('/metrics')).text;
    expect(
      metricValue(metrics, 'kennisbank_search_engine_task_failures_total', { engine: 'meilisearch', code: 'internal' }),
    ).toBeGreaterThanOrEqual(1);
    expect(metricValue(metrics, 'kennisbank_outbox_retrying', { outbox: 'search_secondary_outbox' })).toBe((await outbox()).length);
    // Backoff: a drain right away leaves the row alone.
    const before = server.requestsTo('POST /indexes/{index_uid}/documents').length;
    await indexer().drainSecondary();
    expect(server.requestsTo('POST /indexes/{index_uid}/documents')).toHaveLength(before);
  });

  it('(2) a task that never finishes counts as failed after the task timeout; the rows stay', async () => {
    server.holdTasks((task) => task.type === 'documentAdditionOrUpdate');
    const article = await publish();
    await settle();
    await expectQueued(article.id, /^task_timeout/);
  });

  it('5xx on writes and searches: rows stay, search answers from PostgreSQL', async () => {
    server.answerWith((r) => documents(r) || r.operation === 'POST /indexes/{index_uid}/search', 503, 'internal');
    const article = await publish('Rijbewijs verlengen');
    await settle();
    await expectQueued(article.id, /^internal/);
    const res = await t.http.get('/api/search?q=rijbewijs');
    expect(res.body).toMatchObject({ engine: 'postgres', fallback: true });
    expect(res.body.hits[0].id).toBe(article.id);
  });

  it('a slow server: search falls back within its timeout, writes wait their own longer timeout', async () => {
    server.delay((r) => r.operation === 'POST /indexes/{index_uid}/search', 800);
    server.delay(documents, 500);
    const article = await publish('Parkeervergunning');
    await settle();
    expect((await outbox()).filter((r) => r.article_id === article.id)).toEqual([]);
    expect(server.documents(uid).has(article.id)).toBe(true);
    const started = Date.now();
    const res = await t.http.get('/api/search?q=parkeervergunning%20zoeken');
    expect(res.body).toMatchObject({ engine: 'postgres', fallback: true });
    expect(Date.now() - started).toBeLessThan(800);
  });

  it('a wrong key: writes fail and stay queued, readiness says the key is refused, search falls back', async () => {
    const key = server.masterKey;
    server.masterKey = 'another-master-key-0123456789';
    try {
      const article = await publish('Afvalpas');
      await settle();
      await expectQueued(article.id, /^invalid_api_key/);
      expect(await ready()).toMatchObject({ status: 'down', fallbackActive: true, engine: { code: 'invalid_api_key' } });
      expect((await t.http.get('/api/search?q=afvalpas')).body).toMatchObject({ engine: 'postgres', fallback: true });
    } finally {
      server.masterKey = key;
    }
    await expectNothingLost();
    expect(await ready()).toMatchObject({ status: 'up' });
  });

  it('a missing index: readiness says so, search falls back; start-up (ensureIndex) recreates it and the outbox refills it', async () => {
    server.indexes.delete(uid);
    expect(await ready()).toMatchObject({ status: 'down', engine: { indexStatus: 'missing' } });
    expect((await t.http.get('/api/search?q=paspoort')).body).toMatchObject({ engine: 'postgres', fallback: true });
    await engine.ensureIndex();
    // Everything goes through the outbox again (what an operator's reindex does, without the swap).
    await t.dataSource.query(
      `INSERT INTO search_secondary_outbox (article_id) SELECT id FROM articles WHERE published_version IS NOT NULL AND status <> 'archived'`,
    );
    await expectNothingLost();
    expect(await ready()).toMatchObject({ status: 'up' });
  });

  it('(5) changes made while the index is rebuilt are caught up before the swap', async () => {
    const article = await publish('Hondenbelasting');
    await settle();
    const gate = server.hold((r) => documents(r) && r.indexUid !== uid);
    const reindex = indexer().reindexAll();
    await gate.reached;
    // Edited and published while the new index is being filled.
    const current = (await t.http.get(`/api/articles/${article.id}`)).body;
    await a.patch(article.id, current.etag, { title: 'Hondenbelasting en kattenbelasting' });
    await a.publish(article.id);
    const late = await publish('Kapvergunning');
    await settle();
    gate.release();
    await reindex;
    expect((server.documents(uid).get(article.id) as { title: string }).title).toBe('Hondenbelasting en kattenbelasting');
    expect(server.documents(uid).has(late.id)).toBe(true);
  });
});

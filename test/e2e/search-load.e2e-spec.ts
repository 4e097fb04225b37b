import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { capturedLogger } from '../support/captured-logger';
import { SearchIndexingTrigger } from '../../src/search/jobs/search-indexing.trigger';
import { SearchCancelledError } from '../../src/search/query/engine-gate';
import { SearchService } from '../../src/search/search.service';
import { TestApp, createTestApp } from '../setup/test-app';
import { api } from '../support/builders';

/**
 * Search under load: misses pass a bounded engine gate (hits never wait behind them), a full gate
 * sheds with 503 and Retry-After, and a search nobody waits for is cancelled in the database.
 * A lock on the index table makes an engine query hang for as long as the test wants.
 */
describe('search under load (e2e)', () => {
  let t: TestApp;
  let locker: Client;
  const lines: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ SEARCH_ENGINE_CONCURRENCY: '1', SEARCH_ENGINE_QUEUE: '0' }, undefined, {
      logger: capturedLogger('log', lines),
    });
    const a = api(t.http);
    await a.department();
    await a.publishedProduct();
    await a.publishedProduct({ title: 'Identiteitskaart', summary: 'De ID-kaart vraagt u aan bij de balie.' });
    await t.app.get(SearchIndexingTrigger).settle();
    locker = new Client({ connectionString: (t.dataSource.options as { url?: string }).url });
    await locker.connect();
  });
  afterAll(async () => {
    await locker.end();
    await t.close();
  });

  const lockIndex = async () => {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE search_documents IN ACCESS EXCLUSIVE MODE');
  };
  const unlockIndex = () => locker.query('ROLLBACK');
  /** Until a search statement waits on the lock. */
  const waitingSearches = async () => {
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%WITH ORDINALITY%'`,
    );
    return n as number;
  };
  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 25));
  };

  it('answers cache hits while the engine is busy, and sheds misses with 503 and Retry-After when the gate is full', async () => {
    const first = await t.http.get('/api/search?q=paspoort'); // cached from now on
    expect(first.status).toBe(200);
    await lockIndex();
    try {
      const slow = t.http.get('/api/search?q=identiteitskaart').then((r) => r);
      await until(async () => (await waitingSearches()) === 1);

      const hit = await t.http.get('/api/search?q=paspoort');
      expect(hit.status).toBe(200);
      expect(hit.body.hits).toEqual(first.body.hits);

      const shed = await t.http.get('/api/search?q=balie');
      expect(shed.status).toBe(503);
      expect(shed.headers['retry-after']).toBe('1');
      expect(shed.body.code).toBe('SEARCH_SATURATED');
      // One log line per shed request, at warn, with the code (not a warning plus an error line).
      await new Promise((resolve) => setImmediate(resolve));
      const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.requestId === shed.body.requestId);
      expect(logged).toEqual([expect.objectContaining({ level: 'warn', statusCode: 503, code: 'SEARCH_SATURATED' })]);

      await unlockIndex();
      expect((await slow).status).toBe(200);
    } finally {
      await unlockIndex().catch(() => undefined);
    }
    const metrics = (await t.http.get('/metrics')).text;
    expect(metrics).toMatch(/kennisbank_search_shed_total\{operation="search"\} 1/);
  });

  it('asks the engine once for a miss many agents ask at once (no slot each, so none is shed)', async () => {
    await lockIndex();
    try {
      const first = t.http.get('/api/search?q=balie%20kosten').then((r) => r);
      await until(async () => (await waitingSearches()) === 1);
      const second = t.http.get('/api/search?q=balie%20kosten').then((r) => r);
      await new Promise((r) => setTimeout(r, 200));
      expect(await waitingSearches()).toBe(1);
      await unlockIndex();
      const [a, b] = await Promise.all([first, second]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(b.body.hits).toEqual(a.body.hits);
    } finally {
      await unlockIndex().catch(() => undefined);
    }
  });

  it('cancels the running statement when the client goes away, and counts it', async () => {
    await lockIndex();
    try {
      const abort = new AbortController();
      const search = t.app.get(SearchService).search(null, { q: 'identiteitskaart balie' }, abort.signal);
      const outcome = search.catch((e: unknown) => e);
      await until(async () => (await waitingSearches()) === 1);
      abort.abort();
      expect(await outcome).toBeInstanceOf(SearchCancelledError);
      // Cancelled on the server, not just abandoned: soon nothing waits on the lock any more (while
      // the lock is still held, so only a cancel can end the wait).
      await until(async () => (await waitingSearches()) === 0);
      expect(await waitingSearches()).toBe(0);
    } finally {
      await unlockIndex();
    }
    const metrics = (await t.http.get('/metrics')).text;
    expect(metrics).toMatch(/kennisbank_search_cancellations_total\{operation="search"\} 1/);
    // The connection went back to the pool in a usable state.
    expect((await t.http.get('/api/search?q=identiteitskaart')).body.total).toBe(1);
  });

  it('stops the search in the database when the HTTP client disconnects', async () => {
    const server = t.app.getHttpServer() as http.Server;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const before = Number(
      /kennisbank_search_cancellations_total\{operation="search"\} (\d+)/.exec((await t.http.get('/metrics')).text)?.[1] ?? 0,
    );
    await lockIndex();
    try {
      const req = http.get({ host: '127.0.0.1', port, path: '/api/search?q=paspoort%20identiteitskaart' });
      req.on('error', () => undefined);
      await until(async () => (await waitingSearches()) === 1);
      req.destroy();
      await until(async () => (await waitingSearches()) === 0);
      expect(await waitingSearches()).toBe(0);
    } finally {
      await unlockIndex();
    }
    const after = Number(
      /kennisbank_search_cancellations_total\{operation="search"\} (\d+)/.exec((await t.http.get('/metrics')).text)?.[1] ?? 0,
    );
    expect(after).toBe(before + 1);
  });
});

import { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { redisConnection } from '../../src/common/queue/redis-connection';
import { loadAppConfig } from '../../src/config/app-config';
import { createHttpApp } from '../../src/http-app';
import { SearchIndexingTrigger } from '../../src/search/jobs/search-indexing.trigger';
import { DRAIN_SCHEDULE } from '../../src/search/jobs/search-jobs';
import { createTestDatabase } from '../setup/test-app';
import { api } from '../support/builders';
import { metricValue } from '../support/metrics';
import { EntrypointProcess, OwnPostgres, OwnRedis, freePort, until } from '../support/own-services';

/*
 * Dependencies failing under a running service. Each test breaks only services it started itself
 * (the rest of the suite shares one PostgreSQL and one Redis).
 */

/** Far below any HTTP client's patience: a request that takes this long counts as hanging. */
const HANG = { response: 10_000, deadline: 12_000 };

/** The real HTTP application on a database the test chose (createTestApp makes its own). */
async function appOn(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<{ app: INestApplication; http: TestAgent; dataSource: DataSource; close(): Promise<void> }> {
  const config = loadAppConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error', ...env, DATABASE_URL: databaseUrl });
  const app = await createHttpApp(config, { logger: process.env.KB_TEST_LOGS ? undefined : false });
  await app.init();
  return { app, http: request(app.getHttpServer()), dataSource: app.get(DataSource), close: () => app.close() };
}

describe('PostgreSQL restarts under a running API (e2e)', () => {
  let pg: OwnPostgres;
  let t: Awaited<ReturnType<typeof appOn>>;
  let article: { id: string; etag: string };

  beforeAll(async () => {
    pg = await OwnPostgres.start();
    t = await appOn(pg.url, { DATABASE_CONNECT_TIMEOUT_MS: '2000' });
    const a = api(t.http);
    await a.department();
    article = await a.publishedProduct({ title: 'Parkeervergunning aanvragen' });
    await t.app.get(SearchIndexingTrigger).settle();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await pg?.destroy();
  });

  it('answers 503 DATABASE_UNAVAILABLE at once while the database is down, and serves again when it is back', async () => {
    await pg.stop();

    const requests: [string, () => request.Test][] = [
      ['read', () => t.http.get(`/api/articles/${article.id}`)],
      ['list', () => t.http.get('/api/articles?limit=5')],
      ['edit', () => t.http.patch(`/api/articles/${article.id}`).set('If-Match', article.etag).send({ summary: 'Tijdens de storing.' })],
      ['search', () => t.http.get('/api/search?q=parkeervergunning')],
      ['create', () => t.http.post('/api/departments').send({ slug: 'vergunningen', name: 'Vergunningen' })],
    ];
    for (const [what, send] of requests) {
      const res = await send().timeout(HANG);
      expect({ what, status: res.status, code: res.body.code }).toEqual({ what, status: 503, code: 'DATABASE_UNAVAILABLE' });
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body.requestId).toEqual(expect.any(String));
    }
    const ready = await t.http.get('/health/ready').timeout(HANG);
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'error', error: { database: { status: 'down' } } });
    expect((await t.http.get('/health').timeout(HANG)).body.status).toBe('unavailable');
    expect((await t.http.get('/health/live').timeout(HANG)).status).toBe(200);
    const metrics = await t.http.get('/metrics').timeout(HANG);
    expect(metrics.status).toBe(200);
    expect(metricValue(metrics.text, 'kennisbank_outbox_pending')).toBeUndefined();
    expect(
      metricValue(metrics.text, 'kennisbank_http_request_duration_seconds_count', { route: '/api/articles/:id', status_class: '5xx' }),
    ).toBe(2);

    await pg.start();

    // The same process, without a restart.
    const read = await t.http.get(`/api/articles/${article.id}`).timeout(HANG);
    expect(read.status).toBe(200);
    const edit = await t.http
      .patch(`/api/articles/${article.id}`)
      .set('If-Match', read.body.etag)
      .send({ summary: 'Na de storing.' })
      .timeout(HANG);
    expect(edit.status).toBe(200);
    expect((await t.http.get('/api/search?q=parkeervergunning').timeout(HANG)).body.hits[0]?.id).toBe(article.id);
    expect((await t.http.get('/health/ready')).status).toBe(200);
  }, 60_000);
});

describe('Redis goes down and comes back under a running API and worker (e2e)', () => {
  let redis: OwnRedis;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: Awaited<ReturnType<typeof appOn>>;
  let worker: EntrypointProcess;
  let workerHealth: string;
  let queue: Queue;

  const found = async (q: string, id: string) =>
    ((await t.http.get(`/api/search?q=${encodeURIComponent(q)}`)).body.hits ?? []).some((h: { id: string }) => h.id === id);
  const workerGet = async (path: string) => {
    const res = await fetch(`${workerHealth}${path}`).catch(() => null);
    return res ? { status: res.status, text: await res.text() } : { status: 0, text: '' };
  };

  beforeAll(async () => {
    redis = await OwnRedis.start();
    database = await createTestDatabase();
    const port = await freePort();
    workerHealth = `http://127.0.0.1:${port}`;
    const env = { REDIS_URL: redis.url, WORKER_HEARTBEAT_SECONDS: '1' };
    worker = new EntrypointProcess('worker', { ...env, DATABASE_URL: database.url, WORKER_HEALTH_PORT: String(port) });
    await worker.waitForOutput(/worker started/);
    t = await appOn(database.url, env);
    queue = new Queue('search', { connection: redisConnection(redis.url, 'worker') });
    queue.on('error', () => undefined);
    await api(t.http).department();
  }, 90_000);
  afterAll(async () => {
    await queue?.close().catch(() => undefined);
    await worker?.kill();
    await t?.close();
    await redis?.kill();
    await database?.drop();
  });

  it('indexes through the worker while Redis is up', async () => {
    const a = api(t.http);
    const article = await a.publishedProduct({ title: 'Hondenbelasting' });
    await until(() => found('hondenbelasting', article.id), 20_000, 'indexed by the worker');
    expect((await workerGet('/health/ready')).status).toBe(200);
    await until(
      async () => (await t.http.get('/health/ready')).body.info?.worker?.status === 'up',
      10_000,
      'worker heartbeat seen by the API',
    );
    expect(
      metricValue((await workerGet('/metrics')).text, 'kennisbank_job_duration_seconds_count', {
        queue: 'search',
        name: 'drain',
        outcome: 'completed',
      }),
    ).toBeGreaterThanOrEqual(1);
  }, 30_000);

  it('keeps editing, reading and search working while Redis is down, and catches up when it returns', async () => {
    const a = api(t.http);
    const lost = await a.publishedProduct({ title: 'Afvalpas aanvragen' });
    await until(() => found('afvalpas', lost.id), 20_000, 'indexed');

    await redis.kill();

    // Editing and search go on: the API indexes in-process while the queue is unreachable.
    const during = await a.publishedProduct({ title: 'Rioolheffing' });
    await until(() => found('rioolheffing', during.id), 10_000, 'indexed in-process');
    const read = await t.http.get(`/api/articles/${during.id}`);
    expect(read.status).toBe(200);
    expect((await a.patch(during.id, read.body.etag, { summary: 'Heffing voor het riool, per aansluiting.' })).status).toBe(200);
    const outbox = async () => (await t.dataSource.query('SELECT count(*)::int AS n FROM article_outbox'))[0].n as number;
    await until(async () => (await outbox()) === 0, 10_000, 'the edit indexed in-process');
    expect((await t.http.get('/health/ready')).status).toBe(200);
    await until(async () => (await workerGet('/health/ready')).status === 503, 10_000, 'worker unready without Redis');
    expect((await workerGet('/health/live')).status).toBe(200);

    // A change whose nudge was lost (a crash between commit and enqueue): only the outbox knows it.
    await t.dataSource.query('DELETE FROM search_documents WHERE article_id = $1', [lost.id]);
    await t.dataSource.query('UPDATE search_index_stats SET generation = generation + 1 WHERE id = 1');
    await t.dataSource.query('INSERT INTO article_outbox (article_id) VALUES ($1)', [lost.id]);
    // The API learns of the out-of-band change by NOTIFY (within milliseconds), not on the same tick.
    await until(async () => !(await found('afvalpas', lost.id)), 5_000, 'the removed document gone from answers');

    // Redis returns empty (no persistence): the worker re-creates its schedule and drains the outbox.
    await redis.start();
    await until(() => found('afvalpas', lost.id), 30_000, 'outbox drained after Redis returned');
    expect(await queue.getJobScheduler(DRAIN_SCHEDULE.id)).toBeDefined();
    await until(async () => (await workerGet('/health/ready')).status === 200, 10_000, 'worker ready again');

    // And new work flows through the queue again.
    const drainsBefore =
      metricValue((await workerGet('/metrics')).text, 'kennisbank_job_duration_seconds_count', { name: 'drain', outcome: 'completed' }) ??
      0;
    const after = await a.publishedProduct({ title: 'Evenementenvergunning' });
    await until(() => found('evenementenvergunning', after.id), 20_000, 'indexed after Redis returned');
    await until(
      async () =>
        (metricValue((await workerGet('/metrics')).text, 'kennisbank_job_duration_seconds_count', {
          name: 'drain',
          outcome: 'completed',
        }) ?? 0) > drainsBefore,
      10_000,
      'drain job completed by the worker',
    );
    expect((await t.http.get('/health/ready')).body.info).toMatchObject({ redis: { status: 'up' } });
  }, 90_000);

  it('stops the worker on SIGTERM even while Redis is down', async () => {
    await redis.kill();
    await until(async () => (await workerGet('/health/ready')).status === 503, 10_000, 'worker unready without Redis');
    worker.child.kill('SIGTERM');
    expect(await worker.exit()).toEqual({ code: 0, signal: null });
    expect(worker.output).toContain('Redis is unreachable: stopping without waiting for it');
  }, 30_000);
});

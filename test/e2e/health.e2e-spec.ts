import IORedis from 'ioredis';
import { WorkerHeartbeat } from '../../src/health/worker-heartbeat';
import { TestApp, createTestApp } from '../setup/test-app';
import { metricValue } from '../support/metrics';
import { OwnRedis } from '../support/own-services';

describe('health without Redis (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('GET /health/live answers from the process alone', async () => {
    const res = await t.http.get('/health/live');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { process: { status: 'up', pid: process.pid } } });
    expect(res.headers['cache-control']).toContain('no-store');
  });

  it('GET /health/ready checks the database and search; no Redis or worker is expected', async () => {
    const res = await t.http.get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      error: {},
      details: { database: { status: 'up', latencyMs: expect.any(Number) }, search: { status: 'up', configured: 'postgres' } },
    });
    expect(Object.keys(res.body.details).sort()).toEqual(['database', 'search']);
    expect(res.headers['cache-control']).toContain('no-store');
  });

  it('GET /health keeps its original shape', async () => {
    const res = await t.http.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      checks: {
        database: { status: 'up', latencyMs: expect.any(Number) },
        search: { configured: 'postgres', status: 'up', fallbackActive: false },
      },
    });
  });
});

describe('health with Redis and workers (e2e)', () => {
  let redis: OwnRedis;
  let t: TestApp;
  let client: IORedis;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    client = new IORedis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    t = await createTestApp({ REDIS_URL: redis.url, WORKER_HEARTBEAT_SECONDS: '10' });
  });
  afterAll(async () => {
    client.disconnect();
    await t?.close();
    await redis?.kill();
  });

  it('reports "degraded", not unready, while no worker has been seen', async () => {
    const res = await t.http.get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('degraded');
    expect(res.body.info.redis).toMatchObject({ status: 'up', latencyMs: expect.any(Number) });
    expect(res.body.error.worker).toMatchObject({ status: 'down', error: 'no worker heartbeat seen' });
    expect(metricValue((await t.http.get('/metrics')).text, 'kennisbank_worker_heartbeat_age_seconds')).toBeUndefined();
  });

  it('shows the age of the last worker heartbeat', async () => {
    await t.app.get(WorkerHeartbeat).beat();
    const res = await t.http.get('/health/ready');
    expect(res.body).toMatchObject({
      status: 'ok',
      info: { worker: { status: 'up', liveWorkers: 1, lastHeartbeatSecondsAgo: expect.any(Number) } },
    });
    expect(res.body.info.worker.lastHeartbeatSecondsAgo).toBeLessThan(30);
    expect(metricValue((await t.http.get('/metrics')).text, 'kennisbank_worker_heartbeat_age_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('calls the worker down when its last heartbeat is older than three intervals', async () => {
    await t.app.get(WorkerHeartbeat).leave();
    await client.connect();
    // A worker that last beat a minute ago (Redis' clock), e.g. one that was killed.
    await client.eval(
      `local t = redis.call('TIME'); return redis.call('ZADD', KEYS[1], tonumber(t[1]) * 1000 - 60000, 'gone:1')`,
      1,
      'kennisbank:worker-heartbeats',
    );
    const res = await t.http.get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('degraded');
    expect(res.body.error.worker).toMatchObject({ status: 'down', liveWorkers: 0 });
    expect(res.body.error.worker.lastHeartbeatSecondsAgo).toBeGreaterThanOrEqual(60);
    expect(metricValue((await t.http.get('/metrics')).text, 'kennisbank_worker_heartbeat_age_seconds')).toBeGreaterThanOrEqual(60);
  });

  it('stays ready when Redis goes away, and says what is down', async () => {
    await redis.kill();
    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('degraded');
    expect(Object.keys(ready.body.error).sort()).toEqual(['redis', 'worker']);
    expect(ready.body.info.database.status).toBe('up');

    const legacy = await t.http.get('/health');
    expect(legacy.status).toBe(200);
    expect(legacy.body).toMatchObject({
      status: 'degraded',
      checks: { database: { status: 'up' }, redis: { status: 'down' }, search: { status: 'up' } },
    });
  });
});

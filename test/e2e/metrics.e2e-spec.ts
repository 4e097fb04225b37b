import { mintLocalToken } from '../../src/auth/local-token';
import { SearchIndexer } from '../../src/search/indexing/search-indexer';
import { SearchIndexingTrigger } from '../../src/search/jobs/search-indexing.trigger';
import { TestApp, createTestApp } from '../setup/test-app';
import { api } from '../support/builders';
import { metricValue, parseMetrics } from '../support/metrics';
import { OwnRedis, until } from '../support/own-services';

const scrape = async (t: TestApp): Promise<string> => {
  const res = await t.http.get('/metrics');
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.text;
};

describe('GET /metrics (e2e)', () => {
  let t: TestApp;
  let article: { id: string; slug: string };

  beforeAll(async () => {
    t = await createTestApp();
    const a = api(t.http);
    await a.department();
    article = await a.publishedProduct({ title: 'Paspoort aanvragen' });
    await t.app.get(SearchIndexingTrigger).settle();
  });
  afterAll(async () => t.close());

  it('speaks the Prometheus text format and includes the process metrics', async () => {
    const res = await t.http.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain;.* version=0\.0\.4/);
    expect(() => parseMetrics(res.text)).not.toThrow();
    expect(metricValue(res.text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(metricValue(res.text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('times requests per route template and status class, never per raw URL', async () => {
    const route = { method: 'GET', route: '/api/articles/:id' };
    const before = metricValue(await scrape(t), 'kennisbank_http_request_duration_seconds_count', { ...route, status_class: '2xx' }) ?? 0;
    expect((await t.http.get(`/api/articles/${article.id}`)).status).toBe(200);
    expect((await t.http.get(`/api/articles/${article.slug}`)).status).toBe(200);
    expect((await t.http.get('/api/articles/no-such-article')).status).toBe(404);
    expect((await t.http.get(`/api/nothing-here/${article.id}`)).status).toBe(404);

    const text = await scrape(t);
    expect(metricValue(text, 'kennisbank_http_request_duration_seconds_count', { ...route, status_class: '2xx' })).toBe(before + 2);
    expect(metricValue(text, 'kennisbank_http_request_duration_seconds_count', { ...route, status_class: '4xx' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(
      metricValue(text, 'kennisbank_http_request_duration_seconds_count', { route: 'unmatched', status_class: '4xx' }),
    ).toBeGreaterThanOrEqual(1);
    const routes = new Set(
      parseMetrics(text)
        .filter((s) => s.name.startsWith('kennisbank_http_'))
        .map((s) => s.labels.route),
    );
    for (const r of routes) expect(r).not.toMatch(/[0-9a-f]{8}-|no-such|nothing-here|paspoort/);
  });

  it('times searches per engine and counts result-cache hits and misses', async () => {
    const count = (text: string, cache: string, operation = 'search') =>
      metricValue(text, 'kennisbank_search_duration_seconds_count', { operation, engine: 'postgres', cache }) ?? 0;
    const before = await scrape(t);
    const routeBefore =
      metricValue(before, 'kennisbank_http_request_duration_seconds_count', { route: '/api/search', status_class: '2xx' }) ?? 0;

    expect((await t.http.get('/api/search?q=paspoort%20metrics')).body.total).toBeGreaterThan(0);
    expect((await t.http.get('/api/search?q=paspoort%20metrics')).status).toBe(200);
    expect((await t.http.get('/api/search/suggest?q=pasp')).status).toBe(200);

    const after = await scrape(t);
    expect(count(after, 'miss')).toBe(count(before, 'miss') + 1);
    expect(count(after, 'hit')).toBe(count(before, 'hit') + 1);
    expect(count(after, 'none', 'suggest')).toBe(count(before, 'none', 'suggest') + 1);
    expect(metricValue(after, 'kennisbank_http_request_duration_seconds_count', { route: '/api/search', status_class: '2xx' })).toBe(
      routeBefore + 2,
    );
  });

  it('reports the outbox backlog and the age of its oldest row', async () => {
    // Nobody indexes from here on, so what is committed stays in the outbox.
    await t.app.get(SearchIndexingTrigger).onApplicationShutdown();
    expect(metricValue(await scrape(t), 'kennisbank_outbox_pending', { outbox: 'article_outbox' })).toBe(0);

    const a = api(t.http);
    await a.publishedProduct({ title: 'Rijbewijs verlengen' });
    await t.dataSource.query(`UPDATE article_outbox SET created_at = now() - interval '95 seconds'`);
    const lagging = await scrape(t);
    expect(metricValue(lagging, 'kennisbank_outbox_pending', { outbox: 'article_outbox' })).toBeGreaterThanOrEqual(1);
    expect(metricValue(lagging, 'kennisbank_outbox_oldest_age_seconds', { outbox: 'article_outbox' })).toBeGreaterThanOrEqual(95);

    await t.app.get(SearchIndexer).drain();
    const drained = await scrape(t);
    expect(metricValue(drained, 'kennisbank_outbox_pending', { outbox: 'article_outbox' })).toBe(0);
    expect(metricValue(drained, 'kennisbank_outbox_oldest_age_seconds', { outbox: 'article_outbox' })).toBe(0);
  });

  it('has no queue series without Redis', async () => {
    const text = await scrape(t);
    expect(metricValue(text, 'kennisbank_queue_jobs')).toBeUndefined();
    expect(metricValue(text, 'kennisbank_worker_heartbeat_age_seconds')).toBeUndefined();
  });
});

describe('queue depths on a real Redis (e2e)', () => {
  let redis: OwnRedis;
  let t: TestApp;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    t = await createTestApp({ REDIS_URL: redis.url });
    await api(t.http).department();
  });
  afterAll(async () => {
    await t?.close();
    await redis?.kill();
  });

  it('counts waiting jobs per queue, and leaves them out while Redis is unreachable', async () => {
    const a = api(t.http);
    await a.publishedProduct({ title: 'Hondenbelasting' });
    // No worker runs: the drain job the change enqueued waits.
    await until(async () => (metricValue(await scrape(t), 'kennisbank_queue_jobs', { queue: 'search', state: 'waiting' }) ?? 0) >= 1);
    const up = await scrape(t);
    expect(metricValue(up, 'kennisbank_queue_reachable', { queue: 'search' })).toBe(1);
    expect(metricValue(up, 'kennisbank_queue_jobs', { queue: 'search', state: 'failed' })).toBe(0);

    await redis.kill();
    const down = await scrape(t);
    expect(metricValue(down, 'kennisbank_queue_reachable', { queue: 'search' })).toBe(0);
    expect(metricValue(down, 'kennisbank_queue_jobs', { queue: 'search' })).toBeUndefined();
    expect(metricValue(down, 'kennisbank_outbox_pending', { outbox: 'article_outbox' })).toEqual(expect.any(Number));
  });
});

describe('search fallback activations (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ SEARCH_ENGINE: 'meilisearch', MEILI_URL: 'http://127.0.0.1:9' });
    await api(t.http).department();
  });
  afterAll(async () => t.close());

  it('counts the switch to PostgreSQL when Meilisearch fails, and the answers PostgreSQL gave', async () => {
    const before = await scrape(t);
    expect(metricValue(before, 'kennisbank_search_fallback_activations_total', { engine: 'meilisearch' }) ?? 0).toBe(0);
    expect((await t.http.get('/api/search?q=paspoort')).body).toMatchObject({ engine: 'postgres', fallback: true });
    const after = await scrape(t);
    expect(metricValue(after, 'kennisbank_search_fallback_activations_total', { engine: 'meilisearch' })).toBe(1);
    expect(metricValue(after, 'kennisbank_search_duration_seconds_count', { engine: 'postgres', cache: 'miss' })).toBe(1);
    expect(metricValue(after, 'kennisbank_outbox_pending', { outbox: 'search_secondary_outbox' })).toEqual(expect.any(Number));
  });
});

describe('GET /metrics with METRICS_TOKEN (e2e)', () => {
  const token = 'prometheus-scrape-token-1234';
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ METRICS_TOKEN: token });
  });
  afterAll(async () => t.close());

  it('needs the token as a bearer token', async () => {
    const none = await t.http.get('/metrics');
    expect({ status: none.status, code: none.body.code }).toEqual({ status: 401, code: 'METRICS_TOKEN_REQUIRED' });
    expect(none.headers['www-authenticate']).toContain('Bearer');
    expect((await t.http.get('/metrics').set('Authorization', 'Bearer wrong-token-0123456789')).status).toBe(401);
    const ok = await t.http.get('/metrics').set('Authorization', `Bearer ${token}`);
    expect(ok.status).toBe(200);
    expect(metricValue(ok.text, 'kennisbank_http_request_duration_seconds_count', { route: '/metrics', status_class: '4xx' })).toBe(2);
  });
});

describe('GET /metrics with METRICS_TOKEN and staff sign-in both configured (e2e)', () => {
  const token = 'prometheus-scrape-token-5678';
  const secret = 'metrics-test-secret-0123456789abcdefghij';
  const prometheus = '192.0.2.77'; // an address agents share too (one NAT)
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ METRICS_TOKEN: token, AUTH_JWT_SECRET: secret, TRUST_PROXY: 'loopback', RATE_LIMIT_AUTH_FAILURES: '2' });
  });
  afterAll(async () => t.close());

  it('takes the metrics token before any JWT check and never counts a scrape as a failed sign-in', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await t.http.get('/metrics').set('X-Forwarded-For', prometheus).set('Authorization', `Bearer ${token}`);
      expect({ scrape: i, status: res.status }).toEqual({ scrape: i, status: 200 });
    }
    const agent = await mintLocalToken(secret, { sub: 'agent-1', roles: ['agent'] });
    expect((await t.http.get('/api/departments').set('X-Forwarded-For', prometheus).set('Authorization', `Bearer ${agent}`)).status).toBe(
      200,
    );
    // The address still has its whole failure budget: two bad tokens answer 401, only the third 429.
    const bad = () => t.http.get('/api/departments').set('X-Forwarded-For', prometheus).set('Authorization', 'Bearer not.a.token');
    expect([(await bad()).status, (await bad()).status, (await bad()).status]).toEqual([401, 401, 429]);
  });

  it('answers a missing or wrong metrics token with METRICS_TOKEN_REQUIRED', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-0123456789']) {
      const req = t.http.get('/metrics').set('X-Forwarded-For', '192.0.2.78');
      const res = await (authorization ? req.set('Authorization', authorization) : req);
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code: 'METRICS_TOKEN_REQUIRED' });
    }
  });
});

import { mintLocalToken } from '../../src/auth/local-token';
import { createTestDatabase } from '../setup/test-app';
import { EntrypointProcess, OwnRedis, freePort } from '../support/own-services';

const SECRET = 'test-secret-0123456789-abcdefghijklmnop';

/**
 * Two API processes behind one load balancer share a Redis: together they allow a client the limit
 * once, not once per replica. Windows are real time here (long ones, so a test does not straddle one).
 */
describe('rate limits across two API processes sharing one Redis (e2e)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let redis: OwnRedis;
  const replicas: { process: EntrypointProcess; port: number }[] = [];
  let address = 0;
  const newAddress = () => `198.51.100.${++address}`;
  const get = (replica: number, path: string, ip: string, authorization?: string) =>
    fetch(`http://127.0.0.1:${replicas[replica].port}${path}`, {
      headers: { 'X-Forwarded-For': ip, ...(authorization ? { Authorization: authorization } : {}) },
    });

  beforeAll(async () => {
    [database, redis] = await Promise.all([createTestDatabase(), OwnRedis.start()]);
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const process = new EntrypointProcess('main', {
        DATABASE_URL: database.url,
        REDIS_URL: redis.url,
        PORT: String(port),
        LOAD_FIXTURES: 'false',
        AUTH_JWT_SECRET: SECRET,
        TRUST_PROXY: 'loopback',
        RATE_LIMIT_WINDOW_SECONDS: '3600',
        RATE_LIMIT_ANONYMOUS: '4',
        RATE_LIMIT_STAFF: '0',
        RATE_LIMIT_AUTH_FAILURES: '3',
        RATE_LIMIT_AUTH_FAILURE_WINDOW_SECONDS: '86400',
      });
      replicas.push({ process, port });
    }
    await Promise.all(replicas.map((r) => r.process.waitForOutput(/listening on/, 120_000)));
    await Promise.all(replicas.map((r) => r.process.waitForOutput(/Rate limits are counted in Redis/)));
  }, 180_000);
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.process.kill()));
    await redis?.kill();
    await database?.drop();
  });

  it('allows an anonymous client the limit once across both replicas', async () => {
    const ip = newAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await get(i % 2, '/health', ip)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });

  it('counts guesses on both replicas against one budget, and still serves valid tokens', async () => {
    const ip = newAddress();
    const guess = 'Bearer not.a.token';
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await get(i % 2, '/api/departments', ip, guess)).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const agent = `Bearer ${await mintLocalToken(SECRET, { sub: 'agent-1', roles: ['agent'] })}`;
    expect([(await get(0, '/api/departments', ip, agent)).status, (await get(1, '/api/departments', ip, agent)).status]).toEqual([
      200, 200,
    ]);
  });

  it('falls back to counting per process while Redis is down, and keeps answering', async () => {
    await redis.kill();
    const ip = newAddress();
    const first: number[] = [];
    for (let i = 0; i < 5; i++) first.push((await get(0, '/health', ip)).status);
    expect(first).toEqual([200, 200, 200, 200, 429]);
    expect((await get(1, '/health', ip)).status).toBe(200); // the other replica's own count
  });
});

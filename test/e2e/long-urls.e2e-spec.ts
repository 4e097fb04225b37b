import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mintLocalToken } from '../../src/auth/local-token';
import { MAX_URL_LENGTH } from '../../src/common/http/url-length';
import { capturedLogger } from '../support/captured-logger';
import { SearchIndexingTrigger } from '../../src/search/jobs/search-indexing.trigger';
import { TestApp, createTestApp } from '../setup/test-app';
import { TEST_JWT_SECRET, expectStatus, publishArticle, signIn } from '../support/actors';
import { RawResponse, send } from '../support/raw-http';

/**
 * Issue 16 item 2: every URL is scrubbed of personal data before it is logged, and that used to
 * backtrack quadratically on a long run of characters without `@` (one anonymous 16 KB path: 200-400 ms
 * of the one event loop). Long URLs must cost next to nothing, alone and fifty at a time.
 *
 * Timing on a shared machine: the bounds compare medians, and each long request is measured against
 * the same request with a short URL sent in between, so load from elsewhere slows both alike. The
 * defect costs 200+ ms per request; the allowance is 20 ms (what the issue asks for).
 */
const ROUNDS = 15;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

describe('long URLs (e2e)', () => {
  let t: TestApp;
  let port: number;
  let agentToken: string;
  const lines: string[] = [];

  beforeAll(async () => {
    // A real logger, as in production: the access line is where the URL gets scrubbed.
    t = await createTestApp({ AUTH_JWT_SECRET: TEST_JWT_SECRET }, undefined, { logger: capturedLogger('log', lines) });
    const coordinator = await signIn(t.http, 'coordinator-1', ['coordinator', 'admin']);
    await expectStatus(
      coordinator.post('/api/departments').send({ slug: 'burgerzaken', name: 'Burgerzaken', allowSelfApproval: true }),
      201,
    );
    await publishArticle(coordinator, coordinator, {
      kind: 'product',
      title: 'Paspoort aanvragen',
      department: 'burgerzaken',
      summary: 'U vraagt een paspoort aan bij de balie.',
      sections: { inleiding: 'Een paspoort is een reisdocument.' },
    });
    await t.app.get(SearchIndexingTrigger).settle();
    agentToken = `Bearer ${await mintLocalToken(TEST_JWT_SECRET, { sub: 'agent-1', roles: ['agent'], email: 'agent-1@lindeveen.nl' })}`;
    const server = t.app.getHttpServer() as Server;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  }, 60_000);
  afterAll(async () => t.close());

  const get = (target: string, headers: [string, string][] = []): Promise<RawResponse & { ms: number }> => {
    const started = process.hrtime.bigint();
    return send(port, { method: 'GET', target: Buffer.from(target), headers }, 10_000).then((res) => ({
      ...res,
      ms: Number(process.hrtime.bigint() - started) / 1e6,
    }));
  };
  const search = () => get('/api/search?q=paspoort', [['Authorization', agentToken]]);
  const json = (res: RawResponse) => JSON.parse(res.body.toString('utf8')) as Record<string, unknown>;

  // A run without `@` is what made the e-mail pattern backtrack; 16,000 characters is the probe.
  const RUN = 'a'.repeat(16_000);
  const JUST_UNDER = 'a'.repeat(MAX_URL_LENGTH - 100);

  it.each([
    ['a 16 KB path', `/api/${RUN}`, '/api/x', 414],
    ['a 16 KB query', `/api/catalog/products?department=${RUN}`, '/api/catalog/products?department=x', 414],
    ['a path just under the limit', `/api/${JUST_UNDER}`, '/api/x', 404],
    ['a query just under the limit', `/api/catalog/products?department=${JUST_UNDER}`, '/api/catalog/products?department=x', 400],
  ])('answers %s in under 20 ms more than a short one', async (_name, long, short, status) => {
    const longMs: number[] = [];
    const shortMs: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const a = await get(long);
      expect(a.status).toBe(status);
      longMs.push(a.ms);
      shortMs.push((await get(short)).ms);
    }
    expect(median(longMs) - median(shortMs)).toBeLessThan(20);
  });

  it('refuses a URL over the limit with 414 in the error shape, and logs it capped', async () => {
    const res = await get(`/api/${RUN.slice(0, 6_000)}?q=${RUN.slice(0, 6_000)}`);
    expect(res.status).toBe(414);
    expect(json(res)).toEqual({
      statusCode: 414,
      code: 'URI_TOO_LONG',
      message: expect.any(String),
      errors: [{ field: 'url', code: 'TOO_LONG', message: expect.any(String) }],
      requestId: res.headers['x-request-id'],
    });
    const line = lines
      .map((l) => JSON.parse(l) as { requestId?: string; url?: string })
      .find((l) => l.requestId === res.headers['x-request-id']);
    expect(line?.url?.length).toBeLessThanOrEqual(1001);
  });

  it('accepts a URL at the limit', async () => {
    const target = `/api/catalog/products?department=x&cursor=`;
    const res = await get(target + 'a'.repeat(MAX_URL_LENGTH - target.length));
    expect(res.status).toBe(400); // the cursor is too long for validation, but the URL was read
    expect(json(res).code).toBe('VALIDATION_FAILED');
  });

  it('keeps searching at its usual speed while fifty long URLs arrive at once', async () => {
    // The control is the same flood with short URLs: fifty requests in flight slow a search anyway
    // (they share the event loop and the connection pool), and how much depends on the machine's load.
    // Rounds alternate, so load from elsewhere falls on both alike.
    const long = [`/api/${RUN}`, `/api/catalog/products?department=${RUN}`, `/api/${JUST_UNDER}`];
    const short = ['/api/x', '/api/catalog/products?department=x', '/api/y'];
    const searchDuring = async (targets: string[]): Promise<number> => {
      const flood = Array.from({ length: 50 }, (_, n) => get(targets[n % targets.length]));
      const res = await search();
      expect(res.status).toBe(200);
      const answers = await Promise.all(flood);
      expect(answers.every((a) => a.status >= 200 && a.status < 500)).toBe(true);
      return res.ms;
    };
    const withShort: number[] = [];
    const withLong: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      withShort.push(await searchDuring(short));
      withLong.push(await searchDuring(long));
    }
    // With the defect each long URL cost 200+ ms of the event loop, so the search waited ten seconds
    // and more; fixed, long and short floods cost about the same. Twice the control plus 50 ms keeps
    // the test quiet on a shared, busy machine and still fails the defect by two orders of magnitude.
    expect(median(withLong)).toBeLessThan(2 * median(withShort) + 50);
  });
});

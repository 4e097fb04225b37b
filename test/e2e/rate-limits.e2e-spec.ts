import { Writable } from 'node:stream';
import { mintLocalToken } from '../../src/auth/local-token';
import { createLogger } from '../../src/common/logging/logger';
import { TestApp, createTestApp } from '../setup/test-app';

const SECRET = 'test-secret-0123456789-abcdefghijklmnop';
const LIMITS = {
  AUTH_JWT_SECRET: SECRET,
  RATE_LIMIT_WINDOW_SECONDS: '60',
  RATE_LIMIT_ANONYMOUS: '3',
  RATE_LIMIT_STAFF: '5',
  RATE_LIMIT_AUTH_FAILURES: '2',
  RATE_LIMIT_AUTH_FAILURE_WINDOW_SECONDS: '600',
};

describe('rate limits (e2e)', () => {
  let t: TestApp;
  let agent: string;
  let colleague: string;
  let admin: string;
  let address = 0;
  /** A fresh client address per test (the app trusts the loopback proxy), so tests do not share buckets. */
  const newAddress = () => `203.0.113.${++address}`;
  const later = (seconds: number) => t.clock.set(new Date(t.clock.now().getTime() + seconds * 1000));

  beforeAll(async () => {
    t = await createTestApp({ ...LIMITS, TRUST_PROXY: 'loopback', CORS_ALLOWED_ORIGINS: 'https://www.lindeveen.nl' });
    agent = `Bearer ${await mintLocalToken(SECRET, { sub: 'agent-1', roles: ['agent'] })}`;
    colleague = `Bearer ${await mintLocalToken(SECRET, { sub: 'agent-2', roles: ['agent'] })}`;
    admin = `Bearer ${await mintLocalToken(SECRET, { sub: 'admin-1', roles: ['admin'] })}`;
  });
  afterAll(async () => t.close());

  const expectLimited = (
    res: { status: number; headers: Record<string, string>; body: Record<string, unknown> },
    bucket: string,
    retryAfter: number,
  ) => {
    expect({ status: res.status, retryAfter: res.headers['retry-after'] }).toEqual({ status: 429, retryAfter: String(retryAfter) });
    expect(res.body).toEqual({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: expect.any(String),
      bucket,
      retryAfterSeconds: retryAfter,
      requestId: expect.any(String),
    });
  };

  describe('anonymous callers, per client address', () => {
    it('answers 429 with Retry-After over the limit, and again after the window', async () => {
      const ip = newAddress();
      const health = () => t.http.get('/health').set('X-Forwarded-For', ip);
      for (let i = 0; i < 3; i++) expect((await health()).status).toBe(200);
      later(20);
      expectLimited(await health(), 'anonymous', 40);
      later(39);
      expectLimited(await health(), 'anonymous', 1);
      later(1);
      expect((await health()).status).toBe(200);
    });

    it('counts unauthenticated calls to staff routes too', async () => {
      const ip = newAddress();
      for (let i = 0; i < 3; i++) expect((await t.http.get('/api/departments').set('X-Forwarded-For', ip)).status).toBe(401);
      expectLimited(await t.http.get('/api/departments').set('X-Forwarded-For', ip), 'anonymous', 60);
    });

    it('keeps client addresses apart, and lets browsers of allowed origins read Retry-After', async () => {
      const [first, second] = [newAddress(), newAddress()];
      for (let i = 0; i < 3; i++) await t.http.get('/health').set('X-Forwarded-For', first);
      const limited = await t.http.get('/health').set('X-Forwarded-For', first).set('Origin', 'https://www.lindeveen.nl');
      expect(limited.status).toBe(429);
      expect(limited.headers['access-control-expose-headers']).toContain('Retry-After');
      expect((await t.http.get('/health').set('X-Forwarded-For', second)).status).toBe(200);
    });
  });

  describe('staff, per user', () => {
    it('limits each user on their own, wherever they call from', async () => {
      const ip = newAddress();
      for (let i = 0; i < 5; i++)
        expect((await t.http.get('/api/departments').set('Authorization', agent).set('X-Forwarded-For', newAddress())).status).toBe(200);
      expectLimited(await t.http.get('/api/departments').set('Authorization', agent).set('X-Forwarded-For', ip), 'staff', 60);
      // A colleague behind the same office address is not affected.
      expect((await t.http.get('/api/departments').set('Authorization', colleague).set('X-Forwarded-For', ip)).status).toBe(200);
      later(60);
      expect((await t.http.get('/api/departments').set('Authorization', agent).set('X-Forwarded-For', ip)).status).toBe(200);
    });

    it('limits each API key on its own', async () => {
      const created = await t.http
        .post('/api/api-keys')
        .set('Authorization', admin)
        .set('X-Forwarded-For', newAddress())
        .send({ name: 'Website', role: 'agent', scopes: ['departments'] });
      expect(created.status).toBe(201);
      for (let i = 0; i < 5; i++)
        expect(
          (await t.http.get('/api/departments').set('X-Api-Key', created.body.secret).set('X-Forwarded-For', newAddress())).status,
        ).toBe(200);
      expectLimited(
        await t.http.get('/api/departments').set('X-Api-Key', created.body.secret).set('X-Forwarded-For', newAddress()),
        'staff',
        60,
      );
      later(60);
    });
  });

  describe('failed authentication, per client address and per claimed identity', () => {
    /** Seconds until the 600 s failure window (aligned to the clock) ends. */
    const untilWindowEnds = () => 600 - ((t.clock.now().getTime() / 1000) % 600);
    const forged = (sub: string) => mintLocalToken('not-the-secret-0123456789-abcdefghijklmn', { sub, roles: ['admin'] });

    it('answers 429 to guesses over the budget until the window ends, and still serves valid credentials from that address', async () => {
      const ip = newAddress();
      const search = () => t.http.get('/api/search?q=paspoort').set('X-Forwarded-For', ip);
      const [header, payload] = agent.slice(7).split('.');
      const tampered = `Bearer ${header}.${payload}.${'A'.repeat(43)}`;
      expect((await search().set('Authorization', tampered)).status).toBe(401);
      expect((await search().set('Authorization', 'Basic YWxpY2U6c2VjcmV0')).status).toBe(401);
      const retry = untilWindowEnds();
      expectLimited(await search().set('X-Api-Key', 'kb_guess'), 'auth-failures', retry);
      // A colleague behind the same address signs in as usual; an expired token is no guess and counts nothing.
      expect((await search().set('Authorization', colleague)).status).toBe(200);
      const expired = `Bearer ${await mintLocalToken(SECRET, { sub: 'agent-2', roles: ['agent'] }, -3600)}`;
      const refused = await search().set('Authorization', expired);
      expect({ status: refused.status, message: refused.body.message }).toEqual({ status: 401, message: 'The token has expired' });
      later(retry);
      expect((await search().set('Authorization', 'Bearer not.a.token')).status).toBe(401);
    });

    it('counts guesses at one identity from many addresses, and still serves its real owner', async () => {
      const guess = async () =>
        t.http
          .get('/api/departments')
          .set('Authorization', `Bearer ${await forged('agent-3')}`)
          .set('X-Forwarded-For', newAddress());
      expect([(await guess()).status, (await guess()).status, (await guess()).status]).toEqual([401, 401, 429]);
      // Another identity, and the owner with a valid token, are not affected.
      const other = await t.http
        .get('/api/departments')
        .set('Authorization', `Bearer ${await forged('agent-4')}`)
        .set('X-Forwarded-For', newAddress());
      expect(other.status).toBe(401);
      const owner = `Bearer ${await mintLocalToken(SECRET, { sub: 'agent-3', roles: ['agent'] })}`;
      expect((await t.http.get('/api/departments').set('Authorization', owner).set('X-Forwarded-For', newAddress())).status).toBe(200);
      later(untilWindowEnds());
    });

    it('checks credentials presented on public routes too', async () => {
      const ip = newAddress();
      const health = () => t.http.get('/health').set('Authorization', 'Bearer not.a.token').set('X-Forwarded-For', ip);
      expect([(await health()).status, (await health()).status]).toEqual([401, 401]);
      expectLimited(await health(), 'auth-failures', untilWindowEnds());
      later(untilWindowEnds());
    });
  });
});

describe('rate limits without a trusted proxy (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(LIMITS);
  });
  afterAll(async () => t.close());

  it('ignores X-Forwarded-For, so a client cannot pick a fresh address per request', async () => {
    for (let i = 1; i <= 3; i++) expect((await t.http.get('/health').set('X-Forwarded-For', `198.51.100.${i}`)).status).toBe(200);
    const res = await t.http.get('/health').set('X-Forwarded-For', '198.51.100.99');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('60');
  });
});

describe('failed sign-ins from one KCC address (e2e)', () => {
  // The defaults: 50 failures per 600 s. The whole KCC sits behind one NAT address.
  let t: TestApp;
  let address = 0;
  const newAddress = () => `192.0.2.${++address}`;
  const search = (ip: string, token: string) =>
    t.http.get('/api/search?q=paspoort').set('X-Forwarded-For', ip).set('Authorization', `Bearer ${token}`);
  /** A token signed with a secret the service does not know: a guess. */
  const forged = (i: number, sub = `admin-${i}`) =>
    mintLocalToken(`guess-${i}-0123456789-abcdefghijklmnopqrstuv`, { sub, roles: ['admin'] });

  beforeAll(async () => {
    t = await createTestApp({
      AUTH_JWT_SECRET: SECRET,
      TRUST_PROXY: 'loopback',
      RATE_LIMIT_AUTH_FAILURES: '50',
      RATE_LIMIT_AUTH_FAILURE_WINDOW_SECONDS: '600',
    });
  });
  afterAll(async () => t.close());

  it('answers 60 tokens that expired at shift change with 401, and then serves a valid token from the same address', async () => {
    const ip = newAddress();
    // Issued for an 8-hour shift that ended two minutes ago (beyond the 60 s clock tolerance).
    const shiftStart = new Date(Date.now() - 8 * 3600_000 - 120_000);
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) {
      const expired = await mintLocalToken(SECRET, { sub: `agent-${i % 20}`, roles: ['agent'] }, 8 * 3600, shiftStart);
      const res = await search(ip, expired);
      statuses.push(res.status);
      if (i === 0) expect(res.body.message).toBe('The token has expired');
    }
    expect(statuses).toEqual(Array(60).fill(401));
    expect((await search(ip, await mintLocalToken(SECRET, { sub: 'agent-1', roles: ['agent'] }))).status).toBe(200);
  });

  it('stops a brute force with bad signatures from one address, and still serves valid tokens from it', async () => {
    const ip = newAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await search(ip, await forged(i))).status);
    expect(statuses).toEqual([...Array<number>(50).fill(401), ...Array<number>(10).fill(429)]);
    const again = await search(ip, await forged(99));
    expect({ status: again.status, bucket: again.body.bucket, retryAfter: again.headers['retry-after'] }).toEqual({
      status: 429,
      bucket: 'auth-failures',
      retryAfter: expect.stringMatching(/^\d+$/),
    });
    // Colleagues behind the same address sign in as usual.
    expect((await search(ip, await mintLocalToken(SECRET, { sub: 'agent-2', roles: ['agent'] }))).status).toBe(200);
    expect((await t.http.get('/api/departments').set('X-Forwarded-For', ip)).status).toBe(401); // no credentials: not a failure
  });

  it('stops guesses at one identity from many addresses, leaving other identities and the real owner alone', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 55; i++) statuses.push((await search(newAddress(), await forged(i, 'coordinator-1'))).status);
    expect(statuses).toEqual([...Array<number>(50).fill(401), ...Array<number>(5).fill(429)]);
    expect((await search(newAddress(), await forged(1, 'coordinator-2'))).status).toBe(401);
    expect((await search(newAddress(), await mintLocalToken(SECRET, { sub: 'coordinator-1', roles: ['coordinator'] }))).status).toBe(200);
  });

  it('counts unknown API keys per address, and serves a valid key from the same address', async () => {
    const ip = newAddress();
    const admin = await mintLocalToken(SECRET, { sub: 'admin-keys', roles: ['admin'] });
    const created = await t.http
      .post('/api/api-keys')
      .set('Authorization', `Bearer ${admin}`)
      .send({ name: 'KISS', role: 'agent', scopes: ['departments'] });
    expect(created.status).toBe(201);
    const statuses: number[] = [];
    for (let i = 0; i < 51; i++)
      statuses.push((await t.http.get('/api/departments').set('X-Forwarded-For', ip).set('X-Api-Key', `kb_guess${i}`)).status);
    expect(statuses).toEqual([...Array<number>(50).fill(401), 429]);
    expect((await t.http.get('/api/departments').set('X-Forwarded-For', ip).set('X-Api-Key', created.body.secret)).status).toBe(200);
  });
});

describe('X-Forwarded-For from a proxy that is not trusted (e2e)', () => {
  let t: TestApp;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    t = await createTestApp({ ...LIMITS, LOG_LEVEL: 'warn' }, undefined, { logger: createLogger('warn', sink) });
  });
  afterAll(async () => t.close());

  const warnings = () => lines.filter((l) => l.level === 'warn' && String(l.msg).includes('X-Forwarded-For'));

  it('warns once, naming TRUST_PROXY, when the first request carries it', async () => {
    expect((await t.http.get('/health')).status).toBe(200);
    expect(warnings()).toEqual([]);
    await t.http.get('/health').set('X-Forwarded-For', '198.51.100.7');
    await t.http.get('/health').set('X-Forwarded-For', '198.51.100.8');
    expect(warnings()).toHaveLength(1);
    expect(String(warnings()[0].msg)).toContain('TRUST_PROXY');
    expect(JSON.stringify(warnings()[0])).not.toContain('198.51.100'); // no client addresses in the log
  });
});

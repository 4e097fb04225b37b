import { mintLocalToken } from '../../src/auth/local-token';
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

  describe('failed authentication, per client address', () => {
    it('refuses an address after a few bad tokens, even with a good one, until its window ends', async () => {
      const ip = newAddress();
      const expired = `Bearer ${await mintLocalToken(SECRET, { sub: 'agent-1', roles: ['agent'] }, -3600)}`;
      const [header, payload] = agent.slice(7).split('.');
      const tampered = `Bearer ${header}.${payload}.${'A'.repeat(43)}`;
      expect((await t.http.get('/api/search?q=paspoort').set('Authorization', expired).set('X-Forwarded-For', ip)).status).toBe(401);
      later(100);
      expect((await t.http.get('/api/search?q=paspoort').set('Authorization', tampered).set('X-Forwarded-For', ip)).status).toBe(401);
      // Refused before the credentials are looked at: no oracle for guessing.
      expectLimited(
        await t.http.get('/api/search?q=paspoort').set('Authorization', agent).set('X-Forwarded-For', ip),
        'auth-failures',
        500,
      );
      expectLimited(
        await t.http.get('/api/search?q=paspoort').set('X-Api-Key', 'kb_guess').set('X-Forwarded-For', ip),
        'auth-failures',
        500,
      );
      // Another address is fine; so is this one once the window has passed.
      expect((await t.http.get('/api/search?q=paspoort').set('Authorization', agent).set('X-Forwarded-For', newAddress())).status).toBe(
        200,
      );
      later(500);
      expect((await t.http.get('/api/search?q=paspoort').set('Authorization', colleague).set('X-Forwarded-For', ip)).status).toBe(200);
    });

    it('counts bad API keys and malformed credentials the same way', async () => {
      const ip = newAddress();
      expect((await t.http.get('/api/departments').set('X-Api-Key', 'kb_guess').set('X-Forwarded-For', ip)).status).toBe(401);
      expect((await t.http.get('/api/departments').set('Authorization', 'Basic YWxpY2U6c2VjcmV0').set('X-Forwarded-For', ip)).status).toBe(
        401,
      );
      expectLimited(await t.http.get('/api/departments').set('Authorization', colleague).set('X-Forwarded-For', ip), 'auth-failures', 600);
      later(600);
    });

    it('checks credentials presented on public routes too', async () => {
      const ip = newAddress();
      expect((await t.http.get('/health').set('Authorization', 'Bearer not.a.token').set('X-Forwarded-For', ip)).status).toBe(401);
      expect((await t.http.get('/health').set('Authorization', 'Bearer not.a.token').set('X-Forwarded-For', ip)).status).toBe(401);
      expectLimited(
        await t.http.get('/health').set('Authorization', 'Bearer not.a.token').set('X-Forwarded-For', ip),
        'auth-failures',
        600,
      );
      later(600);
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

import { once } from 'node:events';
import { Server } from 'node:http';
import { AddressInfo, connect } from 'node:net';
import { TestApp, createTestApp } from '../setup/test-app';

const WEBSITE = 'https://www.lindeveen.nl';

describe('security headers and CORS (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ CORS_ALLOWED_ORIGINS: `${WEBSITE}, http://localhost:8080` });
  });
  afterAll(async () => t.close());

  describe('helmet', () => {
    it('locks down API answers: nothing may load, run or frame', async () => {
      const res = await t.http.get('/api/departments');
      expect(res.status).toBe(200);
      expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'");
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'strict-transport-security': expect.stringContaining('max-age='),
        'cross-origin-opener-policy': 'same-origin',
      });
      expect(res.headers['x-powered-by']).toBeUndefined();
    });

    it('sends the same headers on errors raised before and inside Nest', async () => {
      const unsupported = await t.http.post('/api/articles').set('Content-Type', 'text/plain').send('tekst');
      expect(unsupported.status).toBe(415);
      const notFound = await t.http.get('/api/nergens');
      expect(notFound.status).toBe(404);
      for (const res of [unsupported, notFound]) expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    });

    it('lets Swagger UI at /docs load its own scripts and styles, and nothing inline or from elsewhere', async () => {
      const page = await t.http.get('/docs');
      expect(page.status).toBe(200);
      const csp = page.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).not.toContain("'unsafe-eval'");
      // script-src 'self' only works when every script is an external file on this origin.
      const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, body] of scripts) {
        expect(body.trim()).toBe('');
        const src = /src="([^"]+)"/.exec(attributes)?.[1] ?? '';
        expect(src).not.toMatch(/^(https?:)?\/\//);
        const file = await t.http.get(new URL(src, 'http://x/docs').pathname);
        expect({ src, status: file.status }).toEqual({ src, status: 200 });
      }
      const spec = await t.http.get('/api/openapi.json');
      expect(spec.status).toBe(200);
    });
  });

  describe('malformed HTTP', () => {
    it("answers requests Node's parser refuses in the API's error shape", async () => {
      const server = t.app.getHttpServer() as Server;
      if (!server.listening) await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
      await once(socket, 'connect');
      const chunks: Buffer[] = [];
      socket.on('data', (c) => chunks.push(c));
      socket.write(
        Buffer.concat([Buffer.from('GET /api/departments/a'), Buffer.from([0x00, 0x7f]), Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')]),
      );
      await once(socket, 'close');
      const raw = Buffer.concat(chunks).toString();
      expect(raw).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toEqual({
        statusCode: 400,
        code: 'MALFORMED_REQUEST',
        message: expect.any(String),
      });
    });
  });

  describe('CORS', () => {
    it('gives an allowed origin the CORS headers, with the headers a client needs exposed', async () => {
      const res = await t.http.get('/api/departments').set('Origin', WEBSITE);
      expect(res.headers['access-control-allow-origin']).toBe(WEBSITE);
      expect(res.headers['access-control-expose-headers']).toBe('ETag,Last-Modified,Retry-After,X-Request-Id,Location');
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      expect(res.headers.vary).toContain('Origin');
    });

    it('answers an allowed preflight', async () => {
      const res = await t.http
        .options('/api/articles/6f1c2a4e-1111-4222-8333-944455556666')
        .set('Origin', 'http://localhost:8080')
        .set('Access-Control-Request-Method', 'PATCH')
        .set('Access-Control-Request-Headers', 'authorization,if-match,content-type');
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('http://localhost:8080');
      expect(res.headers['access-control-allow-methods']).toContain('PATCH');
      expect(res.headers['access-control-allow-headers']).toEqual(expect.stringContaining('If-Match'));
      expect(res.headers['access-control-allow-headers']).toEqual(expect.stringContaining('Authorization'));
      expect(res.headers['access-control-max-age']).toBe('600');
    });

    it.each([
      ['another origin', 'https://evil.example'],
      ['a look-alike origin', 'https://www.lindeveen.nl.evil.example'],
      ['the right host over http', 'http://www.lindeveen.nl'],
      ['the null origin', 'null'],
    ])('gives %s no CORS headers, not even on a preflight', async (_label, origin) => {
      const get = await t.http.get('/api/departments').set('Origin', origin);
      const preflight = await t.http.options('/api/departments').set('Origin', origin).set('Access-Control-Request-Method', 'POST');
      for (const res of [get, preflight]) {
        expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
      }
      expect(preflight.status).toBe(404);
      expect(preflight.body.code).toBe('NOT_FOUND');
    });

    it('gives requests without an Origin no CORS headers', async () => {
      const res = await t.http.get('/api/departments');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});

describe('CORS without configured origins (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('allows no origin at all', async () => {
    const res = await t.http.get('/api/departments').set('Origin', WEBSITE);
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

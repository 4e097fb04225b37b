import { randomBytes } from 'node:crypto';
import { TestApp, createTestApp } from '../setup/test-app';

const SECRET = 'werkplek-test-secret-0123456789abcdefghij';

describe('werkplek support endpoints (e2e)', () => {
  describe('with local tokens (development)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ AUTH_JWT_SECRET: SECRET });
    });
    afterAll(async () => t.close());

    it('tells the werkplek how to sign in', async () => {
      const res = await t.http.get('/api/auth/config');
      expect(res.body).toEqual({ mode: 'local', oidc: null, devLogin: true, municipality: 'Lindeveen' });
    });

    it('hands out a working token for the chosen role from the development login', async () => {
      const login = await t.http.post('/api/auth/dev-login').send({ role: 'editor', name: 'Eva', departments: ['burgerzaken'] });
      expect(login.status).toBe(200);
      const auth = { Authorization: `Bearer ${login.body.token}` };
      expect((await t.http.get('/api/articles').set(auth)).status).toBe(200);
      expect((await t.http.get('/api/analytics/search').set(auth)).status).toBe(403);
    });

    it('refuses bad development-login input with the field at fault', async () => {
      for (const body of [
        { role: 'superuser' },
        {},
        { role: 'agent', departments: ['Niet Geldig'] },
        { role: 'agent', name: 'x'.repeat(101) },
      ]) {
        const res = await t.http.post('/api/auth/dev-login').send(body);
        expect(res.status).toBe(400);
        expect(res.body.errors[0].field).toMatch(/role|departments|name/);
      }
    });

    it('renders a preview with the server pipeline, sanitised, and stores nothing', async () => {
      const { token } = (await t.http.post('/api/auth/dev-login').send({ role: 'editor' })).body;
      const before = await t.dataSource.query('SELECT count(*)::int AS n FROM articles');
      const res = await t.http
        .post('/api/articles/preview')
        .set('Authorization', `Bearer ${token}`)
        .send({
          kind: 'product',
          title: 'T',
          sections: { kosten: 'Kost **€ 10**. <script>alert(1)</script> [link](https://www.lindeveen.nl)' },
          kccNotes: 'Intern',
        });
      expect(res.status).toBe(200);
      const kosten = res.body.rendered.parts.find((p: { key: string }) => p.key === 'sections.kosten');
      expect(kosten.html).toContain('<strong>€ 10</strong>');
      expect(kosten.html).not.toContain('<script>');
      expect(kosten.html).toContain('rel="noopener noreferrer"');
      expect(res.body.rendered.parts.find((p: { key: string }) => p.key === 'kccNotes').internal).toBe(true);
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM articles')).toEqual(before);
      const bad = await t.http.post('/api/articles/preview').set('Authorization', `Bearer ${token}`).send({ kind: 'recipe' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('kind');
    });

    it("serves the article model's fields and section titles to editors, so the editor need not repeat them", async () => {
      const editor = (await t.http.post('/api/auth/dev-login').send({ role: 'editor' })).body.token;
      const res = await t.http.get('/api/articles/fields').set('Authorization', `Bearer ${editor}`);
      expect(res.status).toBe(200);
      expect(res.body.sections).toHaveLength(10);
      expect(res.body.sections[0]).toEqual({ key: 'inleiding', title: 'Wat is het?' });
      expect(res.body.sections).toContainEqual({ key: 'geenReactie', title: 'Wat als de gemeente niet op tijd reageert?' });
      expect(res.body.fields).toEqual(expect.arrayContaining(['title', 'sections', 'kccNotes', 'alternativeQuestions', 'relatedIds']));
      expect(res.body.fields).toHaveLength(17);
      expect(res.body.kindFields).toEqual({ product: ['sections'], faq: ['question', 'answer', 'explanation'], instruction: ['body'] });
      expect(res.body.titles).toMatchObject({ title: 'Titel', question: 'Vraag', body: 'Tekst', kccNotes: 'KCC-notities' });
      const agent = (await t.http.post('/api/auth/dev-login').send({ role: 'agent' })).body.token;
      expect((await t.http.get('/api/articles/fields').set('Authorization', `Bearer ${agent}`)).status).toBe(403);
      expect((await t.http.get('/api/articles/fields')).status).toBe(401);
    });

    it('serves the werkplek and sends e-mail links to the right screen', async () => {
      const page = await t.http.get('/werkplek/');
      expect(page.status).toBe(200);
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect((await t.http.get('/')).headers.location).toBe('/werkplek/');
      const id = '00000000-0000-4000-8000-000000000001';
      expect((await t.http.get(`/werkplek/artikelen/${id}`)).headers.location).toBe(`/werkplek/#/artikel/${id}`);
      expect((await t.http.get(`/werkplek/artikelen/${id}?actie=inhoud-gecontroleerd`)).headers.location).toBe(
        `/werkplek/#/bewerken/${id}?actie=inhoud-gecontroleerd`,
      );
      expect((await t.http.get('/werkplek/artikelen/..%2F..%2Fetc')).headers.location).toBe('/werkplek/');
      expect((await t.http.get('/werkplek/vendor/chart/chart.umd.min.js')).status).toBe(200);
      const missing = await t.http.get('/werkplek/bestaat-niet.js');
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBeDefined();
    });
  });

  it('has no development login in production, even with a local secret', async () => {
    // Production takes only a random secret (none from the repository).
    const t = await createTestApp({ AUTH_JWT_SECRET: randomBytes(32).toString('base64url'), NODE_ENV: 'production' });
    try {
      expect((await t.http.get('/api/auth/config')).body.devLogin).toBe(false);
      const res = await t.http.post('/api/auth/dev-login').send({ role: 'admin' });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('DEV_LOGIN_DISABLED');
    } finally {
      await t.close();
    }
  });

  it('points the werkplek at the identity provider when OIDC is configured', async () => {
    const t = await createTestApp({
      AUTH_ISSUER: 'https://login.lindeveen.nl/realms/gemeente',
      AUTH_AUDIENCE: 'kennisbank',
      AUTH_JWKS_URL: 'https://login.lindeveen.nl/realms/gemeente/certs',
      AUTH_UI_CLIENT_ID: 'werkplek',
    });
    try {
      expect((await t.http.get('/api/auth/config')).body).toMatchObject({
        mode: 'oidc',
        oidc: { issuer: 'https://login.lindeveen.nl/realms/gemeente', clientId: 'werkplek' },
        devLogin: false,
      });
      expect((await t.http.get('/werkplek/')).headers['content-security-policy']).toContain(
        "connect-src 'self' https://login.lindeveen.nl",
      );
    } finally {
      await t.close();
    }
  });
});

import { createHash } from 'node:crypto';
import { mintLocalToken } from '../../src/auth/local-token';
import { TestApp, createTestApp } from '../setup/test-app';

const SECRET = 'test-secret-0123456789-abcdefghijklmnop';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('API keys (e2e)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({ AUTH_JWT_SECRET: SECRET });
    admin = `Bearer ${await mintLocalToken(SECRET, { sub: 'admin-1', roles: ['admin'], email: 'beheer@lindeveen.nl' })}`;
    for (const slug of ['burgerzaken', 'belastingen']) {
      expect((await t.http.post('/api/departments').set('Authorization', admin).send({ slug, name: slug })).status).toBe(201);
    }
  });
  afterAll(async () => t.close());

  const create = (body: Record<string, unknown>) => t.http.post('/api/api-keys').set('Authorization', admin).send(body);
  const newKey = async (body: Record<string, unknown> = {}) => {
    const res = await create({ name: 'Website', role: 'agent', scopes: ['search', 'departments:read'], ...body });
    expect(res.status).toBe(201);
    return res.body as { id: string; secret: string; prefix: string; status: string };
  };

  describe('creating', () => {
    it('shows the secret once and stores only its SHA-256', async () => {
      const res = await create({
        name: ' KISS-koppeling ',
        role: 'agent',
        scopes: ['search', 'articles:read', 'search'],
        expiresAt: '2027-06-30T00:00:00Z',
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        name: 'KISS-koppeling',
        role: 'agent',
        scopes: ['search', 'articles:read'],
        departments: [],
        prefix: res.body.secret.slice(0, 9),
        status: 'active',
        createdAt: expect.any(String),
        createdById: expect.any(String),
        expiresAt: '2027-06-30T00:00:00.000Z',
        revokedAt: null,
        lastUsedAt: null,
        secret: expect.stringMatching(/^kb_[A-Za-z0-9_-]{43}$/),
      });
      const [row] = await t.dataSource.query('SELECT to_jsonb(k)::text AS row, secret_hash FROM api_keys k WHERE id = $1', [res.body.id]);
      expect(row.secret_hash).toBe(sha256(res.body.secret));
      expect(row.row).not.toContain(res.body.secret);
      const list = await t.http.get('/api/api-keys').set('Authorization', admin);
      expect(list.status).toBe(200);
      expect(JSON.stringify(list.body)).not.toContain(res.body.secret);
      expect(list.body.find((k: { id: string }) => k.id === res.body.id)).not.toHaveProperty('secret');
    });

    it('gives every key a service account, so its writes are attributed to it', async () => {
      const key = await newKey({ name: 'Import landelijke content' });
      const [account] = await t.dataSource.query(
        'SELECT u.email, u.name, u.subject FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.id = $1',
        [key.id],
      );
      expect(account).toEqual({
        email: `${key.id}@api-keys.invalid`,
        name: 'API-sleutel: Import landelijke content',
        subject: `api-key:${key.id}`,
      });
    });

    it.each([
      ['an admin key', { role: 'admin' }, 'role', 'IS_IN'],
      ['no scopes', { scopes: [] }, 'scopes', 'ARRAY_MIN_SIZE'],
      ['an unknown area', { scopes: ['betalingen'] }, 'scopes', 'UNKNOWN_SCOPE'],
      ['a malformed scope', { scopes: ['search:write'] }, 'scopes', 'MATCHES'],
      ['an editor key without departments', { role: 'editor', scopes: ['articles'] }, 'departments', 'REQUIRED'],
      ['departments on an agent key', { departments: ['burgerzaken'] }, 'departments', 'EDITOR_ONLY'],
      ['an unknown department', { role: 'editor', scopes: ['articles'], departments: ['sport'] }, 'departments', 'UNKNOWN_DEPARTMENT'],
      ['an expiry in the past', { expiresAt: '2020-01-01T00:00:00Z' }, 'expiresAt', 'IN_THE_PAST'],
      ['an expiry that is not a date', { expiresAt: 'morgen' }, 'expiresAt', 'IS_DATE_STRING'],
      ['an empty name', { name: '' }, 'name', 'MIN_LENGTH'],
    ])('refuses %s with 400', async (_label, patch, field, code) => {
      const res = await create({ name: 'Sleutel', role: 'agent', scopes: ['search'], ...patch });
      expect(res.status).toBe(400);
      expect(res.body.errors).toContainEqual(expect.objectContaining({ field, code }));
    });
  });

  describe('using', () => {
    it('accepts the key as Authorization: ApiKey or as X-Api-Key, and records when it was last used', async () => {
      const key = await newKey();
      expect((await t.http.get('/api/departments').set('Authorization', `ApiKey ${key.secret}`)).status).toBe(200);
      expect((await t.http.get('/api/departments').set('X-Api-Key', key.secret)).status).toBe(200);
      const used = async () =>
        (await t.dataSource.query('SELECT last_used_at FROM api_keys WHERE id = $1', [key.id]))[0].last_used_at as Date;
      const first = await used();
      expect(first.toISOString()).toBe(t.clock.now().toISOString());
      // Written at most once a minute.
      t.clock.set(new Date(t.clock.now().getTime() + 30_000));
      await t.http.get('/api/departments').set('X-Api-Key', key.secret);
      expect((await used()).toISOString()).toBe(first.toISOString());
      t.clock.set(new Date(t.clock.now().getTime() + 60_000));
      await t.http.get('/api/departments').set('X-Api-Key', key.secret);
      expect((await used()).toISOString()).toBe(t.clock.now().toISOString());
    });

    it.each([
      ['an unknown key', () => ({ 'X-Api-Key': `kb_${'A'.repeat(43)}` }), 'INVALID_API_KEY'],
      ['something that is not a key', () => ({ Authorization: 'ApiKey hunter2' }), 'INVALID_API_KEY'],
      ['two credentials at once', () => ({ Authorization: admin, 'X-Api-Key': 'kb_x' }), 'UNAUTHENTICATED'],
    ])('refuses %s with 401', async (_label, headers, code) => {
      const res = await t.http.get('/api/departments').set(headers());
      expect(res.status).toBe(401);
      expect(res.body.code).toBe(code);
    });

    it('keeps a key to its role and scopes', async () => {
      const key = await newKey({ scopes: ['departments:read'] });
      expect((await t.http.get('/api/departments').set('X-Api-Key', key.secret)).status).toBe(200);
      const search = await t.http.get('/api/search?q=paspoort').set('X-Api-Key', key.secret);
      expect(search.status).toBe(403);
      expect(search.body).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'search' });
      const write = await t.http.patch('/api/departments/burgerzaken').set('X-Api-Key', key.secret).send({ name: 'X' });
      expect(write.status).toBe(403);
      expect(write.body.requiredRole).toBe('admin');
      // A key cannot manage keys, whatever its scopes.
      expect((await t.http.get('/api/api-keys').set('X-Api-Key', key.secret)).status).toBe(403);
    });

    it('lets an editor key edit its own departments only, and attributes its writes to it', async () => {
      const key = await newKey({ role: 'editor', scopes: ['articles'], departments: ['burgerzaken'] });
      const own = await t.http
        .post('/api/articles')
        .set('X-Api-Key', key.secret)
        .send({ kind: 'faq', title: 'Vraag van de koppeling', department: 'burgerzaken' });
      expect(own.status).toBe(201);
      const other = await t.http
        .post('/api/articles')
        .set('X-Api-Key', key.secret)
        .send({ kind: 'faq', title: 'Vraag', department: 'belastingen' });
      expect(other.status).toBe(403);
      const [event] = await t.dataSource.query(
        `SELECT e.action, u.subject FROM article_events e JOIN users u ON u.id = e.actor_id WHERE e.article_id = $1`,
        [own.body.id],
      );
      expect(event).toEqual({ action: 'create', subject: `api-key:${key.id}` });
    });
  });

  describe('revoking and expiry', () => {
    it('revokes at once, idempotently', async () => {
      const key = await newKey();
      expect((await t.http.get('/api/departments').set('X-Api-Key', key.secret)).status).toBe(200);
      expect((await t.http.delete(`/api/api-keys/${key.id}`).set('Authorization', admin)).status).toBe(204);
      const refused = await t.http.get('/api/departments').set('X-Api-Key', key.secret);
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({ code: 'INVALID_API_KEY', message: 'The API key has been revoked' });
      const revokedAt = (await t.dataSource.query('SELECT revoked_at FROM api_keys WHERE id = $1', [key.id]))[0].revoked_at;
      t.clock.set(new Date(t.clock.now().getTime() + 1000));
      expect((await t.http.delete(`/api/api-keys/${key.id}`).set('Authorization', admin)).status).toBe(204);
      expect((await t.dataSource.query('SELECT revoked_at FROM api_keys WHERE id = $1', [key.id]))[0].revoked_at).toEqual(revokedAt);
      const listed = (await t.http.get('/api/api-keys').set('Authorization', admin)).body.find((k: { id: string }) => k.id === key.id);
      expect(listed.status).toBe('revoked');
    });

    it.each(['6f1c2a4e-1111-4222-8333-944455556666', 'not-a-uuid'])('answers 404 for revoking %s', async (id) => {
      const res = await t.http.delete(`/api/api-keys/${id}`).set('Authorization', admin);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('API_KEY_NOT_FOUND');
    });

    it('stops accepting a key when it expires', async () => {
      const key = await newKey({ expiresAt: new Date(t.clock.now().getTime() + 3_600_000).toISOString() });
      expect((await t.http.get('/api/departments').set('X-Api-Key', key.secret)).status).toBe(200);
      t.clock.set(new Date(t.clock.now().getTime() + 3_600_000));
      const refused = await t.http.get('/api/departments').set('X-Api-Key', key.secret);
      expect(refused.status).toBe(401);
      expect(refused.body.message).toBe('The API key has expired');
      const listed = (await t.http.get('/api/api-keys').set('Authorization', admin)).body.find((k: { id: string }) => k.id === key.id);
      expect(listed.status).toBe('expired');
    });
  });
});

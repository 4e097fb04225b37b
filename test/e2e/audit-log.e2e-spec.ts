import { NOT_AUDITED_TABLES } from '../../src/audit/audited-tables';
import { mintLocalToken } from '../../src/auth/local-token';
import { TestApp, createTestApp } from '../setup/test-app';

const SECRET = 'test-secret-0123456789-abcdefghijklmnop';

interface Entry {
  id: string;
  action: string;
  entityType: string;
  entityId: string;
  actor: { userId: string | null; email: string | null; subject: string | null; apiKeyId: string | null };
  origin: string;
  requestId: string | null;
  beforeHash: string | null;
  afterHash: string | null;
  changedFields: string[] | null;
}

describe('audit log (e2e)', () => {
  let t: TestApp;
  const auth = {} as Record<'admin' | 'coordinator' | 'editor' | 'newcomer', string>;

  beforeAll(async () => {
    t = await createTestApp({ AUTH_JWT_SECRET: SECRET });
    const mint = async (sub: string, roles: ('admin' | 'coordinator' | 'editor')[], departments: string[] = []) =>
      `Bearer ${await mintLocalToken(SECRET, { sub, roles, departments, email: `${sub}@lindeveen.nl`, name: sub })}`;
    auth.admin = await mint('admin-1', ['admin']);
    auth.coordinator = await mint('coordinator-1', ['coordinator']);
    auth.editor = await mint('editor-1', ['editor'], ['burgerzaken']);
    auth.newcomer = await mint('newcomer-1', ['editor'], ['burgerzaken']);
    expect(
      (await t.http.post('/api/departments').set('Authorization', auth.admin).send({ slug: 'burgerzaken', name: 'Burgerzaken' })).status,
    ).toBe(201);
  });
  afterAll(async () => t.close());

  const audit = async (query: string): Promise<{ items: Entry[]; nextCursor: string | null }> => {
    const res = await t.http.get(`/api/audit?${query}`).set('Authorization', auth.coordinator);
    if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  /** The hash the trigger computes, of a row as it is now (`audit_hash`, for anyone who wants to verify). */
  const currentHash = (table: string, id: string) =>
    t.dataSource.transaction(async (m) => {
      await m.query(`SET LOCAL TIME ZONE 'Europe/Amsterdam'`); // the hash must not depend on the session
      const [row] = await m.query(`SELECT audit_hash(x) AS hash FROM ${table} x WHERE id = $1`, [id]);
      return row?.hash as string;
    });
  const count = async () => Number((await t.dataSource.query('SELECT count(*) AS n FROM audit_log'))[0].n);
  const userId = async (subject: string) =>
    (await t.dataSource.query('SELECT id FROM users WHERE subject = $1', [subject]))[0].id as string;

  it('covers every table except the listed noise', async () => {
    const rows: { table: string; audited: boolean }[] = await t.dataSource.query(`
      SELECT c.relname AS table, EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid AND g.tgname = 'audit_row_change') AS audited
        FROM pg_class c WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace ORDER BY 1`);
    const unaudited = rows.filter((r) => !r.audited).map((r) => r.table);
    expect(unaudited.sort()).toEqual([...NOT_AUDITED_TABLES].filter((name) => rows.some((r) => r.table === name)).sort());
    expect(rows.filter((r) => r.audited).map((r) => r.table)).toEqual(
      expect.arrayContaining(['articles', 'article_versions', 'departments', 'users', 'api_keys']),
    );
  });

  it('records who, what, when, the row hashes and the request of a write', async () => {
    const res = await t.http
      .patch('/api/departments/burgerzaken')
      .set('Authorization', auth.admin)
      .set('X-Request-Id', 'req-audit-0001')
      .send({ contactEmail: 'burgerzaken@lindeveen.nl' });
    expect(res.status).toBe(200);
    const { items } = await audit(`entityType=departments&entityId=${res.body.id}`);
    const [update, insert] = items;
    expect(insert).toMatchObject({ action: 'insert', beforeHash: null, changedFields: null, origin: 'http' });
    expect(update).toEqual({
      id: expect.any(String),
      at: expect.any(String),
      action: 'update',
      entityType: 'departments',
      entityId: res.body.id,
      actor: { userId: await userId('admin-1'), email: 'admin-1@lindeveen.nl', name: 'admin-1', subject: 'admin-1', apiKeyId: null },
      origin: 'http',
      requestId: 'req-audit-0001',
      beforeHash: insert.afterHash,
      afterHash: await currentHash('departments', res.body.id),
      changedFields: ['contact_email', 'row_version', 'updated_at'],
    });
    expect(update.afterHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('attributes a user created on first sight to the token subject', async () => {
    expect((await t.http.get('/api/articles').set('Authorization', auth.newcomer)).status).toBe(200);
    const [entry] = (await audit(`entityType=users&entityId=${await userId('newcomer-1')}`)).items;
    expect(entry).toMatchObject({ action: 'insert', actor: { userId: null, subject: 'newcomer-1' }, origin: 'http' });
  });

  it('audits the whole article workflow, but not the outbox or the event trail', async () => {
    const created = await t.http.post('/api/articles').set('Authorization', auth.editor).send({
      kind: 'faq',
      title: 'Hoe vraag ik een paspoort aan?',
      summary: 'Aan de balie.',
      question: 'Hoe vraag ik een paspoort aan?',
      answer: 'Aan de balie.',
      department: 'burgerzaken',
    });
    expect(created.status).toBe(201);
    expect((await t.http.post(`/api/articles/${created.body.id}/submit`).set('Authorization', auth.editor)).status).toBe(200);
    expect((await t.http.post(`/api/articles/${created.body.id}/approve`).set('Authorization', auth.coordinator)).status).toBe(200);
    const article = (await audit(`entityType=articles&entityId=${created.body.id}`)).items.reverse();
    expect(article.map((e) => [e.action, e.actor.subject])).toEqual([
      ['insert', 'editor-1'],
      ['update', 'editor-1'],
      ['update', 'coordinator-1'],
    ]);
    expect(article[2].changedFields).toEqual(expect.arrayContaining(['status', 'published_version']));
    expect(article[2].afterHash).toBe(await currentHash('articles', created.body.id));
    const versions = await t.dataSource.query('SELECT id FROM article_versions WHERE article_id = $1', [created.body.id]);
    expect((await audit(`entityType=article_versions&entityId=${versions[0].id}`)).items).toHaveLength(1);
    expect((await audit('entityType=article_outbox')).items).toEqual([]);
    expect((await audit('entityType=article_events')).items).toEqual([]);
  });

  it('invents nothing for a write that fails', async () => {
    const before = await count();
    expect(
      (await t.http.post('/api/departments').set('Authorization', auth.admin).send({ slug: 'burgerzaken', name: 'Dubbel' })).status,
    ).toBe(409);
    const article = (
      await t.http
        .post('/api/articles')
        .set('Authorization', auth.editor)
        .send({ kind: 'faq', title: 'Vraag twee', department: 'burgerzaken' })
    ).body;
    const afterCreate = await count();
    const stale = await t.http
      .patch(`/api/articles/${article.id}`)
      .set('Authorization', auth.editor)
      .set('If-Match', '"stale"')
      .send({ title: 'Nieuw' });
    expect(stale.status).toBe(412);
    expect(await count()).toBe(afterCreate);
    expect(afterCreate).toBeGreaterThan(before);
  });

  it('loses nothing and keeps nothing of a rolled-back transaction, written through raw SQL too', async () => {
    const before = await count();
    await expect(
      t.dataSource.transaction(async (m) => {
        await m.query(`INSERT INTO departments (slug, name, row_version) VALUES ('tijdelijk', 'Tijdelijk', 1)`);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await count()).toBe(before);
    await t.dataSource.query(`UPDATE departments SET name = 'Burgerzaken en Dienstverlening' WHERE slug = 'burgerzaken'`);
    const [entry] = (await audit('entityType=departments&limit=1')).items;
    expect(entry).toMatchObject({ action: 'update', origin: 'system', actor: { userId: null, subject: null }, changedFields: ['name'] });
  });

  it('skips an update that changes nothing worth recording', async () => {
    const before = await count();
    await t.dataSource.query(`UPDATE departments SET name = name WHERE slug = 'burgerzaken'`);
    await t.dataSource.query(`UPDATE api_keys SET last_used_at = now()`);
    expect(await count()).toBe(before);
  });

  it('records deletes, and records API keys as the actor', async () => {
    const key = await t.http
      .post('/api/api-keys')
      .set('Authorization', auth.admin)
      .send({ name: 'Koppeling', role: 'coordinator', scopes: ['search'] });
    expect(key.status).toBe(201);
    const synonyms = await t.http
      .put('/api/search/synonyms')
      .set('X-Api-Key', key.body.secret)
      .send({ groups: [['paspoort', 'reisdocument']] });
    expect(synonyms.status).toBe(200);
    const emptied = await t.http.put('/api/search/synonyms').set('X-Api-Key', key.body.secret).send({ groups: [] });
    expect(emptied.status).toBe(200);
    const inserted = (await audit(`entityType=search_synonym_groups&actor=${key.body.id}`)).items.filter((e) => e.action === 'insert');
    expect(inserted).toHaveLength(1);
    const { items } = await audit(`entityType=search_synonym_groups&entityId=${inserted[0].entityId}`);
    expect(items.map((e) => e.action)).toEqual(['delete', 'insert']);
    expect(items[0]).toMatchObject({ beforeHash: items[1].afterHash, afterHash: null, actor: { apiKeyId: key.body.id, subject: null } });
  });

  it('records one entry per row of a multi-row insert (a bulk import), each with the actor and its own hash', async () => {
    const items = [1, 2, 3].map((n) => ({
      externalId: `audit-bulk-${n}`,
      kind: 'faq',
      title: `Bulkvraag ${n}`,
      summary: `Samenvatting ${n}.`,
      question: `Vraag ${n}?`,
      answer: `Antwoord ${n}.`,
      department: 'burgerzaken',
      status: 'draft',
    }));
    const [{ last }] = await t.dataSource.query('SELECT coalesce(max(id), 0) AS last FROM audit_log');
    const res = await t.http.post('/api/import').set('Authorization', auth.admin).send(items);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 3, failed: 0 });
    const ids: string[] = res.body.items.map((i: { articleId: string }) => i.articleId);
    const inserts: { entity_id: string; after_hash: string; actor_user_id: string; request_id: string | null }[] = await t.dataSource.query(
      `SELECT entity_id, after_hash, actor_user_id, request_id FROM audit_log WHERE entity_type = 'articles' AND action = 'insert' AND id > $1 ORDER BY id`,
      [last],
    );
    // the import writes a batch's articles in one statement: one entry per article, none lost or doubled
    expect(inserts.map((e) => e.entity_id).sort()).toEqual([...ids].sort());
    expect(new Set(inserts.map((e) => e.actor_user_id))).toEqual(new Set([await userId('admin-1')]));
    expect(new Set(inserts.map((e) => e.request_id)).size).toBe(1);
    for (const entry of inserts) expect(entry.after_hash).toBe(await currentHash('articles', entry.entity_id));

    // the same through raw SQL: three rows in one statement, three entries, no actor outside a request
    const raw: { id: string }[] = await t.dataSource.query(
      `INSERT INTO departments (slug, name, row_version) SELECT 'bulk-' || n, 'Bulk ' || n, 1 FROM generate_series(1, 3) n RETURNING id`,
    );
    for (const { id } of raw) {
      const { items: entries } = await audit(`entityType=departments&entityId=${id}`);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        action: 'insert',
        origin: 'system',
        actor: { userId: null },
        beforeHash: null,
        changedFields: null,
      });
      expect(entries[0].afterHash).toBe(await currentHash('departments', id));
    }
    // an insert of no rows writes nothing
    const none = await count();
    await t.dataSource.query(`INSERT INTO departments (slug, name, row_version) SELECT 'leeg', 'Leeg', 1 WHERE false`);
    expect(await count()).toBe(none);
  });

  it('is append-only', async () => {
    await expect(t.dataSource.query(`UPDATE audit_log SET actor_subject = 'someone-else'`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  });

  describe('GET /api/audit', () => {
    it('filters by actor: user id or identity-provider subject', async () => {
      const byId = await audit(`actor=${await userId('editor-1')}`);
      const bySubject = await audit('actor=editor-1');
      expect(byId.items.length).toBeGreaterThan(0);
      expect(new Set(byId.items.map((e) => e.actor.subject))).toEqual(new Set(['editor-1']));
      // By subject also finds the creation of the user row itself, written before the user had an id.
      const [created, ...rest] = [...bySubject.items].reverse();
      expect(created).toMatchObject({ action: 'insert', entityType: 'users', actor: { userId: null } });
      expect(rest.reverse().map((e) => e.id)).toEqual(byId.items.map((e) => e.id));
    });

    it('pages with a cursor, newest first, without overlap', async () => {
      const all = (await audit('limit=200')).items.map((e) => e.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Entry[]; nextCursor: string | null } = await audit(`limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.items.map((e) => e.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all);
      expect([...seen].sort((a, b) => Number(b) - Number(a))).toEqual(seen);
    });

    it('filters by period', async () => {
      const [newest] = (await audit('limit=1')).items as (Entry & { at: string })[];
      const at = new Date(newest.at);
      expect((await audit(`from=${new Date(at.getTime() + 1).toISOString()}`)).items).toEqual([]);
      expect((await audit(`from=${at.toISOString()}&limit=1`)).items[0].id).toBe(newest.id);
      expect((await audit(`to=${at.toISOString()}&limit=200`)).items.map((e) => e.id)).not.toContain(newest.id);
    });

    it.each([
      ['cursor=bm90LWEtY3Vyc29y', 'cursor', 'INVALID_CURSOR'],
      ['from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z', 'to', 'BEFORE_FROM'],
      ['from=gisteren', 'from', 'IS_DATE_STRING'],
      ['entityType=Articles;DROP', 'entityType', 'MATCHES'],
      ['limit=1000', 'limit', 'MAX'],
    ])('answers 400 for %s', async (query, field, code) => {
      const res = await t.http.get(`/api/audit?${query}`).set('Authorization', auth.coordinator);
      expect(res.status).toBe(400);
      expect(res.body.errors).toContainEqual(expect.objectContaining({ field, code }));
    });
  });
});

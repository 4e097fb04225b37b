import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FixtureLoader } from '../../src/articles/import/fixture-loader';
import { mintLocalToken } from '../../src/auth/local-token';
import { TestApp, createTestApp } from '../setup/test-app';

const PASPOORT = {
  externalId: 'lv-paspoort',
  kind: 'product',
  title: 'Paspoort',
  summary: 'Een paspoort vraagt u aan bij Burgerzaken.',
  department: 'Burgerzaken',
  owner: 'J.Dekker@lindeveen.nl',
  themes: ['Reizen'],
  synonyms: ['reisdocument'],
  uplName: 'paspoort',
  body: [
    'Met een paspoort kunt u reizen.',
    '',
    '## Hoe aanvragen?',
    'Maak een afspraak.',
    '',
    '## Wat moet u meenemen?',
    '- Een pasfoto',
    '',
    '## Wat kost het?',
    '€ 86,45',
    '',
    '## Geschiedenis',
    'Sinds 1920.',
  ].join('\n'),
  related: ['lv-id-kaart'],
};

const ID_KAART = {
  externalId: 'lv-id-kaart',
  kind: 'product',
  title: 'Identiteitskaart',
  summary: 'Een ID-kaart vraagt u aan bij Burgerzaken.',
  department: 'burgerzaken',
  sections: { inleiding: 'De identiteitskaart is een reisdocument binnen Europa.' },
  reviewDueInDays: -5,
};

const FAQ = {
  externalId: 'lv-faq-toeslagen',
  kind: 'faq',
  title: 'Zorgtoeslag aanvragen',
  summary: 'Zorgtoeslag regelt de Belastingdienst.',
  question: 'Waar vraag ik zorgtoeslag aan?',
  answer: 'Bij de **Belastingdienst**: [toeslagen](https://www.belastingdienst.nl/toeslagen).',
  department: 'KCC',
  status: 'draft',
};

describe('import (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('creates articles, maps ## headings to sections and links related items in the same file', async () => {
    const res = await t.http.post('/api/import').send([PASPOORT, ID_KAART, FAQ]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 3, created: 3, updated: 0, unchanged: 0, failed: 0 });
    expect(res.body.items[0].warnings).toEqual([
      { field: 'body', code: 'HEADINGS_UNMAPPED', message: 'headings kept in bijzonderheden: Geschiedenis' },
    ]);

    const paspoort = (await t.http.get(`/api/articles/${res.body.items[0].articleId}`)).body;
    expect(paspoort).toMatchObject({
      status: 'published',
      publishedVersion: 1,
      department: { slug: 'burgerzaken', name: 'Burgerzaken' },
      owner: { email: 'j.dekker@lindeveen.nl' },
      uplUri: 'http://standaarden.overheid.nl/owms/terms/paspoort',
      relatedIds: [res.body.items[1].articleId],
    });
    expect(paspoort.sections).toEqual({
      inleiding: 'Met een paspoort kunt u reizen.',
      aanvraag: 'Maak een afspraak.',
      bewijs: '- Een pasfoto',
      kosten: '€ 86,45',
      bijzonderheden: '### Geschiedenis\nSinds 1920.',
    });
    // Same department by name and by slug; a new department is created from its name.
    const departments = (await t.http.get('/api/departments')).body.map((d: { slug: string }) => d.slug);
    expect(departments).toEqual(['burgerzaken', 'kcc']);

    const idKaart = (await t.http.get(`/api/articles/${res.body.items[1].articleId}`)).body;
    expect(idKaart.review).toMatchObject({ dueAt: '2026-11-18T09:00:00.000Z', state: 'overdue' });
    const faq = (await t.http.get(`/api/articles/${res.body.items[2].articleId}`)).body;
    expect(faq).toMatchObject({ status: 'draft', live: false, question: 'Waar vraag ik zorgtoeslag aan?' });
  });

  it('is idempotent on externalId and makes a new version only when content changed', async () => {
    const again = await t.http.post('/api/import').send([PASPOORT, ID_KAART, FAQ]);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 3, failed: 0 });

    const changed = { ...PASPOORT, body: PASPOORT.body.replace('€ 86,45', '€ 88,00') };
    const res = await t.http.post('/api/import').send([changed, ID_KAART]);
    expect(res.body).toMatchObject({ updated: 1, unchanged: 1 });
    expect(res.body.items[0]).toMatchObject({ outcome: 'updated', version: 2 });
    const versions = await t.http.get(`/api/articles/${res.body.items[0].articleId}/versions`);
    expect(versions.body.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    const diff = await t.http.get(`/api/articles/${res.body.items[0].articleId}/diff?from=1&to=2`);
    expect(diff.body.changes.map((c: { field: string }) => c.field)).toEqual(['sections.kosten']);
  });

  it('reports bad items without aborting or half-writing the others', async () => {
    const items = [
      { ...ID_KAART, externalId: 'lv-good-1', title: 'Rijbewijs' },
      { externalId: 'lv-bad-kind', kind: 'recipe', title: 'X', department: 'burgerzaken' },
      {
        ...ID_KAART,
        externalId: 'lv-bad-upl',
        title: 'Verhuizing',
        uplName: 'geen echte productnaam',
        targetGroups: ['burger', 'toerist'],
      },
      { ...FAQ, externalId: 'lv-bad-field', sections: { inleiding: 'faq met secties' } },
      'not an object',
      { ...ID_KAART, externalId: 'lv-good-1', title: 'Dubbel' },
      { ...ID_KAART, externalId: 'lv-extra', title: 'Onbekend veld', colour: 'red' },
      { ...ID_KAART, externalId: 'lv-good-2', title: 'Geboorteaangifte', related: ['does-not-exist'] },
    ];
    const before = (await t.http.get('/api/articles?limit=100')).body.items.length;
    const res = await t.http.post('/api/import').send(items);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 8, created: 3, failed: 5 });
    const outcome = res.body.items.map((i: { outcome: string; error?: { code: string; errors?: { field: string; code: string }[] } }) => [
      i.outcome,
      i.error?.errors?.[0]?.field ?? null,
      i.error?.errors?.[0]?.code ?? null,
    ]);
    expect(outcome).toEqual([
      ['created', null, null],
      ['failed', 'kind', 'IS_IN'],
      ['created', null, null],
      ['failed', 'sections', 'NOT_ALLOWED_FOR_KIND'],
      ['failed', '(item)', 'IS_OBJECT'],
      ['failed', 'externalId', 'DUPLICATE_IN_FILE'],
      ['failed', 'colour', 'UNKNOWN_FIELD'],
      ['created', null, null],
    ]);
    expect(res.body.items[7].warnings).toEqual([
      { field: 'related', code: 'UNKNOWN_RELATED', message: 'unknown related articles ignored: does-not-exist' },
    ]);
    // Metadata does not cost the article: the unknown UPL name is left empty, the unknown target group dropped.
    expect(res.body.items[2].warnings).toEqual([
      expect.objectContaining({ field: 'uplName', code: 'UNKNOWN_UPL', value: 'geen echte productnaam' }),
      expect.objectContaining({ field: 'targetGroups', code: 'UNKNOWN_TARGET_GROUP', value: 'toerist' }),
    ]);
    const verhuizing = (await t.http.get(`/api/articles/${res.body.items[2].articleId}`)).body;
    expect(verhuizing).toMatchObject({ status: 'published', uplName: null, uplUri: null, targetGroups: ['burger'] });
    const after = (await t.http.get('/api/articles?limit=100')).body.items.length;
    expect(after - before).toBe(3);
    const leftovers = await t.dataSource.query(`SELECT count(*)::int AS n FROM articles WHERE external_id IN ('lv-bad-field', 'lv-extra')`);
    expect(leftovers[0].n).toBe(0);
  });

  it('stores the same rendering for items rendered ahead of their batch (past the first 500) as in it', async () => {
    const items = Array.from({ length: 502 }, (_, i) => ({
      externalId: `lv-bulk-${i}`,
      kind: 'faq',
      title: `Bulkvraag ${i}`,
      summary: 'Een vraag uit een grote import.',
      question: 'Hoe lang is een *paspoort* geldig?',
      answer: 'Tien jaar. Zie [reizen](https://www.rijksoverheid.nl/reizen) en:\n\n- punt een\n- punt twee',
      department: 'KCC',
    }));
    const res = await t.http.post('/api/import').send(items);
    expect(res.body).toMatchObject({ created: 502, failed: 0 });
    const versions: { rendered: unknown; plain_text: string }[] = await t.dataSource.query(
      `SELECT v.rendered, v.plain_text FROM article_versions v WHERE v.article_id = ANY ($1::uuid[]) ORDER BY array_position($1::uuid[], v.article_id)`,
      [[0, 499, 500, 501].map((i) => res.body.items[i].articleId)],
    );
    expect(versions).toHaveLength(4);
    expect(versions[0].plain_text).toContain('Tien jaar.');
    for (const v of versions.slice(1)) expect(v).toEqual(versions[0]);
  });

  it('rejects a body that is not an array', async () => {
    const res = await t.http.post('/api/import').send({ items: [] });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: '(body)', code: 'IS_ARRAY' }] });
  });

  it('refuses to change the kind of an existing article', async () => {
    const res = await t.http.post('/api/import').send([{ ...FAQ, externalId: 'lv-id-kaart' }]);
    expect(res.body.items[0]).toMatchObject({ outcome: 'failed', error: { errors: [{ field: 'kind', code: 'KIND_CHANGED' }] } });
  });
});

describe('import: four eyes (e2e)', () => {
  const SECRET = 'test-secret-0123456789-abcdefghijklmnop';
  let t: TestApp;
  let admin: string;
  let coordinator: string;
  const events = (articleId: string) =>
    t.dataSource.query(
      `SELECT action, from_status AS "from", to_status AS "to", version, details->>'via' AS via FROM article_events WHERE article_id = $1 ORDER BY id`,
      [articleId],
    );

  beforeAll(async () => {
    t = await createTestApp({ AUTH_JWT_SECRET: SECRET });
    admin = `Bearer ${await mintLocalToken(SECRET, { sub: 'admin-1', roles: ['admin'], email: 'beheer@lindeveen.nl' })}`;
    coordinator = `Bearer ${await mintLocalToken(SECRET, { sub: 'coord-1', roles: ['coordinator'], email: 'coordinator@lindeveen.nl' })}`;
  });
  afterAll(async () => t.close());

  it("publishes an admin's import as a workflow transition with its own event", async () => {
    const res = await t.http.post('/api/import').set('Authorization', admin).send([ID_KAART]);
    expect(res.body.items[0]).toMatchObject({ outcome: 'created', status: 'published', version: 1, actions: ['create', 'publish'] });
    expect(await events(res.body.items[0].articleId)).toEqual([
      { action: 'create', from: null, to: 'draft', version: null, via: 'import' },
      { action: 'publish', from: 'draft', to: 'published', version: 1, via: 'import' },
    ]);
  });

  it("submits a coordinator's items for review instead of publishing them, and says so", async () => {
    const fresh = { ...ID_KAART, externalId: 'lv-coord-new', title: 'Uittreksel BRP' };
    const changedLive = { ...ID_KAART, sections: { inleiding: 'Gewijzigd door de coördinator.' } };
    const incomplete = { ...FAQ, externalId: 'lv-coord-faq', department: 'burgerzaken', status: undefined, answer: undefined };
    const res = await t.http.post('/api/import').set('Authorization', coordinator).send([fresh, changedLive, incomplete]);
    expect(res.status).toBe(200);
    const [created, updated, draft] = res.body.items;
    expect(created).toMatchObject({ outcome: 'created', status: 'in_review', version: null, actions: ['create', 'submit'] });
    expect(created.warnings).toEqual([expect.objectContaining({ field: 'status', code: 'SUBMITTED_FOR_REVIEW' })]);
    // The live version keeps serving until a second person approves the change.
    expect(updated).toMatchObject({ outcome: 'updated', status: 'in_review', version: 1, actions: ['edit', 'submit'] });
    const live = (await t.http.get(`/api/articles/${updated.articleId}`).set('Authorization', admin)).body;
    expect(live).toMatchObject({ status: 'in_review', publishedVersion: 1 });
    expect(draft).toMatchObject({ outcome: 'created', status: 'draft', actions: ['create'] });
    expect(draft.warnings).toEqual([expect.objectContaining({ field: 'status', code: 'CONTENT_INCOMPLETE' })]);
    const [{ versions }] = await t.dataSource.query('SELECT count(*)::int AS versions FROM article_versions WHERE article_id = $1', [
      created.articleId,
    ]);
    expect(versions).toBe(0);
  });

  it('refuses unknown departments to non-admins, and to an API key with the import scope', async () => {
    const before = await t.dataSource.query('SELECT slug FROM departments ORDER BY slug');
    const item = { ...ID_KAART, externalId: 'lv-sport', title: 'Sportpas', department: 'Sport en Recreatie' };
    const res = await t.http.post('/api/import').set('Authorization', coordinator).send([item]);
    expect(res.body.items[0]).toMatchObject({
      outcome: 'failed',
      error: { code: 'VALIDATION_FAILED', errors: [{ field: 'department', code: 'UNKNOWN_DEPARTMENT' }] },
    });

    const key = await t.http
      .post('/api/api-keys')
      .set('Authorization', admin)
      .send({ name: 'Migratie', role: 'coordinator', scopes: ['import'] });
    expect(key.status).toBe(201);
    const viaKey = await t.http
      .post('/api/import')
      .set('X-Api-Key', key.body.secret)
      .send([item, { ...item, externalId: 'lv-key-ok', department: 'burgerzaken' }]);
    expect(viaKey.status).toBe(200);
    expect(viaKey.body.items.map((i: { outcome: string; status?: string }) => [i.outcome, i.status ?? null])).toEqual([
      ['failed', null],
      ['created', 'in_review'],
    ]);
    expect(await t.dataSource.query('SELECT slug FROM departments ORDER BY slug')).toEqual(before);

    // An admin may still create the department.
    const asAdmin = await t.http.post('/api/import').set('Authorization', admin).send([item]);
    expect(asAdmin.body.items[0]).toMatchObject({ outcome: 'created', status: 'published' });
  });

  it('lists products imported without their unknown UPL in the SC report and as the editor task "UPL ontbreekt"', async () => {
    const item = { ...ID_KAART, externalId: 'lv-oude-upl', title: 'Gehandicaptenparkeerkaart', uplName: 'invalidenparkeerkaart (oud)' };
    const res = await t.http.post('/api/import').set('Authorization', admin).send([item]);
    const { articleId } = res.body.items[0];
    expect(res.body.items[0]).toMatchObject({ outcome: 'created', warnings: [{ field: 'uplName', code: 'UNKNOWN_UPL' }] });

    const report = await t.http.get('/api/catalog/samenwerkende-catalogi/report').set('Authorization', admin);
    expect(report.status).toBe(200);
    expect(report.body.uplLeftEmptyByImport).toEqual([
      expect.objectContaining({
        articleId,
        title: 'Gehandicaptenparkeerkaart',
        status: 'published',
        importedUpl: 'invalidenparkeerkaart (oud)',
      }),
    ]);
    expect(report.body.excluded.find((e: { id?: string; articleId?: string }) => (e.articleId ?? e.id) === articleId)).toBeDefined();

    const editor = `Bearer ${await mintLocalToken(SECRET, { sub: 'ed-1', roles: ['editor'], departments: ['burgerzaken'], email: 'redacteur@lindeveen.nl' })}`;
    const tasks = async () =>
      (await t.http.get('/api/stewardship/tasks').set('Authorization', editor)).body.tasks.filter(
        (x: { kind: string }) => x.kind === 'missing_upl',
      );
    expect(await tasks()).toEqual([
      expect.objectContaining({
        kind: 'missing_upl',
        article: expect.objectContaining({ id: articleId }),
        title: expect.stringContaining('UPL ontbreekt'),
      }),
    ]);

    // Once an editor sets a UPL, the task is gone.
    const current = await t.http.get(`/api/articles/${articleId}`).set('Authorization', editor);
    const edit = await t.http
      .patch(`/api/articles/${articleId}`)
      .set('Authorization', editor)
      .set('If-Match', current.body.etag)
      .send({ uplName: 'paspoort' });
    expect(edit.status).toBe(200);
    expect(await tasks()).toEqual([]);
  });
});

describe('content-fixtures', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('load completely, twice without changes, with a realistic spread of review dates', async () => {
    const dir = join(__dirname, '../../content-fixtures');
    const expected = readdirSync(join(dir, 'articles')).reduce(
      (n, f) => n + (JSON.parse(readFileSync(join(dir, 'articles', f), 'utf8')) as unknown[]).length,
      0,
    );
    const loader = t.app.get(FixtureLoader);
    const first = await loader.load(dir);
    expect(first.items.filter((i) => i.outcome === 'failed')).toEqual([]);
    expect(first.created).toBe(expected);
    expect(expected).toBeGreaterThanOrEqual(80);
    const second = await loader.load(dir);
    expect(second.unchanged).toBe(expected);

    const [{ departments }] = await t.dataSource.query('SELECT count(*)::int AS departments FROM departments');
    expect(departments).toBeGreaterThanOrEqual(8);
    const overdue = (await t.http.get('/api/articles?reviewDue=overdue&limit=100')).body.items;
    const soon = (await t.http.get('/api/articles?reviewDue=soon&limit=100')).body.items;
    expect(overdue.length).toBeGreaterThan(5);
    expect(soon.length).toBeGreaterThan(5);
  });
});

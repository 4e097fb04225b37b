import { TestApp, createTestApp } from '../setup/test-app';
import { api } from '../support/builders';

describe('bad input (e2e)', () => {
  let t: TestApp;
  let a: ReturnType<typeof api>;
  let product: { id: string; etag: string; slug: string };

  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT: '20000' });
    a = api(t.http);
    await a.department();
    await a.department('kcc');
    product = await a.product({ externalId: 'lv-paspoort' });
  });
  afterAll(async () => t.close());

  const expectProblem = (
    res: { status: number; body: { code: string; errors?: { field: string; code: string }[]; requestId?: string } },
    status: number,
    code: string,
    field?: string,
    fieldCode?: string,
  ) => {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.body.requestId).toEqual(expect.any(String));
    if (field)
      expect(res.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field, ...(fieldCode ? { code: fieldCode } : {}) })]),
      );
  };

  describe('400 with the field at fault', () => {
    it.each([
      ['an unknown field', { colour: 'red' }, 'colour', 'UNKNOWN_FIELD'],
      ['a missing kind', { kind: undefined }, 'kind', 'IS_IN'],
      ['an unknown kind', { kind: 'recipe' }, 'kind', 'IS_IN'],
      ['a title of the wrong type', { title: 42 }, 'title', 'IS_STRING'],
      ['an empty title', { title: '' }, 'title', 'MIN_LENGTH'],
      ['an unknown section', { sections: { recepten: 'x' } }, 'sections.recepten', 'UNKNOWN_FIELD'],
      ['a section of the wrong type', { sections: { kosten: ['x'] } }, 'sections.kosten', 'IS_STRING'],
      ['sections as a string', { sections: 'tekst' }, 'sections', 'IS_OBJECT'],
      ['an unknown target group', { targetGroups: ['toerist'] }, 'targetGroups', 'IS_IN'],
      ['a bad slug', { slug: 'Mijn Slug!' }, 'slug', 'MATCHES'],
      ['a bad owner e-mail', { owner: 'niet-een-mail' }, 'owner', 'IS_EMAIL'],
      ['a non-uuid related id', { relatedIds: ['abc'] }, 'relatedIds', 'IS_UUID'],
      ['an unknown related article', { relatedIds: ['6f1c2a4e-1111-4222-8333-944455556666'] }, 'relatedIds', 'UNKNOWN_ARTICLE'],
      ['an unknown department', { department: 'sport' }, 'department', 'UNKNOWN_DEPARTMENT'],
      ['a question on a product', { question: 'Waarom?' }, 'question', 'NOT_ALLOWED_FOR_KIND'],
      ['an unknown UPL name', { uplName: 'fietsvergunning voor katten' }, 'uplName', 'UNKNOWN_UPL'],
      ['an unknown UPL URI', { uplUri: 'http://example.org/upl/x' }, 'uplUri', 'UNKNOWN_UPL'],
      [
        'a UPL URI of another name',
        { uplName: 'paspoort', uplUri: 'http://standaarden.overheid.nl/owms/terms/identiteitskaart' },
        'uplUri',
        'UNKNOWN_UPL',
      ],
      ['a review interval of zero', { reviewIntervalDays: 0 }, 'reviewIntervalDays', 'MIN'],
      ['a huge title', { title: 'x'.repeat(301) }, 'title', 'MAX_LENGTH'],
    ])('POST /api/articles with %s', async (_label, patch, field, fieldCode) => {
      const body = { kind: 'product', title: 'Test', department: 'burgerzaken', ...patch };
      const res = await t.http.post('/api/articles').send(body);
      expectProblem(
        res,
        400,
        res.body.code === 'ARTICLE_CONTENT_INVALID' ? 'ARTICLE_CONTENT_INVALID' : 'VALIDATION_FAILED',
        field,
        fieldCode,
      );
    });

    it('rejects a public werkinstructie', async () => {
      const res = await t.http
        .post('/api/articles')
        .send({ kind: 'instruction', title: 'Script', department: 'kcc', audience: 'public', body: 'Stap 1' });
      expectProblem(res, 400, 'ARTICLE_CONTENT_INVALID', 'audience', 'INSTRUCTION_IS_INTERNAL');
    });

    it('fills in the UPL URI from the name', async () => {
      const res = await t.http
        .post('/api/articles')
        .send({ kind: 'product', title: 'Reisdocument', department: 'burgerzaken', uplName: 'Paspoort' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ uplName: 'paspoort', uplUri: 'http://standaarden.overheid.nl/owms/terms/paspoort' });
    });

    it.each([
      ['status', 'status=live', 'status'],
      ['reviewDue', 'reviewDue=tomorrow', 'reviewDue'],
      ['limit', 'limit=1000', 'limit'],
      ['limit type', 'limit=ten', 'limit'],
      ['cursor', 'cursor=bm90LWEtY3Vyc29y', 'cursor'],
      ['unknown parameter', 'sort=title', 'sort'],
      ['owner', 'owner=x', 'owner'],
    ])('GET /api/articles with a bad %s', async (_label, query, field) => {
      expectProblem(await t.http.get(`/api/articles?${query}`), 400, 'VALIDATION_FAILED', field);
    });

    it('PATCH with a bad review date', async () => {
      expectProblem(await a.patch(product.id, product.etag, { reviewDueAt: '31-12-2026' }), 400, 'VALIDATION_FAILED', 'reviewDueAt');
    });

    it('malformed JSON', async () => {
      const res = await t.http.post('/api/articles').set('Content-Type', 'application/json').send('{"kind": "product",');
      expectProblem(res, 400, 'MALFORMED_JSON');
    });

    it('a bad actor header', async () => {
      expectProblem(
        await t.http.get('/api/articles').set('X-Kennisbank-User', 'not an email'),
        400,
        'VALIDATION_FAILED',
        'header:x-kennisbank-user',
      );
    });
  });

  describe('404', () => {
    it.each([
      ['/api/articles/6f1c2a4e-1111-4222-8333-944455556666'],
      ['/api/articles/no-such-slug'],
      ['/api/articles/6f1c2a4e-1111-4222-8333-944455556666/versions'],
      ['/api/departments/sport'],
      ['/api/nothing-here'],
    ])('GET %s', async (path) => {
      const res = await t.http.get(path);
      expect(res.status).toBe(404);
      expect(res.body.code).toMatch(/NOT_FOUND$/);
    });

    it('workflow action on an unknown article', async () => {
      expectProblem(await t.http.post('/api/articles/6f1c2a4e-1111-4222-8333-944455556666/submit'), 404, 'ARTICLE_NOT_FOUND');
    });
  });

  describe('409', () => {
    it('duplicate slug', async () => {
      expectProblem(
        await t.http.post('/api/articles').send({ kind: 'product', title: 'X', department: 'burgerzaken', slug: product.slug }),
        409,
        'ARTICLE_SLUG_TAKEN',
        'slug',
      );
    });

    it('duplicate externalId', async () => {
      expectProblem(
        await t.http.post('/api/articles').send({ kind: 'product', title: 'X', department: 'burgerzaken', externalId: 'lv-paspoort' }),
        409,
        'ARTICLE_EXTERNAL_ID_TAKEN',
        'externalId',
      );
    });

    it('duplicate department slug', async () => {
      expectProblem(
        await t.http.post('/api/departments').send({ slug: 'burgerzaken', name: 'Nog een' }),
        409,
        'DEPARTMENT_SLUG_TAKEN',
        'slug',
      );
    });

    it('renaming to a slug another article used before', async () => {
      const other = await a.product({ title: 'Rijbewijs' });
      const renamed = await a.patch(other.id, other.etag, { slug: 'rijbewijs-aanvragen' });
      expect(renamed.status).toBe(200);
      const third = await a.product({ title: 'Derde' });
      expectProblem(await a.patch(third.id, third.etag, { slug: 'rijbewijs' }), 409, 'ARTICLE_SLUG_TAKEN', 'slug');
      // The old slug still finds the renamed article.
      expect((await t.http.get('/api/articles/rijbewijs')).body.id).toBe(other.id);
      expect((await t.http.get(`/api/articles/${other.id}`)).body.oldSlugs).toEqual(['rijbewijs']);
    });
  });

  describe('413 and 415', () => {
    it('a body over the limit', async () => {
      const res = await t.http
        .post('/api/articles')
        .send({ kind: 'product', title: 'Groot', department: 'burgerzaken', summary: 'x'.repeat(30_000) });
      expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
    });

    it.each([['text/plain'], ['application/x-www-form-urlencoded'], ['multipart/form-data; boundary=x']])(
      'Content-Type %s',
      async (type) => {
        const res = await t.http.post('/api/articles').set('Content-Type', type).send('kind=product');
        expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
      },
    );
  });

  it('never leaks a stack trace', async () => {
    const res = await t.http.post('/api/articles').set('Content-Type', 'application/json').send('{"title": "\\u0000"');
    expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
  });
});

describe('lists (e2e)', () => {
  let t: TestApp;
  let a: ReturnType<typeof api>;

  beforeAll(async () => {
    t = await createTestApp();
    a = api(t.http);
    await a.department();
    await a.department('belastingen');
    for (let i = 1; i <= 7; i++) await a.product({ title: `Product ${i}`, owner: i % 2 ? 'anna@lindeveen.nl' : 'bram@lindeveen.nl' });
    await a.product({ title: 'WOZ-waarde', department: 'belastingen', summary: 'Bezwaar tegen de WOZ-beschikking' });
  });
  afterAll(async () => t.close());

  it('pages with a cursor, newest change first, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { title: string }[]; nextCursor: string | null } } = await t.http.get(
        `/api/articles?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.body.items.map((i) => i.title));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
    expect(seen[0]).toBe('WOZ-waarde');
  });

  it('filters by department, owner, kind, status and text', async () => {
    const titles = async (q: string) => (await t.http.get(`/api/articles?${q}`)).body.items.map((i: { title: string }) => i.title);
    expect(await titles('department=belastingen')).toEqual(['WOZ-waarde']);
    expect((await titles('owner=anna@lindeveen.nl')).sort()).toEqual(['Product 1', 'Product 3', 'Product 5', 'Product 7']);
    expect(await titles('kind=faq')).toEqual([]);
    expect((await titles('status=draft')).length).toBe(8);
    expect(await titles('q=woz-besch')).toEqual(['WOZ-waarde']);
    expect(await titles('q=100%25')).toEqual([]);
    expect(await titles('department=unknown')).toEqual([]);
  });

  it('filters by review due', async () => {
    const list = (await t.http.get('/api/articles?limit=1')).body.items;
    const published = await a.publish(list[0].id);
    await a.patch(published.id, published.etag, { reviewDueAt: '2026-11-20T00:00:00.000Z' });
    expect((await t.http.get('/api/articles?reviewDue=overdue')).body.items.map((i: { id: string }) => i.id)).toEqual([published.id]);
    expect((await t.http.get('/api/articles?reviewDue=soon')).body.items).toEqual([]);
  });
});

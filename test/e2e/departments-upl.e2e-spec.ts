import { TestApp, createTestApp } from '../setup/test-app';

describe('departments (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('creates, reads by slug or id, lists and updates', async () => {
    const created = await t.http.post('/api/departments').send({
      slug: 'wmo-zorg',
      name: 'Wmo en zorg',
      contactEmail: 'WMO@lindeveen.nl',
      coordinators: ['Kees@lindeveen.nl'],
      reviewIntervalDays: 90,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      slug: 'wmo-zorg',
      contactEmail: 'wmo@lindeveen.nl',
      coordinators: ['kees@lindeveen.nl'],
      allowSelfApproval: false,
    });
    expect((await t.http.get('/api/departments/wmo-zorg')).body.id).toBe(created.body.id);
    expect((await t.http.get(`/api/departments/${created.body.id}`)).body.slug).toBe('wmo-zorg');

    const updated = await t.http.patch('/api/departments/wmo-zorg').send({ reviewIntervalDays: null, allowSelfApproval: true });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ reviewIntervalDays: null, allowSelfApproval: true, name: 'Wmo en zorg' });
    expect((await t.http.get('/api/departments')).body).toHaveLength(1);
  });

  it.each([
    [{ slug: 'Bad Slug', name: 'x' }, 'slug'],
    [{ slug: 'ok', name: '' }, 'name'],
    [{ slug: 'ok', name: 'x', coordinators: ['nope'] }, 'coordinators'],
    [{ slug: 'ok', name: 'x', reviewIntervalDays: 5000 }, 'reviewIntervalDays'],
    [{ slug: 'ok', name: 'x', extra: 1 }, 'extra'],
  ])('rejects %j', async (body, field) => {
    const res = await t.http.post('/api/departments').send(body);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe(field);
  });

  it('keeps the review terms of the DVO, defaults where none are set, and checks they fit together', async () => {
    await t.http.post('/api/departments').send({ slug: 'afval', name: 'Afval' }).expect(201);
    const set = await t.http
      .patch('/api/departments/afval')
      .send({ reviewUpcomingDays: 30, reviewOverdueDays: 3, reviewEscalationDays: 10 });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ reviewUpcomingDays: 30, reviewOverdueDays: 3, reviewEscalationDays: 10 });

    // escalation must come after overdue, also when one of them is the default (7)
    const clash = await t.http.patch('/api/departments/afval').send({ reviewOverdueDays: 10 });
    expect(clash.status).toBe(400);
    expect(clash.body.errors[0]).toMatchObject({ field: 'reviewEscalationDays', code: 'ESCALATION_NOT_AFTER_OVERDUE' });
    const againstDefault = await t.http.post('/api/departments').send({ slug: 'sport', name: 'Sport', reviewEscalationDays: 5 });
    expect(againstDefault.status).toBe(400);
    expect(againstDefault.body.errors[0].field).toBe('reviewEscalationDays');
    expect((await t.http.patch('/api/departments/afval').send({ reviewEscalationDays: 1 })).body.errors[0].field).toBe(
      'reviewEscalationDays',
    );

    const reset = await t.http
      .patch('/api/departments/afval')
      .send({ reviewUpcomingDays: null, reviewOverdueDays: null, reviewEscalationDays: null });
    expect(reset.body).toMatchObject({ reviewUpcomingDays: null, reviewOverdueDays: null, reviewEscalationDays: null });
  });

  it('404s on PATCH of an unknown department', async () => {
    expect((await t.http.patch('/api/departments/nope').send({ name: 'x' })).status).toBe(404);
  });
});

describe('UPL (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('finds official product names, prefix matches first', async () => {
    const res = await t.http.get('/api/upl?q=paspo');
    expect(res.status).toBe(200);
    expect(res.body.results[0]).toEqual({
      name: 'paspoort',
      uri: 'http://standaarden.overheid.nl/owms/terms/paspoort',
      municipal: true,
      burger: true,
      bedrijf: true,
    });
    expect(res.body.results.every((r: { municipal: boolean }) => r.municipal)).toBe(true);
  });

  it('folds accents and case, limits, and can include non-municipal names', async () => {
    expect((await t.http.get('/api/upl?q=PASPOORT&limit=1')).body.results).toHaveLength(1);
    const all = (await t.http.get('/api/upl?q=kinderbijslag&all=true')).body.results;
    expect(all.some((r: { municipal: boolean }) => !r.municipal)).toBe(true);
    expect((await t.http.get('/api/upl?q=kinderbijslag')).body.results.every((r: { municipal: boolean }) => r.municipal)).toBe(true);
  });

  it.each(['limit=0', 'limit=500', 'all=maybe', 'q=' + 'x'.repeat(201), 'foo=bar'])('rejects %s', async (query) => {
    expect((await t.http.get(`/api/upl?${query}`)).status).toBe(400);
  });
});

describe('health and API docs (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('serves the OpenAPI spec and Swagger UI', async () => {
    const spec = await t.http.get('/api/openapi.json');
    expect(spec.status).toBe(200);
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining(['/api/articles', '/api/articles/{id}/versions/{n}/restore', '/api/import', '/api/upl']),
    );
    expect((await t.http.get('/docs')).status).toBe(200);
  });

  it('reports the database', async () => {
    const res = await t.http.get('/health');
    expect(res.body).toMatchObject({ status: 'ok', checks: { database: { status: 'up' } } });
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
  });
});

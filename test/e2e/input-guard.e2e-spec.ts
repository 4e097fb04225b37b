import { TestApp, createTestApp } from '../setup/test-app';
import { api } from '../support/builders';

/** What the fuzz test found, pinned down: each answered 500 before. */
describe('input the API refuses before it reaches PostgreSQL or the validators (e2e)', () => {
  let t: TestApp;
  let article: { id: string; etag: string };

  beforeAll(async () => {
    t = await createTestApp();
    const a = api(t.http);
    await a.department();
    article = await a.product();
  });
  afterAll(async () => t.close());

  const problem = (res: { status: number; body: { code: string; errors?: { field: string; code: string }[] } }) => ({
    status: res.status,
    code: res.body.code,
    error: res.body.errors?.[0] ? { field: res.body.errors[0].field, code: res.body.errors[0].code } : undefined,
  });

  it.each([
    ['a NUL in a path id', '/api/articles/%00', 'path.3', 'NUL_CHARACTER'],
    ['a NUL in a query value', '/api/articles?q=a%00b', 'query.q', 'NUL_CHARACTER'],
  ])('%s', async (_label, url, field, code) => {
    expect(problem(await t.http.get(url))).toEqual({ status: 400, code: 'VALIDATION_FAILED', error: { field, code } });
  });

  it('a path that is not valid percent-encoded UTF-8', async () => {
    for (const url of ['/api/articles/%E0%A4%A', '/api/articles/%ED%A0%80', '/api/departments/%FF']) {
      expect(problem(await t.http.get(url))).toEqual({ status: 400, code: 'MALFORMED_URL', error: undefined });
    }
  });

  it.each([
    ['a NUL in a text', '{"title":"a\\u0000b"}', 'title', 'NUL_CHARACTER'],
    ['a lone surrogate', '{"summary":"x\\ud800y"}', 'summary', 'INVALID_UNICODE'],
    ['JSON nested 5,000 deep', `{"themes":${'['.repeat(5000)}${']'.repeat(5000)}}`, 'themes', 'TOO_DEEP'],
    ['a __proto__ key', '{"__proto__":{"isAdmin":true}}', '__proto__', 'FORBIDDEN_KEY'],
    ['a constructor key deep down', '{"sections":{"constructor":{"prototype":{}}}}', 'sections.constructor', 'FORBIDDEN_KEY'],
  ])('PATCH with %s', async (_label, body, field, code) => {
    const res = await t.http
      .patch(`/api/articles/${article.id}`)
      .set('If-Match', article.etag)
      .set('Content-Type', 'application/json')
      .send(body);
    expect(problem(res).error).toEqual({ field: expect.stringContaining(field), code });
    expect(res.status).toBe(400);
  });

  it.each([
    ['sections', 'IS_OBJECT'],
    ['title', 'IS_STRING'],
    ['themes', 'IS_ARRAY'],
    ['summary', 'IS_STRING'],
  ])('PATCH with %s: null (a field that cannot be cleared)', async (field, code) => {
    const res = await t.http
      .patch(`/api/articles/${article.id}`)
      .set('If-Match', article.etag)
      .send({ [field]: null });
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(res.body.errors).toContainEqual(expect.objectContaining({ field, code }));
  });

  it('still lets null clear what can be cleared', async () => {
    const res = await t.http.patch(`/api/articles/${article.id}`).set('If-Match', article.etag).send({ kccNotes: null, owner: null });
    expect(res.status).toBe(200);
    const department = await t.http.patch('/api/departments/burgerzaken').send({ reviewIntervalDays: null });
    expect(department.status).toBe(200);
    const email = await t.http.patch('/api/departments/burgerzaken').send({ contactEmail: null });
    expect(email.status).toBe(400);
    expect(email.body.errors).toContainEqual(expect.objectContaining({ field: 'contactEmail', code: 'IS_EMAIL' }));
  });

  it('refuses a list cursor with an impossible or out-of-range time', async () => {
    const cursor = (time: string) => Buffer.from(JSON.stringify([time, '6f1c2a4e-1111-4222-8333-944455556666'])).toString('base64url');
    for (const time of ['2026-02-30T00:00:00.000Z', '0000-01-01T00:00:00.000Z', '+275760-09-13T00:00:00.000Z']) {
      expect(problem(await t.http.get(`/api/articles?cursor=${cursor(time)}`))).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
        error: { field: 'cursor', code: 'INVALID_CURSOR' },
      });
    }
    expect((await t.http.get(`/api/articles?cursor=${cursor('2026-11-01T00:00:00.000Z')}`)).status).toBe(200);
  });

  it('refuses an import item with a constructor key instead of crashing on it', async () => {
    const res = await t.http
      .post('/api/import')
      .set('Content-Type', 'application/json')
      .send('[{"externalId":{"constructor":{"kind":[{}]}}}]');
    expect(problem(res)).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      error: { field: '0.externalId.constructor', code: 'FORBIDDEN_KEY' },
    });
  });
});

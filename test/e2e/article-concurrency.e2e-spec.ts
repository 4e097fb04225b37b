import { TestApp, createTestApp } from '../setup/test-app';
import { api } from '../support/builders';

describe('concurrent edits (e2e)', () => {
  let t: TestApp;
  let a: ReturnType<typeof api>;

  beforeAll(async () => {
    t = await createTestApp();
    a = api(t.http);
    await a.department();
  });
  afterAll(async () => t.close());

  it('sends the ETag as a header and in the body', async () => {
    const created = await a.product();
    const res = await t.http.get(`/api/articles/${created.id}`);
    expect(res.headers.etag).toBe(res.body.etag);
    expect(res.body.etag).toMatch(/^"v\d+"$/);
  });

  it('requires If-Match (428) and refuses a stale one (412) without changing anything', async () => {
    const created = await a.product({ title: 'Verhuizing doorgeven' });
    const missing = await t.http.patch(`/api/articles/${created.id}`).send({ summary: 'Nieuw' });
    expect(missing.status).toBe(428);
    expect(missing.body.code).toBe('IF_MATCH_REQUIRED');

    const first = await a.patch(created.id, created.etag, { summary: 'Versie van Anna' });
    expect(first.status).toBe(200);
    expect(first.headers.etag).not.toBe(created.etag);

    const stale = await a.patch(created.id, created.etag, { summary: 'Versie van Bram' });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'ARTICLE_MODIFIED', currentEtag: first.body.etag });
    expect((await t.http.get(`/api/articles/${created.id}`)).body.summary).toBe('Versie van Anna');

    const weak = await a.patch(created.id, `W/${first.body.etag}`, { summary: 'Zwak' });
    expect(weak.status).toBe(412);
    const star = await a.patch(created.id, '*', { summary: 'Met ster' });
    expect(star.status).toBe(200);
  });

  it('lets exactly one of two simultaneous edits with the same ETag win', async () => {
    const created = await a.product({ title: 'Geboorteaangifte' });
    const results = await Promise.all(
      ['Anna', 'Bram', 'Chris', 'Dirk'].map((name) => a.patch(created.id, created.etag, { summary: `Versie van ${name}` })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 412, 412, 412]);
    const winner = results.find((r) => r.status === 200)!;
    expect((await t.http.get(`/api/articles/${created.id}`)).body.summary).toBe(winner.body.summary);
  });

  it('checks If-Match on workflow actions when it is sent', async () => {
    const created = await a.product({ title: 'Huwelijk' });
    const stale = await t.http.post(`/api/articles/${created.id}/submit`).set('If-Match', '"v999"');
    expect(stale.status).toBe(412);
    const ok = await t.http.post(`/api/articles/${created.id}/submit`).set('If-Match', created.etag);
    expect(ok.status).toBe(200);
  });
});

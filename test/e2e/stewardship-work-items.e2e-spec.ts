import { TestApp, createTestApp } from '../setup/test-app';
import { api } from '../support/builders';

// The regie dashboard and "mijn taken" carry the work other modules track: open feedback, national
// source changes, content gaps assigned to a department. Figures checked against what was created.

describe('regie dashboard: feedback, source changes and content gaps (e2e)', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const as = (email: string) => ({
    get: (path: string) => t.http.get(path).set('X-Kennisbank-User', email),
    post: (path: string, body: object = {}) => t.http.post(path).set('X-Kennisbank-User', email).send(body),
    put: (path: string, body: object) => t.http.put(path).set('X-Kennisbank-User', email).send(body),
  });

  beforeAll(async () => {
    t = await createTestApp();
    const a = api(t.http);
    await a.department('burgerzaken');
    await a.department('belastingen');
    ids.paspoort = (await a.publishedProduct({ title: 'Paspoort', owner: 'eva@lindeveen.nl' })).id;
    ids.idkaart = (await a.publishedProduct({ title: 'Identiteitskaart', owner: 'eva@lindeveen.nl' })).id;
    ids.hond = (await a.publishedProduct({ title: 'Hondenbelasting', department: 'belastingen', owner: 'bo@lindeveen.nl' })).id;

    // Feedback: two on burgerzaken (one taken up), one on belastingen that is resolved.
    const fb = async (articleId: string) =>
      (await as('agent@lindeveen.nl').post(`/api/articles/${articleId}/feedback`, { kind: 'incorrect', comment: 'Klopt niet meer.' })).body
        .id as string;
    await fb(ids.paspoort);
    const started = await fb(ids.idkaart);
    expect((await as('eva@lindeveen.nl').post(`/api/feedback/${started}/start`)).status).toBe(200);
    const resolved = await fb(ids.hond);
    expect((await as('regie@lindeveen.nl').post(`/api/feedback/${resolved}/resolve`, { reply: 'Aangepast.' })).status).toBe(200);

    // A national text the paspoort article builds on changes.
    const uri = 'https://content.example.nl/paspoort';
    const feed = (version: string) =>
      as('regie@lindeveen.nl').post('/api/national-content', [
        { uri, title: 'Paspoort', body: `Tekst ${version}.`, version, changedAt: `2026-0${version}-01T00:00:00Z` },
      ]);
    expect((await feed('1')).status).toBe(200);
    expect(
      (await as('eva@lindeveen.nl').put(`/api/articles/${ids.paspoort}/national-source`, { sourceUri: uri, sourceVersion: '1' })).status,
    ).toBe(200);
    expect((await feed('2')).status).toBe(200);
  });
  afterAll(async () => t.close());

  it('counts them per department in the overview', async () => {
    const res = await as('regie@lindeveen.nl').get('/api/stewardship/overview');
    expect(res.status).toBe(200);
    const by = Object.fromEntries(res.body.departments.map((d: { department: { slug: string } }) => [d.department.slug, d]));
    expect(by.burgerzaken).toMatchObject({ openFeedback: 2, openSourceChanges: 1 });
    expect(by.belastingen.openFeedback ?? 0).toBe(0);
    expect(res.body.total).toMatchObject({ openFeedback: 2, openSourceChanges: 1 });
  });

  it("lists them in the editor's tasks, with links to act on", async () => {
    const res = await as('eva@lindeveen.nl').get('/api/stewardship/tasks');
    expect(res.status).toBe(200);
    const kinds = res.body.tasks.map((task: { kind: string; article: { id: string } | null }) => `${task.kind}:${task.article?.id}`).sort();
    expect(kinds).toEqual([`feedback:${ids.idkaart}`, `feedback:${ids.paspoort}`, `source_change:${ids.paspoort}`].sort());
    for (const task of res.body.tasks) {
      expect(task.article.department).toEqual({ slug: 'burgerzaken', name: 'Burgerzaken' });
      expect(task.links.self).toMatch(/^\/api\//);
    }
    // Done is gone: confirming the source change removes that task.
    expect((await as('eva@lindeveen.nl').post(`/api/articles/${ids.paspoort}/national-source/confirm`)).status).toBe(200);
    const after = (await as('eva@lindeveen.nl').get('/api/stewardship/tasks')).body.tasks.map((task: { kind: string }) => task.kind);
    expect(after).not.toContain('source_change');
  });
});

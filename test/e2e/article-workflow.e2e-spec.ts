import { TestApp, createTestApp } from '../setup/test-app';
import { api } from '../support/builders';

describe('article workflow (e2e)', () => {
  let t: TestApp;
  let a: ReturnType<typeof api>;

  beforeAll(async () => {
    t = await createTestApp();
    a = api(t.http);
    await a.department('burgerzaken', { reviewIntervalDays: 120 });
  });
  afterAll(async () => t.close());

  it('runs draft → in_review → published, then a revision alongside the live version', async () => {
    const created = await a.product();
    expect(created).toMatchObject({ status: 'draft', live: false, publishedVersion: null, slug: 'paspoort-aanvragen' });
    expect(created.allowedActions).toEqual(['edit', 'submit', 'archive', 'restore']);

    const submitted = await t.http.post(`/api/articles/${created.id}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'in_review' });
    expect(submitted.body.revision.submittedAt).toBe('2026-11-23T09:00:00.000Z');

    const approved = await t.http.post(`/api/articles/${created.id}/approve`);
    expect(approved.body).toMatchObject({ status: 'published', live: true, publishedVersion: 1, latestVersion: 1 });
    // Department DVO: 120 days.
    expect(approved.body.review).toMatchObject({
      intervalDays: 120,
      dueAt: '2027-03-23T09:00:00.000Z',
      lastReviewedAt: '2026-11-23T09:00:00.000Z',
    });
    expect(approved.body.review.lastReviewedBy.email).toBe('redactie@kennisbank.local');

    // Editing a published article opens a draft revision; the live version keeps serving.
    const edited = await a.patch(created.id, approved.body.etag, {
      sections: { kosten: 'Het paspoort kost € 87,50.' },
      changeNote: 'Tarief 2027',
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: 'draft', live: true, publishedVersion: 1 });
    expect(edited.body.sections.kosten).toBe('Het paspoort kost € 87,50.');
    expect(edited.body.sections.inleiding).toBe('Een paspoort is een reisdocument.');
    const live = await t.http.get(`/api/articles/${created.id}/published`);
    expect(live.status).toBe(200);
    expect(live.body.number).toBe(1);
    expect(live.body.content.sections.kosten).toBe('Het paspoort kost € 84,85.');

    // Rejection needs a reason, and sends the revision back to draft.
    await t.http.post(`/api/articles/${created.id}/submit`).expect(200);
    const noReason = await t.http.post(`/api/articles/${created.id}/reject`).send({});
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0]).toMatchObject({ field: 'reason' });
    const blank = await t.http.post(`/api/articles/${created.id}/reject`).send({ reason: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.code).toBe('REASON_REQUIRED');
    const rejected = await t.http.post(`/api/articles/${created.id}/reject`).send({ reason: 'Tarief nog niet vastgesteld' });
    expect(rejected.body).toMatchObject({ status: 'draft', live: true, revision: { rejectionReason: 'Tarief nog niet vastgesteld' } });

    await t.http.post(`/api/articles/${created.id}/submit`).expect(200);
    t.clock.advanceDays(10);
    const second = await t.http.post(`/api/articles/${created.id}/approve`);
    expect(second.body).toMatchObject({ status: 'published', publishedVersion: 2, latestVersion: 2 });
    expect(second.body.review.dueAt).toBe('2027-04-02T09:00:00.000Z');

    const versions = await t.http.get(`/api/articles/${created.id}/versions`);
    expect(versions.body.map((v: { number: number; live: boolean }) => [v.number, v.live])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(versions.body[0].reason).toBe('Tarief 2027');

    const history = await t.http.get(`/api/articles/${created.id}/history`);
    expect(history.body.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'submit',
      'approve',
      'edit',
      'submit',
      'reject',
      'submit',
      'approve',
    ]);
    expect(history.body[5]).toMatchObject({ fromStatus: 'in_review', toStatus: 'draft', actor: { email: 'redactie@kennisbank.local' } });
  });

  it('refuses illegal transitions with 409 and lists what is allowed', async () => {
    const created = await a.product({ title: 'Identiteitskaart' });
    const res = await t.http.post(`/api/articles/${created.id}/approve`);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      status: 'draft',
      allowedActions: ['edit', 'submit', 'archive', 'restore'],
    });

    const notLive = await t.http.post(`/api/articles/${created.id}/confirm-review`);
    expect(notLive.status).toBe(409);
    expect(notLive.body.code).toBe('NOT_PUBLISHED');
  });

  it('refuses to submit an incomplete article and names what is missing', async () => {
    const created = await a.product({ title: 'Leeg product', summary: '', sections: {} });
    const res = await t.http.post(`/api/articles/${created.id}/submit`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CONTENT_INCOMPLETE');
    expect(res.body.message).toMatch(/summary, sections/);
  });

  it('confirms a review without a new version ("inhoud gecontroleerd")', async () => {
    const created = await a.product({ title: 'Rijbewijs' });
    const published = await a.publish(created.id);
    t.clock.advanceDays(100);
    const before = await t.http.get(`/api/articles/${created.id}`);
    expect(before.body.review.state).toBe('ok');
    t.clock.advanceDays(15);
    expect((await t.http.get(`/api/articles/${created.id}`)).body.review.state).toBe('soon');

    const confirmed = await t.http
      .post(`/api/articles/${created.id}/confirm-review`)
      .set('X-Kennisbank-User', 'j.dekker@lindeveen.nl')
      .send({ note: 'Klopt nog' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({
      publishedVersion: published.publishedVersion,
      latestVersion: published.latestVersion,
      status: 'published',
    });
    expect(confirmed.body.review.lastReviewedBy.email).toBe('j.dekker@lindeveen.nl');
    expect(new Date(confirmed.body.review.dueAt).getTime()).toBe(t.clock.now().getTime() + 120 * 86_400_000);
    expect((await t.http.get(`/api/articles/${created.id}/versions`)).body).toHaveLength(1);
    const history = await t.http.get(`/api/articles/${created.id}/history`);
    expect(history.body.at(-1)).toMatchObject({ action: 'confirm_review', details: { note: 'Klopt nog' } });
  });

  it('archives and then refuses edits', async () => {
    const created = await a.product({ title: 'Uittreksel BRP' });
    await a.publish(created.id);
    const archived = await t.http.post(`/api/articles/${created.id}/archive`);
    expect(archived.body).toMatchObject({ status: 'archived', live: false, allowedActions: [] });
    expect((await t.http.get(`/api/articles/${created.id}/published`)).status).toBe(404);
    const edit = await a.patch(created.id, archived.body.etag, { title: 'Nieuw' });
    expect(edit.status).toBe(409);
    expect(edit.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', allowedActions: [] });
  });
});

describe('versions, diff and restore (e2e)', () => {
  let t: TestApp;
  let a: ReturnType<typeof api>;
  let id: string;

  beforeAll(async () => {
    t = await createTestApp();
    a = api(t.http);
    await a.department();
    const created = await a.product({ themes: ['Reizen'] });
    id = created.id;
    const v1 = await a.publish(id);
    await a.patch(id, v1.etag, {
      sections: { kosten: 'Het paspoort kost € 87,50.', termijn: 'Binnen 5 werkdagen.' },
      themes: ['Reizen', 'Burgerzaken'],
      changeNote: 'Nieuwe tarieven',
    });
    await a.publish(id);
  });
  afterAll(async () => t.close());

  it('shows one immutable version with its rendered content', async () => {
    const v1 = await t.http.get(`/api/articles/${id}/versions/1`);
    expect(v1.status).toBe(200);
    expect(v1.body.content.sections.kosten).toBe('Het paspoort kost € 84,85.');
    expect(v1.body.rendered.parts.map((p: { key: string }) => p.key)).toEqual(['sections.inleiding', 'sections.kosten']);
    expect(v1.body.plainText).toContain('U vraagt een paspoort aan');
    expect((await t.http.get(`/api/articles/${id}/versions/9`)).status).toBe(404);
    expect((await t.http.get(`/api/articles/${id}/versions/abc`)).status).toBe(400);
  });

  it('diffs section by section', async () => {
    const diff = await t.http.get(`/api/articles/${id}/diff?from=1&to=2`);
    expect(diff.status).toBe(200);
    const fields = diff.body.changes.map((c: { field: string }) => c.field);
    expect(fields).toEqual(['sections.kosten', 'sections.termijn', 'themes']);
    const kosten = diff.body.changes[0];
    expect(kosten.label).toBe('Wat kost het?');
    expect(kosten.changes).toEqual([
      { op: 'equal', text: 'Het paspoort kost € ' },
      { op: 'delete', text: '84,85.' },
      { op: 'insert', text: '87,50.' },
    ]);
    expect(diff.body.changes[2].changes).toEqual([
      { op: 'insert', text: 'Burgerzaken' },
      { op: 'equal', text: 'Reizen' },
    ]);
    expect((await t.http.get(`/api/articles/${id}/diff?from=2&to=draft`)).body.changes).toEqual([]);
    expect((await t.http.get(`/api/articles/${id}/diff?from=1&to=x`)).status).toBe(400);
    expect((await t.http.get(`/api/articles/${id}/diff?from=1&to=7`)).status).toBe(404);
    expect((await t.http.get(`/api/articles/${id}/diff?to=2`)).status).toBe(400);
  });

  it('restores an old version as a new draft, needing If-Match', async () => {
    const current = await t.http.get(`/api/articles/${id}`);
    expect((await t.http.post(`/api/articles/${id}/versions/1/restore`)).status).toBe(428);
    expect((await t.http.post(`/api/articles/${id}/versions/1/restore`).set('If-Match', '"v1"')).status).toBe(412);
    const restored = await t.http.post(`/api/articles/${id}/versions/1/restore`).set('If-Match', current.body.etag);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ status: 'draft', live: true, publishedVersion: 2, revision: { note: 'Hersteld van versie 1' } });
    expect(restored.body.sections).toEqual({ inleiding: 'Een paspoort is een reisdocument.', kosten: 'Het paspoort kost € 84,85.' });
    // History is untouched until the restored draft is approved as version 3.
    expect((await t.http.get(`/api/articles/${id}/versions`)).body).toHaveLength(2);
    const v3 = await a.publish(id);
    expect(v3.publishedVersion).toBe(3);
    expect((await t.http.get(`/api/articles/${id}/diff?from=1&to=3`)).body.changes).toEqual([]);
  });
});

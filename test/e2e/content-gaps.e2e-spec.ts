import type { Job } from 'bullmq';
import { ContentGapAggregator } from '../../src/content-gaps/content-gap-aggregator.service';
import { ContentGapsService } from '../../src/content-gaps/content-gaps.service';
import { ContentGapsJob } from '../../src/content-gaps/jobs/content-gaps-jobs';
import { ContentGapsProcessor } from '../../src/content-gaps/jobs/content-gaps.processor';
import { SearchIndexingTrigger } from '../../src/search/jobs/search-indexing.trigger';
import { TestApp, createTestApp } from '../setup/test-app';
import { SignedIn, TEST_JWT_SECRET, expectStatus, publishArticle, signIn } from '../support/actors';

describe('content gaps (e2e)', () => {
  let t: TestApp;
  let coordinator: SignedIn, carla: SignedIn, anna: SignedIn;
  let paspoort: { id: string }, afvalpas: { id: string }, draft: { id: string };
  const agents: Record<string, SignedIn> = {};

  const publish = (author: SignedIn, body: Record<string, unknown>) => publishArticle(author, coordinator, { kind: 'product', ...body });
  const agent = async (name: string) => (agents[name] ??= await signIn(t.http, name, ['agent']));
  /** One search by one agent, a minute after the last (so every search is its own intent). */
  const search = async (who: string, q: string, open?: { id: string }) => {
    t.clock.set(new Date(t.clock.now().getTime() + 60_000));
    const res = await expectStatus((await agent(who)).get(`/api/search?q=${encodeURIComponent(q)}`), 200);
    if (open)
      await expectStatus((await agent(who)).post(`/api/search/${res.body.queryId}/click`).send({ articleId: open.id, position: 1 }), 204);
    return res.body as { total: number };
  };
  const gaps = async (query = '') => (await expectStatus(coordinator.get(`/api/content-gaps${query}`), 200)).body;
  const refresh = async () => (await expectStatus(coordinator.post('/api/content-gaps/refresh'), 200)).body;

  beforeAll(async () => {
    t = await createTestApp({ AUTH_JWT_SECRET: TEST_JWT_SECRET }, new Date('2026-10-01T09:00:00Z'));
    const admin = await signIn(t.http, 'admin', ['admin']);
    coordinator = await signIn(t.http, 'kim', ['coordinator']);
    anna = await signIn(t.http, 'anna', ['editor'], ['burgerzaken']);
    carla = await signIn(t.http, 'carla', ['editor'], ['afval']);
    await expectStatus(admin.post('/api/departments').send({ slug: 'burgerzaken', name: 'Burgerzaken' }), 201);
    await expectStatus(admin.post('/api/departments').send({ slug: 'afval', name: 'Afval' }), 201);
    paspoort = await publish(anna, {
      title: 'Paspoort aanvragen',
      department: 'burgerzaken',
      summary: 'U vraagt een paspoort aan bij de balie.',
      sections: { inleiding: 'Reisdocument.' },
    });
    afvalpas = await publish(carla, {
      title: 'Afvalpas',
      department: 'afval',
      summary: 'Met de afvalpas opent u de container.',
      sections: { inleiding: 'Pas.' },
    });
    draft = (await expectStatus(carla.post('/api/articles').send({ kind: 'faq', title: 'Lantaarnpaal melden', department: 'afval' }), 201))
      .body;
    await t.app.get(SearchIndexingTrigger).settle();

    // 31 days before the searches below: outside the 30-day window
    await search('agent6', 'lantaarnpaal kapot');
    t.clock.set(new Date('2026-11-01T09:00:00Z'));
    // zero results; agents 1 and 2 open an Afval article next, agent 3 gives up
    expect((await search('agent1', 'lantaarnpaal kapot')).total).toBe(0);
    await search('agent1', 'afvalpas', afvalpas);
    await search('agent2', 'lantaarnpaal kapot');
    await search('agent2', 'afvalpas', afvalpas);
    await search('agent3', 'Kapot lantaarnpaal?');
    // results but nothing opened; agent 4 opens the paspoort article on the next search
    expect((await search('agent4', 'paspoort')).total).toBe(1);
    await search('agent4', 'paspoort aanvragen', paspoort);
    await search('agent5', 'paspoort');
    // once only; and twice a BSN that is scrubbed to nothing
    await search('agent1', 'xylofoon');
    await search('agent2', '123456782');
    await search('agent3', '123456782');
  }, 60_000);
  afterAll(async () => t.close());

  it('turns failed searches within the window into gaps, ranked by frequency, with a suggested department', async () => {
    const run = await refresh();
    expect(run).toMatchObject({ failedSearches: 8, gaps: 2, created: 2, refreshed: 0, windowFrom: '2026-10-02T09:11:00.001Z' });
    const list = await gaps();
    expect(list.refreshedAt).toBe(run.ranAt);
    expect(
      list.items.map((g: Record<string, unknown>) => [
        g.query,
        g.intentKey,
        g.searches,
        g.zeroResults,
        g.noClicks,
        (g.suggestedDepartment as { slug: string } | null)?.slug,
      ]),
    ).toEqual([
      ['lantaarnpaal kapot', 'kapot lantaarnpaal', 3, 3, 0, 'afval'],
      ['paspoort', 'paspoort', 2, 0, 2, 'burgerzaken'],
    ]);
    expect(list.items[0]).toMatchObject({
      status: 'open',
      department: null,
      firstSeenAt: '2026-11-01T09:01:00.000Z',
      lastSeenAt: '2026-11-01T09:05:00.000Z',
      allowedActions: ['assign', 'resolve', 'dismiss'],
    });
  });

  it('is idempotent: running again changes nothing, and counts new searches when they come', async () => {
    const before = await gaps();
    expect(await refresh()).toMatchObject({ gaps: 2, created: 0, refreshed: 2 });
    expect((await gaps()).items).toEqual(before.items);
    const [{ count }] = await t.dataSource.query('SELECT count(*)::int AS count FROM content_gaps');
    expect(count).toBe(2);

    await search('agent7', 'lantaarnpaal kapot');
    await refresh();
    expect((await gaps()).items[0]).toMatchObject({ query: 'lantaarnpaal kapot', searches: 4, zeroResults: 4 });
  });

  it('runs from the job processor too, and in-process once a day when there is no Redis', async () => {
    const processor = t.app.get(ContentGapsProcessor);
    const result = (await processor.process({ name: ContentGapsJob.Aggregate, data: { trigger: 'schedule' } } as Job<
      never,
      unknown,
      ContentGapsJob
    >)) as { gaps: number };
    expect(result.gaps).toBe(2);
    const runs = await t.dataSource.query('SELECT trigger, count(*)::int AS n FROM content_gap_runs GROUP BY trigger ORDER BY trigger');
    expect(runs).toEqual([
      { trigger: 'manual', n: 3 },
      { trigger: 'schedule', n: 1 },
    ]);
    const aggregator = t.app.get(ContentGapAggregator);
    expect(await aggregator.isDue()).toBe(false);
    t.clock.advanceDays(1);
    expect(await aggregator.isDue()).toBe(true);
  });

  it('assigns a gap to a department, whose editors then see it in their tasks', async () => {
    const [lantaarnpaal] = (await gaps()).items;
    const unknown = await expectStatus(coordinator.post(`/api/content-gaps/${lantaarnpaal.id}/assign`).send({ department: 'groen' }), 400);
    expect(unknown.body.errors[0]).toMatchObject({ field: 'department', code: 'UNKNOWN_DEPARTMENT' });
    await expectStatus(coordinator.post(`/api/content-gaps/${lantaarnpaal.id}/assign`).send({}), 400);
    await expectStatus(carla.post(`/api/content-gaps/${lantaarnpaal.id}/assign`).send({ department: 'afval' }), 403);

    const stale = await expectStatus(
      coordinator.post(`/api/content-gaps/${lantaarnpaal.id}/assign`).set('If-Match', '"v0"').send({ department: 'afval' }),
      412,
    );
    expect(stale.body).toMatchObject({ code: 'CONTENT_GAP_MODIFIED', currentEtag: lantaarnpaal.etag });
    const assigned = await expectStatus(
      coordinator.post(`/api/content-gaps/${lantaarnpaal.id}/assign`).set('If-Match', lantaarnpaal.etag).send({ department: 'afval' }),
      200,
    );
    expect(assigned.body).toMatchObject({ status: 'assigned', department: { slug: 'afval' }, assignedAt: '2026-11-02T09:12:00.000Z' });
    expect(assigned.headers.etag).not.toBe(lantaarnpaal.etag);

    const service = t.app.get(ContentGapsService);
    const carlaTasks = await service.tasksFor({
      userId: 'n/a',
      email: 'carla@lindeveen.nl',
      name: 'Carla',
      roles: ['editor'],
      departments: ['afval'],
    });
    expect(carlaTasks).toEqual([
      {
        kind: 'content_gap',
        id: lantaarnpaal.id,
        articleId: null,
        title: 'lantaarnpaal kapot',
        departmentId: assigned.body.department.id,
        since: '2026-11-02T09:12:00.000Z',
        summary: 'Ontbrekende informatie: 4× gezocht zonder antwoord',
        link: `/api/content-gaps/${lantaarnpaal.id}`,
      },
    ]);
    expect(
      await service.tasksFor({ userId: 'n/a', email: 'anna@lindeveen.nl', name: 'Anna', roles: ['editor'], departments: ['burgerzaken'] }),
    ).toEqual([]);
    const kimTasks = await service.tasksFor({
      userId: 'n/a',
      email: 'kim@lindeveen.nl',
      name: 'Kim',
      roles: ['coordinator'],
      departments: [],
    });
    expect(kimTasks.map((task) => task.title)).toEqual(['paspoort']);
    expect((await service.countsByDepartment()).get(assigned.body.department.id)).toEqual({ assigned: 1 });

    expect((await expectStatus(carla.get(`/api/content-gaps/${lantaarnpaal.id}`), 200)).body.status).toBe('assigned');
    await expectStatus(anna.get(`/api/content-gaps/${lantaarnpaal.id}`), 403);
    await expectStatus(carla.get('/api/content-gaps'), 403);
    expect((await gaps('?department=afval')).items.map((g: { id: string }) => g.id)).toEqual([lantaarnpaal.id]);
  });

  it('closes when an editor of the department names the published article that answers it', async () => {
    const [lantaarnpaal] = (await gaps('?status=assigned')).items;
    const notLive = await expectStatus(carla.post(`/api/content-gaps/${lantaarnpaal.id}/resolve`).send({ articleId: draft.id }), 400);
    expect(notLive.body).toMatchObject({ code: 'ARTICLE_NOT_PUBLISHED', errors: [{ field: 'articleId' }] });
    expect(
      (await expectStatus(carla.post(`/api/content-gaps/${lantaarnpaal.id}/resolve`).send({ articleId: 'lantaarnpaal' }), 400)).body
        .errors[0].field,
    ).toBe('articleId');
    await expectStatus(anna.post(`/api/content-gaps/${lantaarnpaal.id}/resolve`).send({ articleId: afvalpas.id }), 403);

    const resolved = await expectStatus(carla.post(`/api/content-gaps/${lantaarnpaal.id}/resolve`).send({ articleId: afvalpas.id }), 200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      resolvedArticleId: afvalpas.id,
      closedAt: '2026-11-02T09:12:00.000Z',
      allowedActions: [],
    });
    const again = await expectStatus(carla.post(`/api/content-gaps/${lantaarnpaal.id}/resolve`).send({ articleId: afvalpas.id }), 409);
    expect(again.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', status: 'resolved', allowedActions: [] });

    // the job never reopens or recounts what someone closed
    await search('agent8', 'lantaarnpaal kapot');
    await refresh();
    expect((await expectStatus(coordinator.get(`/api/content-gaps/${lantaarnpaal.id}`), 200)).body).toMatchObject({
      status: 'resolved',
      searches: 4,
    });
  });

  it('dismisses with a reason only; closed gaps leave the default list', async () => {
    const [pas] = (await gaps()).items;
    expect(pas.query).toBe('paspoort');
    const noReason = await expectStatus(coordinator.post(`/api/content-gaps/${pas.id}/dismiss`).send({}), 400);
    expect(noReason.body).toMatchObject({ code: 'REASON_REQUIRED', errors: [{ field: 'reason' }] });
    await expectStatus(carla.post(`/api/content-gaps/${pas.id}/dismiss`).send({ reason: 'x' }), 403);
    const dismissed = await expectStatus(
      coordinator
        .post(`/api/content-gaps/${pas.id}/dismiss`)
        .send({ reason: 'Het artikel bestaat; agents kijken niet verder dan de titel.' }),
      200,
    );
    expect(dismissed.body).toMatchObject({
      status: 'dismissed',
      dismissedReason: 'Het artikel bestaat; agents kijken niet verder dan de titel.',
    });
    expect((await gaps()).items).toEqual([]);
    expect((await gaps('?status=dismissed')).items.map((g: { id: string }) => g.id)).toEqual([pas.id]);
    expect((await expectStatus(coordinator.get('/api/content-gaps?status=gesloten'), 400)).body.errors[0].field).toBe('status');
  });

  it('answers 404 for an unknown gap and 400 for a malformed id', async () => {
    await expectStatus(
      coordinator.post('/api/content-gaps/7f0c4b8e-1a2b-4c3d-8e9f-0a1b2c3d4e5f/assign').send({ department: 'afval' }),
      404,
    );
    await expectStatus(coordinator.get('/api/content-gaps/7f0c4b8e-1a2b-4c3d-8e9f-0a1b2c3d4e5f'), 404);
    await expectStatus(coordinator.get('/api/content-gaps/abc'), 400);
  });
});

import { StewardshipProcessor } from '../../src/stewardship/jobs/stewardship.processor';
import { StewardshipJob } from '../../src/stewardship/jobs/stewardship-jobs';
import { UsersService } from '../../src/users/users.service';
import { TestApp, createTestApp } from '../setup/test-app';
import { api } from '../support/builders';
import { importArticles } from '../support/stewardship';

const DAY = 86_400_000;
const NOW = new Date('2026-11-23T09:00:00Z'); // Monday, 10:00 in Amsterdam
const inDays = (n: number) => new Date(NOW.getTime() + n * DAY);

describe('regie dashboard, tasks and preferences (e2e)', () => {
  let t: TestApp;
  const id: Record<string, string> = {};
  const as = (email: string) => ({ get: (path: string) => t.http.get(path).set('X-Kennisbank-User', email) });

  beforeAll(async () => {
    t = await createTestApp({ REVIEW_STORM_WEEKLY_CAP: '10', REVIEW_SPREAD_DAYS: '56' }, NOW);
    const a = api(t.http);
    await a.department('burgerzaken', { coordinators: ['kees@lindeveen.nl'] });
    await a.department('afval', { coordinators: ['joost@lindeveen.nl'], reviewOverdueDays: 3, reviewEscalationDays: 10 });
    await a.department('leeg');
    const articles: [string, string, string, number][] = [
      // key, department, owner, review date in days from now
      ['b1', 'burgerzaken', 'anna', 40],
      ['b2', 'burgerzaken', 'anna', 30],
      ['b3', 'burgerzaken', 'anna', 0],
      ['b4', 'burgerzaken', 'bert', -3],
      ['b5', 'burgerzaken', 'anna', -25],
      ['b6', 'burgerzaken', 'bert', -8],
      ['a1', 'afval', 'carla', -10],
      ['a2', 'afval', 'bert', 100],
    ];
    const ids = await importArticles(
      t.http,
      articles.map(([key, department, owner, days]) => ({
        title: `Artikel ${key}`,
        department,
        owner: `${owner}@lindeveen.nl`,
        reviewDueAt: inDays(days),
      })),
    );
    articles.forEach(([key], i) => (id[key] = ids[i]));
    await t.app.get(UsersService).setActive('carla@lindeveen.nl', false);

    // Agents opened them from search: b1 10×, b2 5×, b3 1×, b4 20×, b5 4×, a1 2×.
    const search = await t.http.get('/api/search?q=artikel').expect(200);
    for (const [key, opens] of Object.entries({ b1: 10, b2: 5, b3: 1, b4: 20, b5: 4, a1: 2 })) {
      for (let i = 0; i < opens; i++)
        await t.http.post(`/api/search/${search.body.queryId}/click`).send({ articleId: id[key], position: 1 }).expect(204);
    }
    // A scan a week ago and one today: the reviews in a stage both times were reminded at two stages.
    t.clock.set(inDays(-7));
    await t.app.get(StewardshipProcessor).run(StewardshipJob.Scan);
    t.clock.set(NOW);
    await t.app.get(StewardshipProcessor).run(StewardshipJob.Scan);
  }, 60_000);
  afterAll(async () => t?.close());

  it('gives the figures per department, checked by hand', async () => {
    const res = await t.http.get('/api/stewardship/overview');
    expect(res.status).toBe(200);
    const by = Object.fromEntries(res.body.departments.map((d: { department: { slug: string } }) => [d.department.slug, d]));
    expect(by.burgerzaken).toMatchObject({
      published: 6,
      withinReviewDate: 3, // b1, b2, b3 (due today counts as within)
      trustScore: 0.5,
      opens: 40,
      trustScoreByOpens: 0.4, // (10 + 5 + 1) / 40
      dueIn30Days: 2, // b2 (30 days), b3 (today)
      overdue: 3, // b4, b5, b6
      escalated: 1, // b5: 25 days ≥ 21
      medianDaysOverdue: 8, // 3, 8, 25
      editorsNotActing: 2,
      editorsNotActingList: [
        { email: 'anna@lindeveen.nl', articles: 2 }, // b3 (upcoming, due), b5 (overdue, escalated)
        { email: 'bert@lindeveen.nl', articles: 2 }, // b4 (upcoming, due), b6 (due, overdue)
      ].map((e) => expect.objectContaining(e)),
    });
    expect(
      by.burgerzaken.mostUrgent.map((u: { id: string; opens: number; daysOverdue: number }) => [u.id, u.opens, u.daysOverdue]),
    ).toEqual([
      [id.b4, 20, 3],
      [id.b5, 4, 25],
      [id.b6, 0, 8],
    ]);
    // afval escalates after 10 days; Carla left, so nobody counts as not acting there
    expect(by.afval).toMatchObject({
      published: 2,
      trustScore: 0.5,
      opens: 2,
      trustScoreByOpens: 0,
      overdue: 1,
      escalated: 1,
      medianDaysOverdue: 10,
      editorsNotActing: 0,
    });
    expect(by.leeg).toMatchObject({
      published: 0,
      trustScore: null,
      trustScoreByOpens: null,
      overdue: 0,
      medianDaysOverdue: null,
      mostUrgent: [],
    });
    expect(res.body.total).toMatchObject({
      published: 8,
      withinReviewDate: 4,
      trustScore: 0.5,
      opens: 42,
      trustScoreByOpens: 0.381,
      overdue: 4,
      escalated: 2,
      medianDaysOverdue: 9,
    });
    expect(res.body).toMatchObject({ generatedAt: NOW.toISOString(), opensWindowDays: 90 });
  });

  it('keeps a daily snapshot per department and overall, for the trend', async () => {
    const res = await t.http.get('/api/stewardship/trend?department=burgerzaken&from=2026-11-01&to=2026-11-30');
    expect(res.status).toBe(200);
    expect(res.body.department).toMatchObject({ slug: 'burgerzaken' });
    expect(res.body.points.map((p: { day: string }) => p.day)).toEqual(['2026-11-16', '2026-11-23']);
    // a week ago: b3 and b4 were still ahead, b6 one day over; nothing had been opened yet
    expect(res.body.points[0]).toMatchObject({
      published: 6,
      withinReviewDate: 4,
      trustScore: 0.667,
      trustScoreByOpens: null,
      overdue: 2,
      escalated: 0,
      medianDaysOverdue: 9.5,
      editorsNotActing: 0,
    });
    expect(res.body.points[1]).toMatchObject({
      published: 6,
      trustScore: 0.5,
      trustScoreByOpens: 0.4,
      overdue: 3,
      escalated: 1,
      medianDaysOverdue: 8,
      editorsNotActing: 2,
    });

    const overall = await t.http.get('/api/stewardship/trend');
    expect(overall.body).toMatchObject({ department: null, from: '2026-08-26', to: '2026-11-23' });
    expect(overall.body.points.map((p: { published: number }) => p.published)).toEqual([8, 8]);
    expect((await t.http.get('/api/stewardship/trend?department=leeg')).body.points.map((p: { published: number }) => p.published)).toEqual(
      [0, 0],
    );
  });

  it.each([
    ['from=2026-13-01', 'from', 'INVALID_DATE'],
    ['to=2026-02-30', 'to', 'INVALID_DATE'],
    ['from=gisteren', 'from', 'MATCHES'],
    ['from=2026-11-30&to=2026-11-01', 'from', 'AFTER_TO'],
    ['from=2000-01-01&to=2026-11-01', 'from', 'RANGE_TOO_LONG'],
    ['department=onbekend', 'department', 'UNKNOWN_DEPARTMENT'],
    ['foo=1', 'foo', undefined],
  ])('answers 400 to a trend with %s', async (query, field, code) => {
    const res = await t.http.get(`/api/stewardship/trend?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe(field);
    if (code) expect(res.body.errors[0].code).toBe(code);
  });

  it("lists each editor's due reviews, most urgent first, and a coordinator's reviews without an active owner", async () => {
    const tasks = async (email: string) => {
      const res = await as(email).get('/api/stewardship/tasks');
      expect(res.status).toBe(200);
      return res.body;
    };
    const anna = await tasks('anna@lindeveen.nl');
    expect(
      anna.tasks.map((task: { article: { id: string }; details: { stage: string } }) => [task.article.id, task.details.stage]),
    ).toEqual([
      [id.b5, 'escalated'],
      [id.b3, 'due'],
    ]);
    expect(anna.counts).toEqual({ review: 2 });
    expect(anna.tasks[0]).toMatchObject({
      kind: 'review',
      urgency: 3,
      title: 'Artikel b5',
      article: { department: { slug: 'burgerzaken' } },
      details: { daysOverdue: 25 },
      links: { markReviewed: `http://localhost:3000/werkplek/artikelen/${id.b5}?actie=inhoud-gecontroleerd` },
    });
    expect((await tasks('bert@lindeveen.nl')).tasks.map((task: { article: { id: string } }) => task.article.id)).toEqual([id.b6, id.b4]);
    expect((await tasks('joost@lindeveen.nl')).tasks.map((task: { article: { id: string } }) => task.article.id)).toEqual([id.a1]);
    expect((await tasks('kees@lindeveen.nl')).tasks).toEqual([]);
  });

  it('keeps the reminder mail preference of the signed-in editor', async () => {
    const dirk = (req: ReturnType<typeof t.http.get>) => req.set('X-Kennisbank-User', 'dirk@lindeveen.nl');
    expect((await dirk(t.http.get('/api/stewardship/preferences'))).body).toEqual({ reminderMail: 'per-article' });
    const set = await dirk(t.http.put('/api/stewardship/preferences')).send({ reminderMail: 'digest' });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ reminderMail: 'digest' });
    expect((await dirk(t.http.get('/api/stewardship/preferences'))).body).toEqual({ reminderMail: 'digest' });
    expect((await t.http.get('/api/stewardship/preferences')).body).toEqual({ reminderMail: 'per-article' });
    for (const body of [{ reminderMail: 'weekly' }, {}, { reminderMail: 'digest', extra: true }]) {
      const bad = await dirk(t.http.put('/api/stewardship/preferences')).send(body);
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe(Object.keys(body).includes('extra') ? 'extra' : 'reminderMail');
    }
  });

  it('levels a review storm after a bulk import: earlier only, within the window, on request', async () => {
    await api(t.http).department('vergunningen');
    const storm = await importArticles(
      t.http,
      Array.from({ length: 45 }, (_, i) => ({
        title: `Vergunning ${i}`,
        department: 'vergunningen',
        owner: 'eva@lindeveen.nl',
        reviewDueAt: inDays(180),
      })),
    );
    const dry = await t.http.post('/api/stewardship/level-review-dates').send({ department: 'vergunningen', dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, weeklyCap: 10, spreadDays: 56 });
    expect(dry.body.departments).toHaveLength(1);
    expect(dry.body.departments[0]).toMatchObject({ department: { slug: 'vergunningen' }, articles: 45, moved: 0, stormWeeks: [] });
    expect(dry.body.departments[0].moves).toHaveLength(35);
    expect((await t.http.get(`/api/articles/${storm[44]}`)).body.review.dueAt).toBe(inDays(180).toISOString());

    const applied = await t.http.post('/api/stewardship/level-review-dates').send({ department: 'vergunningen' });
    expect(applied.body.departments[0]).toMatchObject({ moved: 35 });
    const moves = applied.body.departments[0].moves as { articleId: string; from: string; to: string; laterByDays?: number }[];
    expect(moves.every((m) => m.to < m.from && !m.laterByDays)).toBe(true);
    const moved = await t.http.get(`/api/articles/${moves[0].articleId}`);
    expect(moved.body.review.dueAt).toBe(moves[0].to);
    const history = await t.http.get(`/api/articles/${moves[0].articleId}/history`);
    expect(history.body.at(-1)).toMatchObject({
      action: 'reschedule_review',
      details: { previousDueAt: moves[0].from, reviewDueAt: moves[0].to },
    });

    const calm = await t.http.post('/api/stewardship/level-review-dates').send({});
    expect(calm.status).toBe(200);
    expect(calm.body.departments.flatMap((d: { moves: unknown[] }) => d.moves)).toEqual([]);
  });

  it.each([
    [{ department: 'onbekend' }, 'department'],
    [{ dryRun: 'ja' }, 'dryRun'],
    [{ allowLater: 1 }, 'allowLater'],
  ])('answers 400 to levelling with %j', async (body, field) => {
    const res = await t.http.post('/api/stewardship/level-review-dates').send(body);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe(field);
  });
});

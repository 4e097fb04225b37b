import { NationalSourcesService } from '../../src/national-content/national-sources.service';
import { SourceChangeWorkItemsService } from '../../src/national-content/source-change-work-items.service';
import { SourceChangeNotifier } from '../../src/national-content/source-change.notifier';
import { TestApp, createTestApp } from '../setup/test-app';
import { SignedIn, TEST_JWT_SECRET, expectStatus, publishArticle, signIn } from '../support/actors';
import { SmtpSink } from '../support/smtp-sink';

const PASPOORT = 'https://content.example.nl/paspoort';
const RIJBEWIJS = 'https://content.example.nl/rijbewijs';
const HOND = 'urn:antwoord:hondenbelasting';

const item = (uri: string, version: string | number, body: string, changedAt: string, title = 'Paspoort') => ({
  uri,
  title,
  body,
  version,
  changedAt,
});
const FEED_1 = [
  item(PASPOORT, '2026-01', 'Een paspoort kost € 84,70. U vraagt het aan bij de gemeente.', '2026-01-02T08:00:00Z'),
  item(RIJBEWIJS, '2026-01', 'Een rijbewijs vraagt u aan bij de gemeente.', '2026-01-02T08:00:00Z', 'Rijbewijs'),
  item(HOND, '7', 'Voor elke hond betaalt u hondenbelasting.', '2026-01-02T08:00:00Z', 'Hondenbelasting'),
];
const FEED_2 = [
  item(PASPOORT, '2027-01', 'Een paspoort kost € 88,10. U vraagt het aan bij de gemeente.', '2026-11-20T08:00:00Z'),
  // same label, other text: a change all the same
  item(RIJBEWIJS, '2026-01', 'Een rijbewijs vraagt u aan bij de gemeente van uw woonplaats.', '2026-11-20T08:00:00Z', 'Rijbewijs'),
  item(HOND, 8, 'Voor elke hond betaalt u hondenbelasting, ook voor een pup.', '2026-11-20T08:00:00Z', 'Hondenbelasting'),
];

describe('national content — landelijke content and bronwijzigingen (e2e)', () => {
  let t: TestApp;
  const smtp = new SmtpSink();
  let admin: SignedIn, coordinator: SignedIn, anna: SignedIn, bob: SignedIn, agent: SignedIn;
  let paspoort: { id: string }, idkaart: { id: string }, rijbewijs: { id: string }, hond: { id: string };

  const publish = (author: SignedIn, body: Record<string, unknown>) =>
    publishArticle(author, coordinator, { kind: 'product', summary: 'Samenvatting.', sections: { inleiding: 'Tekst.' }, ...body });
  const feed = async (items: object) => (await expectStatus(coordinator.post('/api/national-content').send(items), 200)).body;
  const settle = async () => {
    await t.app.get(SourceChangeNotifier).settle();
    await t.app.get(NationalSourcesService).settle();
  };
  const source = async (articleId: string) => (await expectStatus(agent.get(`/api/articles/${articleId}/national-source`), 200)).body;
  const closedReasons = async (articleId: string) =>
    (
      await t.dataSource.query(
        `SELECT closed_reason FROM source_change_tasks WHERE article_id = $1 ORDER BY created_at, closed_at NULLS LAST`,
        [articleId],
      )
    ).map((r: { closed_reason: string | null }) => r.closed_reason);

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({ AUTH_JWT_SECRET: TEST_JWT_SECRET, SMTP_URL: smtp.url, PUBLIC_BASE_URL: 'https://kennisbank.lindeveen.nl' });
    admin = await signIn(t.http, 'admin', ['admin']);
    coordinator = await signIn(t.http, 'kim', ['coordinator'], [], 'Kim');
    anna = await signIn(t.http, 'anna', ['editor'], ['burgerzaken'], 'Anna');
    bob = await signIn(t.http, 'bob', ['editor'], ['belastingen'], 'Bob');
    agent = await signIn(t.http, 'fatima', ['agent']);
    await expectStatus(
      admin.post('/api/departments').send({ slug: 'burgerzaken', name: 'Burgerzaken', coordinators: ['kim@lindeveen.nl'] }),
      201,
    );
    await expectStatus(
      admin.post('/api/departments').send({ slug: 'belastingen', name: 'Belastingen', coordinators: ['kim@lindeveen.nl'] }),
      201,
    );
    await expectStatus(anna.get('/api/articles'), 200); // Anna's user record gets her name
    paspoort = await publish(anna, { title: 'Paspoort aanvragen', department: 'burgerzaken' });
    idkaart = await publish(anna, { title: 'Identiteitskaart aanvragen', department: 'burgerzaken' });
    rijbewijs = await publish(anna, { title: 'Rijbewijs aanvragen', department: 'burgerzaken', owner: 'oud-collega@lindeveen.nl' });
    hond = await publish(bob, { title: 'Hondenbelasting', department: 'belastingen' });
    await t.dataSource.query(`UPDATE users SET active = false WHERE email = 'oud-collega@lindeveen.nl'`);
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });
  beforeEach(() => smtp.clear());

  it('takes in a feed, reporting per item', async () => {
    expect(await feed(FEED_1)).toMatchObject({ total: 3, created: 3, updated: 0, unchanged: 0, stale: 0, failed: 0, sourceChanges: 0 });
    const items = (await expectStatus(anna.get('/api/national-content?q=paspoort'), 200)).body;
    expect(items).toEqual([
      { uri: PASPOORT, title: 'Paspoort', version: '2026-01', changedAt: '2026-01-02T08:00:00.000Z', linkedArticles: 0 },
    ]);
  });

  it('links articles to national texts (editors of the department), up to date at first', async () => {
    for (const [article, uri, who] of [
      [paspoort, PASPOORT, anna],
      [idkaart, PASPOORT, anna],
      [rijbewijs, RIJBEWIJS, anna],
      [hond, HOND, bob],
    ] as const) {
      const res = await expectStatus(who.put(`/api/articles/${article.id}/national-source`).send({ sourceUri: uri }), 200);
      expect(res.body).toMatchObject({
        articleId: article.id,
        sourceUri: uri,
        sourceChanged: false,
        status: 'up_to_date',
        task: null,
        diff: null,
      });
    }
    expect((await source(paspoort.id)).aligned).toMatchObject({ version: '2026-01', title: 'Paspoort' });
    expect((await expectStatus(anna.get('/api/national-content?q=paspoort'), 200)).body[0].linkedArticles).toBe(2);
  });

  it('refuses bad links: unknown source or version (400 on the field), another department (403), unknown article (404)', async () => {
    const unknown = await expectStatus(
      anna.put(`/api/articles/${paspoort.id}/national-source`).send({ sourceUri: 'https://content.example.nl/onbekend' }),
      400,
    );
    expect(unknown.body).toMatchObject({ code: 'UNKNOWN_SOURCE', errors: [{ field: 'sourceUri' }] });
    const version = await expectStatus(
      anna.put(`/api/articles/${paspoort.id}/national-source`).send({ sourceUri: PASPOORT, sourceVersion: '1999' }),
      400,
    );
    expect(version.body).toMatchObject({ code: 'UNKNOWN_SOURCE_VERSION', errors: [{ field: 'sourceVersion' }] });
    await expectStatus(anna.put(`/api/articles/${paspoort.id}/national-source`).send({}), 400);
    await expectStatus(bob.put(`/api/articles/${paspoort.id}/national-source`).send({ sourceUri: PASPOORT }), 403);
    await expectStatus(bob.post(`/api/articles/${paspoort.id}/national-source/confirm`), 403);
    await expectStatus(anna.put('/api/articles/bestaat-niet/national-source').send({ sourceUri: PASPOORT }), 404);
  });

  it('makes one bronwijziging per linked article for a changed text and mails a word diff to the owner, or the coordinators', async () => {
    t.clock.advanceDays(1);
    const report = await feed(FEED_2);
    expect(report).toMatchObject({ total: 3, created: 0, updated: 3, unchanged: 0, sourceChanges: 4 });
    expect(report.items.map((i: { sourceChanges: number }) => i.sourceChanges)).toEqual([2, 1, 1]);
    await settle();

    const annas = smtp.to('anna@lindeveen.nl');
    expect(annas.map((m) => m.subject).sort()).toEqual([
      'Landelijke content gewijzigd: Identiteitskaart aanvragen',
      'Landelijke content gewijzigd: Paspoort aanvragen',
    ]);
    const mail = annas.find((m) => m.subject!.includes('Paspoort'))!;
    expect(mail.text).toContain('Beste Anna,');
    expect(mail.text).toContain('Een paspoort kost € [-84,70.-][+88,10.+] U vraagt het aan bij de gemeente.');
    expect(mail.text).toContain(`Bron: ${PASPOORT}`);
    expect(mail.text).toContain('Versie: 2027-01');
    expect(mail.html).toContain('<del style="background:#fbdcdc;color:#8a1414;text-decoration:line-through;">84,70.</del>');
    // the owner of the rijbewijs article left; Bob owns the dog tax
    expect(smtp.to('kim@lindeveen.nl').map((m) => m.subject)).toEqual(['Landelijke content gewijzigd: Rijbewijs aanvragen']);
    expect(smtp.to('kim@lindeveen.nl')[0].text).toContain('Een rijbewijs vraagt u aan bij de [-gemeente.-][+gemeente van uw woonplaats.+]');
    expect(smtp.to('bob@lindeveen.nl')).toHaveLength(1);
    expect(smtp.mails).toHaveLength(4);
  });

  it('shows sourceChanged with the diff on the article until it is dealt with', async () => {
    const status = await source(paspoort.id);
    expect(status).toMatchObject({
      status: 'source_changed',
      sourceChanged: true,
      current: { version: '2027-01' },
      aligned: { version: '2026-01' },
      task: { createdAt: '2026-11-24T09:00:00.000Z', routedTo: ['anna@lindeveen.nl'], notifiedAt: '2026-11-24T09:00:00.000Z' },
    });
    expect(status.diff).toEqual([
      { op: 'equal', text: 'Een paspoort kost € ' },
      { op: 'delete', text: '84,70.' },
      { op: 'insert', text: '88,10.' },
      { op: 'equal', text: ' U vraagt het aan bij de gemeente.' },
    ]);
  });

  it('does nothing new when the same feed arrives again', async () => {
    const report = await feed(FEED_2);
    expect(report).toMatchObject({ updated: 0, unchanged: 3, sourceChanges: 0 });
    expect(await feed(FEED_1)).toMatchObject({ unchanged: 3, sourceChanges: 0 });
    await settle();
    expect(smtp.mails).toHaveLength(0);
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM source_change_tasks`);
    expect(count).toBe(4);
  });

  it('counts the open bronwijzigingen per department and lists them as tasks', async () => {
    const health = t.app.get(SourceChangeWorkItemsService);
    const byDepartment = await health.countsByDepartment();
    const [burgerzaken, belastingen] = await Promise.all(
      ['burgerzaken', 'belastingen'].map(async (slug) => (await admin.get(`/api/departments/${slug}`)).body.id),
    );
    expect(
      Object.fromEntries(
        [...byDepartment].map(([id, c]) => [id === burgerzaken ? 'burgerzaken' : id === belastingen ? 'belastingen' : id, c.open]),
      ),
    ).toEqual({
      burgerzaken: 3,
      belastingen: 1,
    });
    const changes = (await expectStatus(anna.get('/api/national-content/changes?department=burgerzaken'), 200)).body;
    expect(
      changes.map((c: { title: string; fromVersion: string; toVersion: string }) => [c.title, c.fromVersion, c.toVersion]).sort(),
    ).toEqual([
      ['Identiteitskaart aanvragen', '2026-01', '2027-01'],
      ['Paspoort aanvragen', '2026-01', '2027-01'],
      ['Rijbewijs aanvragen', '2026-01', '2026-01'],
    ]);
    await expectStatus(bob.get('/api/national-content/changes?department=burgerzaken'), 403);
    expect((await expectStatus(coordinator.get('/api/national-content/changes'), 200)).body).toHaveLength(4);

    const annaActor = { userId: 'n/a', email: 'anna@lindeveen.nl', name: 'Anna', roles: ['editor' as const], departments: ['burgerzaken'] };
    const tasks = await health.tasksFor(annaActor);
    expect(tasks.map((task) => task.title).sort()).toEqual(['Identiteitskaart aanvragen', 'Paspoort aanvragen', 'Rijbewijs aanvragen']);
    expect(tasks[0]).toMatchObject({
      kind: 'source_change',
      link: `/api/articles/${tasks[0].articleId}/national-source`,
      since: '2026-11-24T09:00:00.000Z',
    });
    const kim = { userId: 'n/a', email: 'kim@lindeveen.nl', name: 'Kim', roles: ['coordinator' as const], departments: [] };
    expect((await health.tasksFor(kim)).map((task) => task.title)).toEqual(['Rijbewijs aanvragen']);
  });

  it('closes on the editor confirming; a second confirm is a 409', async () => {
    t.clock.advanceDays(1);
    const confirmed = await expectStatus(anna.post(`/api/articles/${paspoort.id}/national-source/confirm`), 200);
    expect(confirmed.body).toMatchObject({
      status: 'up_to_date',
      aligned: { version: '2027-01' },
      task: null,
      diff: null,
      confirmedAt: '2026-11-25T09:00:00.000Z',
    });
    expect((await expectStatus(anna.post(`/api/articles/${paspoort.id}/national-source/confirm`), 409)).body.code).toBe('NO_SOURCE_CHANGE');
    expect(await closedReasons(paspoort.id)).toEqual(['confirmed']);
  });

  it('closes when a new version of the article is approved', async () => {
    const article = (await expectStatus(anna.get(`/api/articles/${idkaart.id}`), 200)).body;
    await expectStatus(
      anna.patch(`/api/articles/${idkaart.id}`).set('If-Match', article.etag).send({ summary: 'Nieuw tarief 2027.' }),
      200,
    );
    expect((await source(idkaart.id)).sourceChanged).toBe(true); // a draft does not settle it
    await expectStatus(anna.post(`/api/articles/${idkaart.id}/submit`), 200);
    await expectStatus(coordinator.post(`/api/articles/${idkaart.id}/approve`), 200);
    await settle();
    expect(await closedReasons(idkaart.id)).toEqual(['new_version']);
    expect(await source(idkaart.id)).toMatchObject({ status: 'up_to_date', aligned: { version: '2027-01' } });
  });

  it('closes when the owner (or a coordinator) records "inhoud gecontroleerd" after the change', async () => {
    await expectStatus(coordinator.post(`/api/articles/${rijbewijs.id}/confirm-review`), 200);
    expect(await source(rijbewijs.id)).toMatchObject({ status: 'up_to_date' });
    expect(await closedReasons(rijbewijs.id)).toEqual(['reviewed']);
  });

  it('supersedes an open bronwijziging by a newer national version, diffing from what the article agrees with', async () => {
    await feed([
      item(
        HOND,
        '9',
        'Voor elke hond betaalt u hondenbelasting, ook voor een pup van acht weken.',
        '2026-11-26T08:00:00Z',
        'Hondenbelasting',
      ),
    ]);
    const status = await source(hond.id);
    expect(status).toMatchObject({ aligned: { version: '7' }, current: { version: '9' } });
    expect(status.diff.filter((p: { op: string }) => p.op !== 'equal')).toEqual([
      { op: 'delete', text: 'hondenbelasting.' },
      { op: 'insert', text: 'hondenbelasting, ook voor een pup van acht weken.' },
    ]);
    expect(await closedReasons(hond.id)).toEqual(['superseded', null]);
  });

  it('keeps a late-arriving older text in the history without making tasks', async () => {
    const report = await feed([item(PASPOORT, '2026-06', 'Tussenversie.', '2026-06-01T08:00:00Z')]);
    expect(report).toMatchObject({ stale: 1, sourceChanges: 0 });
    expect((await source(paspoort.id)).current.version).toBe('2027-01');
  });

  it('opens a bronwijziging at once when an article is linked to an older version', async () => {
    const res = await expectStatus(
      anna.put(`/api/articles/${paspoort.id}/national-source`).send({ sourceUri: PASPOORT, sourceVersion: '2026-01' }),
      200,
    );
    expect(res.body).toMatchObject({
      status: 'source_changed',
      aligned: { version: '2026-01' },
      task: { routedTo: ['anna@lindeveen.nl'] },
    });
    await settle();
    expect(smtp.to('anna@lindeveen.nl').map((m) => m.subject)).toEqual(['Landelijke content gewijzigd: Paspoort aanvragen']);
    // relinking at the current version settles it
    expect(
      (await expectStatus(anna.put(`/api/articles/${paspoort.id}/national-source`).send({ sourceUri: PASPOORT }), 200)).body.status,
    ).toBe('up_to_date');
  });

  it('reports bad feed items without stopping the others', async () => {
    const report = await feed([
      { uri: 'ftp://content.example.nl/x', title: 'X', body: 'x', version: '1', changedAt: '2026-11-01T00:00:00Z' },
      { uri: 'https://content.example.nl/y', title: 'Y', body: 'y', changedAt: '2026-11-01T00:00:00Z' },
      { uri: 'https://content.example.nl/z', title: 'Z', body: 'z', version: '1', changedAt: 'gisteren', extra: true },
      'geen object',
      item('https://content.example.nl/ok', '1', 'Goed.', '2026-11-01T00:00:00Z', 'Goed'),
    ]);
    expect(report).toMatchObject({ total: 5, created: 1, failed: 4 });
    expect(report.items.map((i: { error?: { errors?: { field: string }[] } }) => i.error?.errors?.map((e) => e.field))).toEqual([
      ['uri'],
      ['version', 'version', 'version'],
      ['extra', 'changedAt'],
      ['(item)'],
      undefined,
    ]);
    expect((await expectStatus(coordinator.post('/api/national-content').send({ uri: PASPOORT }), 400)).body.errors[0]).toMatchObject({
      field: '(body)',
      code: 'IS_ARRAY',
    });
    await expectStatus(anna.post('/api/national-content').send([]), 403);
  });

  it('unlinks (204), after which the article has no national source (404)', async () => {
    await expectStatus(anna.delete(`/api/articles/${idkaart.id}/national-source`), 204);
    expect((await expectStatus(agent.get(`/api/articles/${idkaart.id}/national-source`), 404)).body.code).toBe(
      'NATIONAL_SOURCE_NOT_LINKED',
    );
    await expectStatus(anna.delete(`/api/articles/${idkaart.id}/national-source`), 404);
    await expectStatus(anna.post(`/api/articles/${idkaart.id}/national-source/confirm`), 404);
    await expectStatus(agent.get('/api/articles/7f0c4b8e-1a2b-4c3d-8e9f-0a1b2c3d4e5f/national-source'), 404);
  });
});

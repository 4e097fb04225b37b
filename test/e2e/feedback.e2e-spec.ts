import { FeedbackWorkItemsService } from '../../src/feedback/feedback-work-items.service';
import { FeedbackService } from '../../src/feedback/feedback.service';
import { TestApp, createTestApp } from '../setup/test-app';
import { SignedIn, TEST_JWT_SECRET, expectStatus, publishArticle, signIn } from '../support/actors';
import { SmtpSink } from '../support/smtp-sink';

describe('agent feedback — terugmeldingen (e2e)', () => {
  let t: TestApp;
  const smtp = new SmtpSink();
  let admin: SignedIn, coordinator: SignedIn, anna: SignedIn, bob: SignedIn, agent: SignedIn, otherAgent: SignedIn;
  let paspoort: { id: string }, faq: { id: string }, hond: { id: string }, draft: { id: string };

  const publish = (author: SignedIn, body: Record<string, unknown>) => publishArticle(author, coordinator, body);
  const report = (articleId: string, body: Record<string, unknown>, who = agent) =>
    who.post(`/api/articles/${articleId}/feedback`).send(body);
  const settle = () => t.app.get(FeedbackService).settle();

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({ AUTH_JWT_SECRET: TEST_JWT_SECRET, SMTP_URL: smtp.url, PUBLIC_BASE_URL: 'https://kennisbank.lindeveen.nl' });
    admin = await signIn(t.http, 'admin', ['admin']);
    coordinator = await signIn(t.http, 'kim', ['coordinator'], [], 'Kim');
    anna = await signIn(t.http, 'anna', ['editor'], ['burgerzaken'], 'Anna de Vries');
    bob = await signIn(t.http, 'bob', ['editor'], ['belastingen'], 'Bob');
    agent = await signIn(t.http, 'fatima', ['agent'], [], 'Fatima');
    otherAgent = await signIn(t.http, 'joost', ['agent'], [], 'Joost');
    await expectStatus(
      admin
        .post('/api/departments')
        .send({ slug: 'burgerzaken', name: 'Burgerzaken', coordinators: ['kim@lindeveen.nl', 'kcc@lindeveen.nl'] }),
      201,
    );
    await expectStatus(
      admin.post('/api/departments').send({ slug: 'belastingen', name: 'Belastingen', coordinators: ['kim@lindeveen.nl'] }),
      201,
    );
    // Anna's token names her, so her user record carries her name for the greeting.
    await expectStatus(anna.get('/api/articles'), 200);
    paspoort = await publish(anna, {
      kind: 'product',
      title: 'Paspoort aanvragen',
      department: 'burgerzaken',
      summary: 'U vraagt een paspoort aan bij de balie.',
      sections: { inleiding: 'Een paspoort is een reisdocument.', kosten: 'Het paspoort kost € 84,85.' },
    });
    faq = await publish(anna, {
      kind: 'faq',
      title: 'Hoe lang is een paspoort geldig?',
      department: 'burgerzaken',
      owner: 'oud-collega@lindeveen.nl',
      summary: 'Tien jaar.',
      question: 'Hoe lang is een paspoort geldig?',
      answer: 'Tien jaar voor volwassenen.',
    });
    hond = await publish(bob, {
      kind: 'product',
      title: 'Hondenbelasting',
      department: 'belastingen',
      summary: 'Voor elke hond.',
      sections: { kosten: '€ 120 per jaar.' },
    });
    draft = (await expectStatus(anna.post('/api/articles').send({ kind: 'faq', title: 'Nog niet klaar', department: 'burgerzaken' }), 201))
      .body;
    // The FAQ's owner has left: feedback goes to the department's coordinators.
    await t.dataSource.query(`UPDATE users SET active = false WHERE email = 'oud-collega@lindeveen.nl'`);
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });
  beforeEach(() => smtp.clear());

  describe('POST /api/articles/:id/feedback', () => {
    it('records the report, scrubs the search query and mails the owner after commit', async () => {
      const res = await expectStatus(
        report(paspoort.id, {
          kind: 'incorrect',
          section: 'kosten',
          comment: 'Het tarief is per 1 januari € 86,45.',
          searchQuery: 'paspoort kosten bsn 123456782',
        }),
        201,
      );
      expect(res.headers.etag).toBe('"v1"');
      expect(res.body).toMatchObject({
        article: { id: paspoort.id, title: 'Paspoort aanvragen', version: 1 },
        department: { slug: 'burgerzaken', name: 'Burgerzaken' },
        kind: 'incorrect',
        kindLabel: 'onjuist',
        section: 'kosten',
        status: 'open',
        searchQuery: 'paspoort kosten bsn [bsn]',
        reply: null,
        reporter: { email: 'fatima@lindeveen.nl' },
        routedTo: ['anna@lindeveen.nl'],
        allowedActions: ['start', 'resolve', 'reject'],
        createdAt: '2026-11-23T09:00:00.000Z',
      });
      await settle();
      const [mail] = smtp.to('anna@lindeveen.nl');
      expect(smtp.mails).toHaveLength(1);
      expect(mail.subject).toBe('Terugmelding: Paspoort aanvragen (onjuist)');
      expect(mail.text).toContain('Beste Anna de Vries,');
      expect(mail.text).toContain('Onderdeel: Wat kost het?');
      expect(mail.text).toContain('> Het tarief is per 1 januari € 86,45.');
      expect(mail.text).toContain(`Artikel openen: https://kennisbank.lindeveen.nl/werkplek/artikelen/${paspoort.id}`);
      expect(mail.html).toContain('Het tarief is per 1 januari € 86,45.');
      const stored = await expectStatus(agent.get(`/api/feedback/${res.body.id}`), 200);
      expect(stored.body.notifiedAt).toBe('2026-11-23T09:00:00.000Z');
    });

    it("routes to the department's coordinators when the owner is no longer active", async () => {
      const res = await expectStatus(
        report(faq.id, { kind: 'outdated', section: 'answer', comment: 'Voor kinderen is het vijf jaar.' }),
        201,
      );
      expect(res.body.routedTo).toEqual(['kim@lindeveen.nl', 'kcc@lindeveen.nl']);
      await settle();
      expect(smtp.mails).toHaveLength(1);
      expect(smtp.to('kim@lindeveen.nl')[0].subject).toBe('Terugmelding: Hoe lang is een paspoort geldig? (verouderd)');
      expect(smtp.to('kcc@lindeveen.nl')).toHaveLength(1);
      expect(smtp.mails[0].text).toContain('Beste collega,');
    });

    it.each([
      ['an unknown kind', { kind: 'wrong', comment: 'Klopt niet.' }, 'kind', 'IS_IN'],
      ['no comment', { kind: 'unclear' }, 'comment', 'IS_STRING'],
      ['a blank comment', { kind: 'unclear', comment: '  \n ' }, 'comment', 'MIN_LENGTH'],
      ['a comment that is too long', { kind: 'unclear', comment: 'x'.repeat(4001) }, 'comment', 'MAX_LENGTH'],
      [
        'a search query that is too long',
        { kind: 'unclear', comment: 'Onduidelijk.', searchQuery: 'q'.repeat(501) },
        'searchQuery',
        'MAX_LENGTH',
      ],
      ['an unknown field', { kind: 'unclear', comment: 'Onduidelijk.', urgent: true }, 'urgent', 'UNKNOWN_FIELD'],
    ])('answers 400 for %s', async (_label, body, field, code) => {
      const res = await expectStatus(report(paspoort.id, body), 400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
    });

    it('answers 400 on the section field for a section the kind does not have', async () => {
      expect((await expectStatus(report(faq.id, { kind: 'incomplete', section: 'toString', comment: 'Mist iets.' }), 400)).body.code).toBe(
        'INVALID_SECTION',
      );
      const res = await expectStatus(report(faq.id, { kind: 'incomplete', section: 'kosten', comment: 'Mist iets.' }), 400);
      expect(res.body).toMatchObject({ code: 'INVALID_SECTION', errors: [{ field: 'section', code: 'INVALID_SECTION' }] });
      expect(res.body.allowedSections).toEqual(['title', 'summary', 'question', 'answer', 'explanation', 'kccNotes']);
    });

    it('answers 404 for an article that is not published or does not exist, 400 for a malformed id', async () => {
      expect((await expectStatus(report(draft.id, { kind: 'unclear', comment: 'Onduidelijk.' }), 404)).body.code).toBe(
        'ARTICLE_NOT_PUBLISHED',
      );
      await expectStatus(report('7f0c4b8e-1a2b-4c3d-8e9f-0a1b2c3d4e5f', { kind: 'unclear', comment: 'Onduidelijk.' }), 404);
      expect((await expectStatus(report('paspoort', { kind: 'unclear', comment: 'Onduidelijk.' }), 400)).body.errors[0].field).toBe('id');
    });
  });

  describe('handling: start, resolve, reject', () => {
    let id: string;
    beforeAll(async () => {
      id = (await expectStatus(report(paspoort.id, { kind: 'incomplete', section: 'bewijs', comment: 'Pasfoto-eisen ontbreken.' }), 201))
        .body.id;
    });

    it('runs open → in_progress → resolved with optimistic concurrency and a reply the agent sees', async () => {
      const started = await expectStatus(anna.post(`/api/feedback/${id}/start`).set('If-Match', '"v1"'), 200);
      expect(started.body).toMatchObject({
        status: 'in_progress',
        handledBy: { email: 'anna@lindeveen.nl' },
        allowedActions: ['resolve', 'reject'],
      });
      expect(started.headers.etag).toBe('"v2"');

      const noReply = await expectStatus(anna.post(`/api/feedback/${id}/resolve`).set('If-Match', '"v2"').send({ reply: '  ' }), 400);
      expect(noReply.body).toMatchObject({ code: 'REPLY_REQUIRED', errors: [{ field: 'reply', code: 'REPLY_REQUIRED' }] });

      const stale = await expectStatus(anna.post(`/api/feedback/${id}/resolve`).set('If-Match', '"v1"').send({ reply: 'Aangevuld.' }), 412);
      expect(stale.body).toMatchObject({ code: 'FEEDBACK_MODIFIED', currentEtag: '"v2"' });

      t.clock.advanceDays(1);
      const resolved = await expectStatus(
        anna.post(`/api/feedback/${id}/resolve`).set('If-Match', '"v2"').send({ reply: 'De pasfoto-eisen staan er nu bij.' }),
        200,
      );
      expect(resolved.body).toMatchObject({
        status: 'resolved',
        reply: 'De pasfoto-eisen staan er nu bij.',
        closedAt: '2026-11-24T09:00:00.000Z',
        allowedActions: [],
      });

      const mine = await expectStatus(agent.get(`/api/feedback/${id}`), 200);
      expect(mine.body).toMatchObject({ status: 'resolved', reply: 'De pasfoto-eisen staan er nu bij.' });
    });

    it('answers 409 with the allowed actions for a move the workflow does not allow', async () => {
      const again = await expectStatus(anna.post(`/api/feedback/${id}/start`), 409);
      expect(again.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', status: 'resolved', allowedActions: [] });
      await expectStatus(coordinator.post(`/api/feedback/${id}/reject`).send({ reply: 'Toch niet.' }), 409);
    });

    it('lets a coordinator reject straight from open, with a reply', async () => {
      const other = (await expectStatus(report(hond.id, { kind: 'unclear', comment: 'Geldt dit ook voor blindengeleidehonden?' }), 201))
        .body;
      const rejected = await expectStatus(
        coordinator.post(`/api/feedback/${other.id}/reject`).send({ reply: 'Staat onder Bijzonderheden: vrijstelling.' }),
        200,
      );
      expect(rejected.body).toMatchObject({ status: 'rejected', reply: 'Staat onder Bijzonderheden: vrijstelling.' });
    });

    it('answers 403 to an editor of another department, an agent, and 404 for unknown feedback', async () => {
      const fresh = (await expectStatus(report(paspoort.id, { kind: 'unclear', comment: 'Welke balie?' }), 201)).body;
      expect((await expectStatus(bob.post(`/api/feedback/${fresh.id}/start`), 403)).body.code).toBe('FORBIDDEN');
      expect((await expectStatus(agent.post(`/api/feedback/${fresh.id}/start`), 403)).body.requiredRole).toBe('editor');
      await expectStatus(anna.post('/api/feedback/7f0c4b8e-1a2b-4c3d-8e9f-0a1b2c3d4e5f/start'), 404);
      await expectStatus(anna.post('/api/feedback/not-a-uuid/start'), 400);
    });
  });

  describe('reading', () => {
    it('shows an agent only their own feedback, newest first, a page at a time', async () => {
      const own = (await expectStatus(report(hond.id, { kind: 'cannot-find', comment: 'Zocht op hondenbelasting.' }, otherAgent), 201))
        .body;
      const first = await expectStatus(otherAgent.get('/api/feedback/mine?limit=1'), 200);
      expect(first.body.items.map((f: { id: string }) => f.id)).toEqual([own.id]);
      expect(first.body.nextCursor).toBeNull();

      const fatimaAll = (await expectStatus(agent.get('/api/feedback/mine?limit=100'), 200)).body.items as {
        id: string;
        reporter: { email: string };
      }[];
      expect(fatimaAll.every((f) => f.reporter.email === 'fatima@lindeveen.nl')).toBe(true);
      const page1 = await expectStatus(agent.get('/api/feedback/mine?limit=2'), 200);
      const page2 = await expectStatus(agent.get(`/api/feedback/mine?limit=2&cursor=${page1.body.nextCursor}`), 200);
      expect([...page1.body.items, ...page2.body.items].map((f: { id: string }) => f.id)).toEqual(fatimaAll.slice(0, 4).map((f) => f.id));

      expect((await expectStatus(otherAgent.get(`/api/feedback/${fatimaAll[0].id}`), 403)).body.code).toBe('FORBIDDEN');
      await expectStatus(agent.get('/api/feedback/mine?cursor=bogus'), 400);
    });

    it("lists a department's feedback for its editors and coordinators, filtered by status and article", async () => {
      const annaList = (await expectStatus(anna.get('/api/feedback?limit=100'), 200)).body.items as { department: { slug: string } }[];
      expect(annaList.length).toBeGreaterThan(0);
      expect(annaList.every((f) => f.department.slug === 'burgerzaken')).toBe(true);
      const bobList = (await expectStatus(bob.get('/api/feedback?limit=100'), 200)).body.items as { department: { slug: string } }[];
      expect(bobList.every((f) => f.department.slug === 'belastingen')).toBe(true);

      expect((await expectStatus(bob.get('/api/feedback?department=burgerzaken'), 403)).body.code).toBe('FORBIDDEN');
      expect((await expectStatus(coordinator.get('/api/feedback?department=onbekend'), 400)).body.errors[0]).toMatchObject({
        field: 'department',
        code: 'UNKNOWN_DEPARTMENT',
      });
      await expectStatus(agent.get('/api/feedback'), 403);

      const resolved = (await expectStatus(coordinator.get(`/api/feedback?status=resolved&article=${paspoort.id}`), 200)).body.items;
      expect(resolved.map((f: { comment: string }) => f.comment)).toEqual(['Pasfoto-eisen ontbreken.']);
      expect((await expectStatus(coordinator.get('/api/feedback?status=closed'), 400)).body.errors[0].field).toBe('status');
    });
  });

  describe('figures for content health', () => {
    // A department of its own, so the truth below is all there is.
    let afvalpas: { id: string }, container: { id: string };
    beforeAll(async () => {
      await expectStatus(admin.post('/api/departments').send({ slug: 'afval', name: 'Afval', coordinators: ['kim@lindeveen.nl'] }), 201);
      const carla = await signIn(t.http, 'carla', ['editor'], ['afval'], 'Carla');
      afvalpas = await publish(carla, {
        kind: 'product',
        title: 'Afvalpas',
        department: 'afval',
        summary: 'Voor de container.',
        sections: { kosten: '€ 12,50.' },
      });
      container = await publish(carla, {
        kind: 'product',
        title: 'Container kapot',
        department: 'afval',
        summary: 'Meld het.',
        sections: { inleiding: 'Meld het.' },
      });
      const ids: string[] = [];
      for (let i = 0; i < 5; i++)
        ids.push((await expectStatus(report(afvalpas.id, { kind: 'incorrect', comment: `Melding ${i}` }), 201)).body.id);
      const onContainer = (await expectStatus(report(container.id, { kind: 'unclear', comment: 'Welke container?' }), 201)).body.id;
      // afvalpas: 2 open, 1 in progress, 1 resolved, 1 rejected; container: 1 in progress
      await expectStatus(carla.post(`/api/feedback/${ids[0]}/start`), 200);
      await expectStatus(carla.post(`/api/feedback/${ids[1]}/resolve`).send({ reply: 'Opgelost.' }), 200);
      await expectStatus(carla.post(`/api/feedback/${ids[2]}/reject`).send({ reply: 'Klopt wel.' }), 200);
      await expectStatus(carla.post(`/api/feedback/${onContainer}/start`), 200);
    });

    it('counts open and in-progress feedback per department and per article', async () => {
      const summary = await expectStatus(coordinator.get('/api/feedback/summary?department=afval'), 200);
      expect(summary.body.departments).toEqual([
        { departmentId: expect.any(String), slug: 'afval', name: 'Afval', open: 2, inProgress: 1 + 1 },
      ]);
      expect(summary.body.articles).toEqual([
        { articleId: afvalpas.id, title: 'Afvalpas', departmentId: summary.body.departments[0].departmentId, open: 2, inProgress: 1 },
        {
          articleId: container.id,
          title: 'Container kapot',
          departmentId: summary.body.departments[0].departmentId,
          open: 0,
          inProgress: 1,
        },
      ]);
      const health = t.app.get(FeedbackWorkItemsService);
      const byDepartment = await health.countsByDepartment();
      expect(byDepartment.get(summary.body.departments[0].departmentId)).toEqual({ open: 2, inProgress: 2 });
      const byArticle = await health.countsByArticle([afvalpas.id, paspoort.id, faq.id]);
      expect(byArticle.get(afvalpas.id)).toMatchObject({ open: 2, inProgress: 1 });
      expect(byArticle.has(paspoort.id)).toBe(true);
    });

    it('lists the active feedback as tasks for the department editors and for coordinators it was routed to', async () => {
      const health = t.app.get(FeedbackWorkItemsService);
      const carla = { userId: 'x', email: 'carla@lindeveen.nl', name: 'Carla', roles: ['editor' as const], departments: ['afval'] };
      const tasks = await health.tasksFor(carla);
      // all reported at the same moment: the order among them is by id, so compare as a set
      expect(tasks.map((task) => [task.kind, task.title, task.summary]).sort()).toEqual([
        ['feedback', 'Afvalpas', 'Terugmelding (onjuist)'],
        ['feedback', 'Afvalpas', 'Terugmelding (onjuist)'],
        ['feedback', 'Afvalpas', 'Terugmelding (onjuist), in behandeling'],
        ['feedback', 'Container kapot', 'Terugmelding (onduidelijk), in behandeling'],
      ]);
      expect(tasks[0]).toMatchObject({ since: '2026-11-24T09:00:00.000Z', link: `/api/feedback/${tasks[0].id}` });
      // Kim stands in for the FAQ whose owner left: that feedback is hers; other departments' is not.
      const kim = { userId: 'y', email: 'kim@lindeveen.nl', name: 'Kim', roles: ['coordinator' as const], departments: [] };
      expect((await health.tasksFor(kim)).map((task) => task.articleId)).toEqual([faq.id]);
    });

    it('moves active feedback along when the article moves to another department', async () => {
      const article = (await expectStatus(coordinator.get(`/api/articles/${container.id}`), 200)).body;
      await expectStatus(
        coordinator.patch(`/api/articles/${container.id}`).set('If-Match', article.etag).send({ department: 'burgerzaken' }),
        200,
      );
      // Moved in the same transaction: nothing to wait for once the PATCH has answered.
      const moved = (await expectStatus(coordinator.get(`/api/feedback?article=${container.id}`), 200)).body.items;
      expect(moved.map((f: { department: { slug: string } }) => f.department.slug)).toEqual(['burgerzaken']);
      const afval = await expectStatus(coordinator.get('/api/feedback/summary?department=afval'), 200);
      expect(afval.body.departments[0]).toMatchObject({ open: 2, inProgress: 1 });
    });

    it('moves it in the same transaction as the department change, so a crash after the commit cannot leave it behind', async () => {
      // Committed without this process seeing it (another replica that died right after its commit, a
      // repair in SQL): no in-memory signal, no background work to wait for.
      const department = async (slug: string) =>
        (await t.dataSource.query(`SELECT id FROM departments WHERE slug = $1`, [slug]))[0].id as string;
      const [afval, burgerzaken] = [await department('afval'), await department('burgerzaken')];
      await t.dataSource.transaction(async (manager) => {
        await manager.query(`UPDATE articles SET department_id = $2 WHERE id = $1`, [afvalpas.id, burgerzaken]);
        const inside: { status: string; department_id: string }[] = await manager.query(
          `SELECT status, department_id FROM feedback WHERE article_id = $1 ORDER BY status`,
          [afvalpas.id],
        );
        // Active feedback moves with the article; closed feedback stays where it was handled.
        expect(
          inside.map((f) => [f.status, f.department_id === burgerzaken ? 'burgerzaken' : f.department_id === afval ? 'afval' : '?']),
        ).toEqual([
          ['in_progress', 'burgerzaken'],
          ['open', 'burgerzaken'],
          ['open', 'burgerzaken'],
          ['rejected', 'afval'],
          ['resolved', 'afval'],
        ]);
      });
      const summary = await expectStatus(coordinator.get('/api/feedback/summary?department=afval'), 200);
      expect(summary.body.articles).toEqual([]); // nothing active left in afval
    });
  });
});

import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { StewardshipProcessor } from '../../src/stewardship/jobs/stewardship.processor';
import { StewardshipJob } from '../../src/stewardship/jobs/stewardship-jobs';
import { StewardshipTrigger } from '../../src/stewardship/jobs/stewardship.trigger';
import { ReviewRemindersRepository } from '../../src/stewardship/review-reminders.repository';
import { ReviewScanService } from '../../src/stewardship/review-scan.service';
import { TestApp, createTestApp, createTestAppOn } from '../setup/test-app';
import { api } from '../support/builders';
import { SmtpInbox, startSmtpInbox } from '../support/smtp-inbox';
import { importArticles } from '../support/stewardship';

const NOW = new Date('2026-11-23T05:30:00Z'); // 06:30 in Amsterdam
const LATER_TODAY = new Date('2026-11-23T14:00:00Z'); // a review date today: stage "due"
const MINUTE = 60_000;

describe('reminder delivery: exactly once, retries, dead letters (e2e)', () => {
  let t: TestApp;
  let inbox: SmtpInbox;
  let env: Record<string, string>;
  const run = (app: TestApp, job: StewardshipJob) => app.app.get(StewardshipProcessor).run(job);
  const mailsAbout = (title: string) => inbox.mails.filter((m) => m.subject.includes(title));
  const deliveryOf = async (articleId: string) =>
    (
      await t.dataSource.query(
        `SELECT d.* FROM stewardship_deliveries d JOIN review_reminders r ON r.id = d.reminder_id WHERE r.article_id = $1 ORDER BY d.created_at, d.recipient`,
        [articleId],
      )
    )[0];

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    env = { SMTP_URL: inbox.url, STEWARDSHIP_RETRY_ATTEMPTS: '3', STEWARDSHIP_RETRY_BASE_SECONDS: '60' };
    t = await createTestApp(env, NOW);
    await api(t.http).department('burgerzaken', { coordinators: ['kees@lindeveen.nl'] });
    await api(t.http).department('sport');
  });
  afterAll(async () => {
    await t?.close();
    await inbox?.close();
  });
  beforeEach(() => {
    t.clock.set(NOW);
  });

  it('sends each reminder once when two instances scan at the same time, and nothing new on a second scan that day', async () => {
    const titles = Array.from({ length: 25 }, (_, i) => `Gelijktijdig ${i}`);
    await importArticles(
      t.http,
      titles.map((title) => ({ title, owner: 'anna@lindeveen.nl', reviewDueAt: LATER_TODAY })),
    );
    const other = await createTestAppOn((t.dataSource.options as { url: string }).url, env, t.clock);
    try {
      await Promise.all([
        run(t, StewardshipJob.Scan),
        run(other, StewardshipJob.Scan),
        run(t, StewardshipJob.Scan),
        run(other, StewardshipJob.Scan),
      ]);
      let received = inbox.mails.filter((m) => m.subject.includes('Gelijktijdig'));
      expect(received).toHaveLength(25);
      expect(new Set(received.map((m) => m.subject)).size).toBe(25);

      // and deliveries drained by four runs at once, on both instances
      const more = Array.from({ length: 25 }, (_, i) => `Tegelijk bezorgd ${i}`);
      await importArticles(
        t.http,
        more.map((title) => ({ title, owner: 'anna@lindeveen.nl', reviewDueAt: LATER_TODAY })),
      );
      await Promise.all([t, other, t, other].map((app) => app.app.get(ReviewScanService).scan()));
      await Promise.all([t, other, t, other].map((app) => run(app, StewardshipJob.Deliver)));
      received = inbox.mails.filter((m) => m.subject.includes('Tegelijk bezorgd'));
      expect(received).toHaveLength(25);
      expect(new Set(received.map((m) => m.subject)).size).toBe(25);
      expect(received.every((m) => m.subject.endsWith('(vandaag)') && m.to.join() === 'anna@lindeveen.nl')).toBe(true);

      await Promise.all([run(t, StewardshipJob.Scan), run(other, StewardshipJob.Scan)]);
      t.clock.set(new Date(NOW.getTime() + 10 * 3_600_000)); // later the same day
      await run(other, StewardshipJob.Scan);
      expect(inbox.mails.filter((m) => m.subject.includes('Gelijktijdig'))).toHaveLength(25);
    } finally {
      await other.close();
    }
  });

  it('sends a reminder recorded just before a crash when the next instance starts, once', async () => {
    const [id] = await importArticles(t.http, [{ title: 'Na de crash', owner: 'anna@lindeveen.nl', reviewDueAt: LATER_TODAY }]);
    await t.app.get(ReviewScanService).scan(); // recorded and committed; the process "dies" before delivering
    expect(mailsAbout('Na de crash')).toHaveLength(0);
    expect((await deliveryOf(id)).status).toBe('pending');

    const restarted = await createTestAppOn((t.dataSource.options as { url: string }).url, env, t.clock);
    try {
      await run(restarted, StewardshipJob.Deliver);
      await run(restarted, StewardshipJob.Scan);
      await run(t, StewardshipJob.Deliver);
    } finally {
      await restarted.close();
    }
    expect(mailsAbout('Na de crash')).toHaveLength(1);
  });

  it('retries a transient SMTP failure after the backoff and sends it once', async () => {
    const [id] = await importArticles(t.http, [{ title: 'Haperende server', owner: 'anna@lindeveen.nl', reviewDueAt: LATER_TODAY }]);
    inbox.failNext(1);
    await run(t, StewardshipJob.Scan);
    expect(mailsAbout('Haperende server')).toHaveLength(0);
    expect(await deliveryOf(id)).toMatchObject({ status: 'pending', attempts: 1, last_error: expect.stringContaining('451') });

    await run(t, StewardshipJob.Deliver); // the backoff has not passed
    expect(mailsAbout('Haperende server')).toHaveLength(0);
    t.clock.set(new Date(NOW.getTime() + MINUTE));
    await run(t, StewardshipJob.Deliver);
    await run(t, StewardshipJob.Deliver);
    expect(mailsAbout('Haperende server')).toHaveLength(1);
    expect(await deliveryOf(id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('dead-letters what cannot be delivered; a coordinator sees it and can send it again', async () => {
    const [refused] = await importArticles(t.http, [{ title: 'Onbekende ontvanger', owner: 'weg@lindeveen.nl', reviewDueAt: LATER_TODAY }]);
    inbox.failNext(1, 550); // refused for good
    await run(t, StewardshipJob.Scan);
    const [flaky] = await importArticles(t.http, [{ title: 'Steeds mis', owner: 'anna@lindeveen.nl', reviewDueAt: LATER_TODAY }]);
    inbox.failNext(3); // three transient failures: the attempts (3) are used up
    await run(t, StewardshipJob.Scan);
    for (const minutes of [1, 3]) {
      t.clock.set(new Date(NOW.getTime() + minutes * MINUTE));
      await run(t, StewardshipJob.Deliver);
    }
    const letters = (await t.http.get('/api/stewardship/dead-letters').expect(200)).body as {
      id: string;
      outcome: string;
      lastError: string;
      reminder: { articleId: string };
    }[];
    const permanent = letters.find((l) => l.reminder.articleId === refused)!;
    expect(permanent).toMatchObject({
      status: 'dead',
      outcome: 'permanent',
      attempts: 1,
      lastError: expect.stringContaining('550'),
      recipient: expect.any(String),
      reminder: { stage: 'due' },
    });
    const exhausted = letters.find((l) => l.reminder.articleId === flaky)!;
    expect(exhausted).toMatchObject({ outcome: 'exhausted', attempts: 3, lastError: expect.stringContaining('451') });
    expect(mailsAbout('Onbekende ontvanger').length + mailsAbout('Steeds mis').length).toBe(0);

    for (const letter of [permanent, exhausted]) {
      const retried = await t.http.post(`/api/stewardship/dead-letters/${letter.id}/retry`);
      expect(retried.status).toBe(202);
      expect(retried.body).toMatchObject({ id: letter.id, status: 'pending', attempts: 0 });
    }
    await t.app.get(StewardshipTrigger).settle();
    expect(mailsAbout('Onbekende ontvanger')).toHaveLength(1);
    expect(mailsAbout('Steeds mis')).toHaveLength(1);
    expect((await t.http.get('/api/stewardship/dead-letters')).body.map((l: { id: string }) => l.id)).not.toContain(permanent.id);

    const again = await t.http.post(`/api/stewardship/dead-letters/${permanent.id}/retry`);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'DELIVERY_NOT_DEAD', status: 'sent' });
    const unknown = await t.http.post('/api/stewardship/dead-letters/00000000-0000-4000-8000-000000000000/retry');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('DELIVERY_NOT_FOUND');
    const bad = await t.http.post('/api/stewardship/dead-letters/nope/retry');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('id');
  });

  it('never sends again what a stopped worker was sending: a person decides', async () => {
    const [id] = await importArticles(t.http, [{ title: 'Halverwege gestopt', owner: 'anna@lindeveen.nl', reviewDueAt: LATER_TODAY }]);
    await t.app.get(ReviewScanService).scan();
    const claimed = await t.app.get(ReviewRemindersRepository).claim(t.clock.now(), 100); // a worker took it, then died
    expect(claimed.map((d) => d.articleId)).toContain(id);

    await run(t, StewardshipJob.Deliver);
    expect(await deliveryOf(id)).toMatchObject({ status: 'sending' });
    t.clock.set(new Date(NOW.getTime() + 16 * MINUTE));
    await run(t, StewardshipJob.Deliver);
    expect(await deliveryOf(id)).toMatchObject({ status: 'dead', outcome: 'interrupted' });
    expect(mailsAbout('Halverwege gestopt')).toHaveLength(0);
  });

  it('cancels a recorded reminder when the review is confirmed before it goes out', async () => {
    const [id] = await importArticles(t.http, [{ title: 'Al gecontroleerd', owner: 'anna@lindeveen.nl', reviewDueAt: LATER_TODAY }]);
    await t.app.get(ReviewScanService).scan();
    await t.http.post(`/api/articles/${id}/confirm-review`).expect(200);
    await run(t, StewardshipJob.Deliver);
    expect(await deliveryOf(id)).toMatchObject({ status: 'cancelled', outcome: 'cycle_closed' });
    expect(mailsAbout('Al gecontroleerd')).toHaveLength(0);
  });

  it('keeps a reminder nobody can receive as a dead letter, and replaces it once there is someone', async () => {
    const [id] = await importArticles(t.http, [{ title: 'Zonder eigenaar', department: 'sport', reviewDueAt: LATER_TODAY }]);
    const created = await t.http.get(`/api/articles/${id}`);
    api(t.http).expectStatus(await api(t.http).patch(id, created.body.etag, { owner: null }), 200);
    await run(t, StewardshipJob.Scan);
    const letter = (await t.http.get('/api/stewardship/dead-letters')).body.find(
      (l: { reminder: { articleId: string } }) => l.reminder.articleId === id,
    );
    expect(letter).toMatchObject({ outcome: 'no_recipient', recipient: null, attempts: 0 });

    const nobody = await t.http.post(`/api/stewardship/dead-letters/${letter.id}/retry`);
    expect(nobody.status).toBe(409);
    expect(nobody.body.code).toBe('DELIVERY_NO_RECIPIENT');

    await t.http
      .patch('/api/departments/sport')
      .send({ coordinators: ['sanne@lindeveen.nl'] })
      .expect(200);
    const replaced = await t.http.post(`/api/stewardship/dead-letters/${letter.id}/retry`);
    expect(replaced.status).toBe(202);
    expect(replaced.body).toMatchObject({ status: 'cancelled', outcome: 'replaced' });
    await t.app.get(StewardshipTrigger).settle();
    expect(mailsAbout('Zonder eigenaar').map((m) => m.to)).toEqual([['sanne@lindeveen.nl']]);
  });
});

describe('reminder delivery through e-mail and a webhook (e2e)', () => {
  let t: TestApp;
  let inbox: SmtpInbox;
  let hook: Server;
  const hookBodies: { subject: string }[] = [];
  let hookFailures = 0;

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        if (hookFailures > 0) {
          hookFailures--;
          res.writeHead(503).end();
          return;
        }
        hookBodies.push(JSON.parse(body));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    t = await createTestApp({ SMTP_URL: inbox.url, NOTIFY_WEBHOOK_URL: hookUrl }, NOW);
    await api(t.http).department('burgerzaken');
  });
  afterAll(async () => {
    await t?.close();
    await inbox?.close();
    hook?.closeAllConnections();
    await new Promise<void>((resolve) => hook.close(() => resolve()));
  });

  it('retries only the channel that failed: no second e-mail', async () => {
    await importArticles(t.http, [{ title: 'Twee kanalen', owner: 'anna@lindeveen.nl', reviewDueAt: LATER_TODAY }]);
    hookFailures = 1;
    await t.app.get(StewardshipProcessor).run(StewardshipJob.Scan);
    expect(inbox.mails).toHaveLength(1);
    expect(hookBodies).toHaveLength(0);
    t.clock.set(new Date(NOW.getTime() + 60 * MINUTE));
    await t.app.get(StewardshipProcessor).run(StewardshipJob.Deliver);
    expect(inbox.mails).toHaveLength(1);
    expect(hookBodies.map((b) => b.subject)).toEqual(['Controle nodig: Twee kanalen (vandaag)']);
  });
});

describe('reminder delivery without any channel (e2e)', () => {
  it('records the reminder and cancels its delivery instead of piling it up', async () => {
    const t = await createTestApp({}, NOW);
    try {
      await api(t.http).department('burgerzaken');
      await importArticles(t.http, [{ title: 'Geen kanaal', owner: 'anna@lindeveen.nl', reviewDueAt: LATER_TODAY }]);
      const result = (await t.app.get(StewardshipProcessor).run(StewardshipJob.Scan)) as {
        scan: { reminders: number };
        delivered: { cancelled: number };
      };
      expect(result.scan.reminders).toBe(1);
      expect(result.delivered.cancelled).toBe(1);
      const [row] = await t.dataSource.query(`SELECT status, outcome FROM stewardship_deliveries`);
      expect(row).toEqual({ status: 'cancelled', outcome: 'no_channel' });
    } finally {
      await t.close();
    }
  });
});

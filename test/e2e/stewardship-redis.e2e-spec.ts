import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { JobWorker } from '../../src/common/queue/job-worker';
import { APP_CONFIG, AppConfig } from '../../src/config/app-config';
import { StewardshipTrigger } from '../../src/stewardship/jobs/stewardship.trigger';
import { SCHEDULER_IDS } from '../../src/stewardship/jobs/stewardship-jobs';
import { TestApp, createTestApp } from '../setup/test-app';
import { api } from '../support/builders';
import { SmtpInbox, startSmtpInbox } from '../support/smtp-inbox';
import { importArticles } from '../support/stewardship';

const NOW = new Date('2026-11-23T09:00:00Z'); // 10:00 in Amsterdam: the 06:30 scan is due

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A Redis of our own, which this test stops and starts (the shared test Redis is left alone). */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  await until(async () => {
    const probe = createServer();
    // the port is taken once Redis listens
    return new Promise<boolean>((resolve) => {
      probe.once('error', () => resolve(true));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(false)));
    });
  });
  return child;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function until(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('stewardship while Redis is down (e2e)', () => {
  let t: TestApp;
  let inbox: SmtpInbox;
  let redis: ChildProcess;
  let port: number;
  let worker: JobWorker | undefined;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    inbox = await startSmtpInbox();
    t = await createTestApp({ REDIS_URL: `redis://127.0.0.1:${port}`, SMTP_URL: inbox.url }, NOW);
    await api(t.http).department('burgerzaken');
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await inbox?.close();
    if (redis) await stopRedis(redis);
  });

  it('keeps the API serving, and catches up the missed scan when Redis is back', async () => {
    await stopRedis(redis);

    // The API does not depend on Redis: editing, publishing, the dashboard, tasks, preferences.
    const [id] = await importArticles(t.http, [
      { title: 'Tijdens de storing', owner: 'anna@lindeveen.nl', reviewDueAt: new Date('2026-11-23T14:00:00Z') },
    ]);
    const a = api(t.http);
    const other = await a.product({ title: 'Nieuw tijdens de storing' });
    await a.publish(other.id);
    expect((await t.http.get('/api/stewardship/overview')).status).toBe(200);
    expect((await t.http.get('/api/stewardship/tasks').set('X-Kennisbank-User', 'anna@lindeveen.nl')).status).toBe(200);
    expect((await t.http.put('/api/stewardship/preferences').send({ reminderMail: 'per-article' })).status).toBe(200);

    // The worker starts while Redis is down: nothing happens, nothing crashes.
    worker = new JobWorker([t.app.get(StewardshipTrigger).jobs], {
      redisUrl: t.app.get<AppConfig>(APP_CONFIG).redis.url,
      checkEveryMs: 200,
    });
    void worker.start();
    await new Promise((r) => setTimeout(r, 500));
    expect(inbox.mails).toHaveLength(0);
    expect(await t.dataSource.query(`SELECT * FROM stewardship_runs`)).toEqual([]);

    // Redis is back (empty: it kept nothing): the schedulers are restored and the missed scan runs.
    redis = await startRedis(port);
    await until(async () => inbox.mails.length > 0);
    expect(inbox.mails.map((m) => [m.subject, m.to])).toEqual([['Controle nodig: Tijdens de storing (vandaag)', ['anna@lindeveen.nl']]]);
    const queue = t.app.get(StewardshipTrigger).jobs.queue!;
    await until(async () => !!(await queue.getJobScheduler(SCHEDULER_IDS.scan)));
    expect(await queue.getJobScheduler(SCHEDULER_IDS.digest)).toBeTruthy();
    const runs = await t.dataSource.query(`SELECT job, finished_at IS NOT NULL AS finished FROM stewardship_runs ORDER BY id`);
    expect(runs).toContainEqual({ job: 'scan', finished: true });

    // Caught up once: later checks find nothing missed.
    await new Promise((r) => setTimeout(r, 600));
    expect(inbox.mails).toHaveLength(1);
    const [reminder] = await t.dataSource.query(`SELECT stage FROM review_reminders WHERE article_id = $1`, [id]);
    expect(reminder).toEqual({ stage: 'due' });
  }, 60_000);
});

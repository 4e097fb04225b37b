import type { Job, Queue } from 'bullmq';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { LinkCheckJob } from '../../src/link-check/jobs/link-check-jobs';
import { LinkCheckProcessor } from '../../src/link-check/jobs/link-check.processor';
import { LinkCheckReportService } from '../../src/link-check/link-check-report.service';
import { LinkCheckService } from '../../src/link-check/link-check.service';
import { UrlChecker } from '../../src/link-check/url-checker';
import { TestApp, createTestApp } from '../setup/test-app';
import { SignedIn, TEST_JWT_SECRET, expectStatus, publishArticle, signIn } from '../support/actors';

/** A local web server with one path per kind of link; counts requests per `METHOD /path`. */
class LinkServer {
  readonly hits = new Map<string, number>();
  private server?: Server;
  base = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  count(key: string): number {
    return this.hits.get(key) ?? 0;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const key = `${req.method} ${req.url}`;
    this.hits.set(key, this.count(key) + 1);
    const send = (status: number, headers: Record<string, string> = {}): void =>
      void res.writeHead(status, headers).end(req.method === 'HEAD' ? undefined : 'body');
    if (req.url?.startsWith('/redirect?to=')) return send(302, { location: new URL(req.url, this.base).searchParams.get('to')! });
    switch (req.url) {
      case '/ok':
        return send(200);
      case '/moved':
        return send(301, { location: '/ok' });
      case '/temp':
        return send(302, { location: `${this.base}/ok` });
      case '/loop':
        return send(302, { location: '/loop' });
      case '/missing':
        return send(404);
      case '/error':
        return send(500);
      case '/flaky':
        return send(this.count('HEAD /flaky') === 1 ? 503 : 200);
      case '/head-405':
        return send(req.method === 'HEAD' ? 405 : 200);
      case '/slow':
        return; // never answers
      default:
        return send(404);
    }
  }
}

const LINK_TIMEOUT_MS = 1000;

describe('link check (e2e)', () => {
  const web = new LinkServer();
  let t: TestApp;
  let coordinator: SignedIn, anna: SignedIn, carla: SignedIn;
  let paspoort: { id: string }, verhuizen: { id: string }, afvalpas: { id: string };

  const publish = (author: SignedIn, body: Record<string, unknown>) =>
    publishArticle(author, coordinator, { summary: 'Samenvatting.', ...body });

  beforeAll(async () => {
    await web.start();
    const u = (path: string) => `${web.base}${path}`;
    t = await createTestApp({
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      LINK_CHECK_ALLOW_PRIVATE: 'true',
      // /slow never answers; every other link answers at once, but on a loaded CI machine not always
      // within a few hundred ms, and a timed-out link is retried (which the request counts below see).
      LINK_CHECK_TIMEOUT_MS: String(LINK_TIMEOUT_MS),
      LINK_CHECK_RETRIES: '2',
      LINK_CHECK_RETRY_DELAY_MS: '10',
      LINK_CHECK_CONCURRENCY: '3',
    });
    const admin = await signIn(t.http, 'admin', ['admin']);
    coordinator = await signIn(t.http, 'kim', ['coordinator']);
    anna = await signIn(t.http, 'anna', ['editor'], ['burgerzaken']);
    carla = await signIn(t.http, 'carla', ['editor'], ['afval']);
    await expectStatus(admin.post('/api/departments').send({ slug: 'burgerzaken', name: 'Burgerzaken' }), 201);
    await expectStatus(admin.post('/api/departments').send({ slug: 'afval', name: 'Afval' }), 201);
    paspoort = await publish(anna, {
      kind: 'product',
      title: 'Paspoort aanvragen',
      department: 'burgerzaken',
      sections: {
        aanvraag: `Met [het formulier](${u('/ok')}) (voorheen [hier](${u('/moved')})).`,
        kosten: `Zie [de tarieven](${u('/missing')}#2027).`,
      },
    });
    verhuizen = await publish(anna, {
      kind: 'faq',
      title: 'Verhuizing doorgeven',
      department: 'burgerzaken',
      question: 'Hoe geef ik een verhuizing door?',
      answer: `Via [het loket](${u('/error')}) of [de app](${u('/slow')}).`,
      explanation: `Zie ook [dit](${u('/ok')}), [dat](${u('/flaky')}) en [tijdelijk](${u('/temp')}).`,
      kccNotes: `Intern: [de lus](${u('/loop')}).`,
    });
    afvalpas = await publish(carla, {
      kind: 'product',
      title: 'Afvalpas',
      department: 'afval',
      sections: {
        inleiding: `[Afvalkalender](${u('/head-405')}), [mail](mailto:afval@lindeveen.nl), [intern](/artikelen/x), [tarieven](${u('/missing')}).`,
      },
    });
    // not checked: a draft, an archived article and a pending revision of a live one
    await expectStatus(
      carla.post('/api/articles').send({ kind: 'faq', title: 'Concept', department: 'afval', answer: `[x](${u('/draft')})` }),
      201,
    );
    const archived = await publish(anna, {
      kind: 'product',
      title: 'Oud',
      department: 'burgerzaken',
      sections: { inleiding: `[x](${u('/archived')})` },
    });
    await expectStatus(anna.post(`/api/articles/${archived.id}/archive`), 200);
    const live = (await expectStatus(anna.get(`/api/articles/${paspoort.id}`), 200)).body;
    await expectStatus(
      anna
        .patch(`/api/articles/${paspoort.id}`)
        .set('If-Match', live.etag)
        .send({ sections: { kosten: `[nieuw](${u('/revision')})` } }),
      200,
    );
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await web.stop();
  });

  it('has nothing to report before the first run', async () => {
    expect((await expectStatus(coordinator.get('/api/link-check/report'), 404)).body.code).toBe('LINK_CHECK_NO_RUN');
  });

  it('checks every external link of the published content once, in the background, one run at a time', async () => {
    const started = await expectStatus(coordinator.post('/api/link-check/run'), 202);
    expect(started.body).toMatchObject({ status: 'running', trigger: 'kim@lindeveen.nl', startedAt: '2026-11-23T09:00:00.000Z' });
    const again = await expectStatus(coordinator.post('/api/link-check/run'), 409);
    expect(again.body).toMatchObject({ code: 'LINK_CHECK_RUNNING', runId: started.body.id });
    await t.app.get(LinkCheckProcessor).settle();

    const report = (await expectStatus(coordinator.get('/api/link-check/report'), 200)).body;
    expect(report.run).toMatchObject({ id: started.body.id, status: 'completed', articles: 3, links: 9, broken: 4, error: null });
    expect(report.latest).toBeNull();
    expect(
      report.departments.map((d: { department: { slug: string }; brokenLinks: number; articles: number }) => [
        d.department.slug,
        d.brokenLinks,
        d.articles,
      ]),
    ).toEqual([
      ['afval', 1, 1],
      ['burgerzaken', 4, 2],
    ]);
    const u = (path: string) => `${web.base}${path}`;
    expect(report.articles).toEqual([
      {
        articleId: afvalpas.id,
        title: 'Afvalpas',
        departmentId: expect.any(String),
        brokenLinks: [{ url: u('/missing'), part: 'sections.inleiding', status: 'broken', httpStatus: 404, finalUrl: null, error: null }],
      },
      {
        articleId: paspoort.id,
        title: 'Paspoort aanvragen',
        departmentId: expect.any(String),
        brokenLinks: [{ url: u('/missing'), part: 'sections.kosten', status: 'broken', httpStatus: 404, finalUrl: null, error: null }],
      },
      {
        articleId: verhuizen.id,
        title: 'Verhuizing doorgeven',
        departmentId: expect.any(String),
        brokenLinks: [
          { url: u('/error'), part: 'answer', status: 'broken', httpStatus: 500, finalUrl: null, error: null },
          {
            url: u('/slow'),
            part: 'answer',
            status: 'unreachable',
            httpStatus: null,
            finalUrl: null,
            error: `no answer within ${LINK_TIMEOUT_MS} ms`,
          },
          { url: u('/loop'), part: 'kccNotes', status: 'broken', httpStatus: null, finalUrl: u('/loop'), error: 'more than 5 redirects' },
        ],
      },
    ]);

    // one request per distinct URL (retries aside), HEAD first, GET only when HEAD is refused
    expect(web.count('HEAD /missing')).toBe(1);
    expect(web.count('GET /missing')).toBe(0);
    expect([web.count('HEAD /head-405'), web.count('GET /head-405')]).toEqual([1, 1]);
    expect(web.count('HEAD /error')).toBe(3);
    expect(web.count('HEAD /slow')).toBe(3);
    expect(web.count('HEAD /flaky')).toBe(2);
    for (const path of ['/draft', '/archived', '/revision']) expect(web.count(`HEAD ${path}`) + web.count(`GET ${path}`)).toBe(0);
  });

  it('reports one department, and every link of one article for its editors', async () => {
    const afval = (await expectStatus(coordinator.get('/api/link-check/report?department=afval'), 200)).body;
    expect(afval.departments.map((d: { department: { slug: string } }) => d.department.slug)).toEqual(['afval']);
    expect(afval.articles.map((a: { articleId: string }) => a.articleId)).toEqual([afvalpas.id]);
    expect((await expectStatus(coordinator.get('/api/link-check/report?department=groen'), 400)).body.errors[0]).toMatchObject({
      field: 'department',
      code: 'UNKNOWN_DEPARTMENT',
    });
    await expectStatus(anna.get('/api/link-check/report'), 403);
    await expectStatus(anna.post('/api/link-check/run'), 403);

    const u = (path: string) => `${web.base}${path}`;
    const links = (await expectStatus(anna.get(`/api/link-check/articles/${verhuizen.id}`), 200)).body.links;
    expect(
      links.map((l: { url: string; part: string; status: string; httpStatus: number | null; finalUrl: string | null }) => [
        l.part,
        l.url,
        l.status,
        l.httpStatus,
        l.finalUrl,
      ]),
    ).toEqual([
      ['answer', u('/error'), 'broken', 500, null],
      ['answer', u('/slow'), 'unreachable', null, null],
      ['explanation', u('/flaky'), 'ok', 200, null],
      ['explanation', u('/ok'), 'ok', 200, null],
      ['explanation', u('/temp'), 'ok', 200, u('/ok')],
      ['kccNotes', u('/loop'), 'broken', null, u('/loop')],
    ]);
    const paspoortLinks = (await expectStatus(anna.get(`/api/link-check/articles/${paspoort.id}`), 200)).body.links;
    expect(paspoortLinks.find((l: { url: string }) => l.url === u('/moved'))).toMatchObject({
      status: 'redirected',
      httpStatus: 200,
      finalUrl: u('/ok'),
    });
    await expectStatus(anna.get('/api/link-check/articles/nope'), 400);
  });

  it('gives the figures and tasks the stewardship dashboard needs', async () => {
    const reports = t.app.get(LinkCheckReportService);
    const departments = (await expectStatus(coordinator.get('/api/departments'), 200)).body as { id: string; slug: string }[];
    const idOf = (slug: string) => departments.find((d) => d.slug === slug)!.id;
    const counts = await reports.countsByDepartment();
    expect(counts.get(idOf('burgerzaken'))).toEqual({ brokenLinks: 4, articles: 2 });
    expect(counts.get(idOf('afval'))).toEqual({ brokenLinks: 1, articles: 1 });
    expect(Object.fromEntries(await reports.brokenByArticle([paspoort.id, verhuizen.id, afvalpas.id]))).toEqual({
      [paspoort.id]: 1,
      [verhuizen.id]: 3,
      [afvalpas.id]: 1,
    });
    const tasks = await reports.tasksFor({
      userId: 'n/a',
      email: 'anna@lindeveen.nl',
      name: 'Anna',
      roles: ['editor'],
      departments: ['burgerzaken'],
    });
    expect(tasks.map((task) => [task.kind, task.title, task.summary, task.link])).toEqual([
      ['broken_links', 'Paspoort aanvragen', '1 kapotte link', `/api/link-check/articles/${paspoort.id}`],
      ['broken_links', 'Verhuizing doorgeven', '3 kapotte links', `/api/link-check/articles/${verhuizen.id}`],
    ]);
  });

  it('runs from the worker scheduler too (a job without a run id), and weekly in-process without Redis', async () => {
    t.clock.advanceDays(1);
    const processor = t.app.get(LinkCheckProcessor);
    const run = (await processor.process({ name: LinkCheckJob.Run, data: {} } as Job<never, unknown, LinkCheckJob>)) as {
      status: string;
      trigger: string;
    };
    expect(run).toMatchObject({ status: 'completed', trigger: 'schedule' });
    expect((await expectStatus(coordinator.get('/api/link-check/report'), 200)).body.run).toMatchObject({
      trigger: 'schedule',
      broken: 4,
      startedAt: '2026-11-24T09:00:00.000Z',
    });
    const service = t.app.get(LinkCheckService);
    expect(await service.isDue()).toBe(false);
    t.clock.advanceDays(7);
    expect(await service.isDue()).toBe(true);
  });

  it('never connects to private or loopback addresses unless allowed', async () => {
    const checker = new UrlChecker({ timeoutMs: 500, retries: 0, retryDelayMs: 0, allowPrivate: false });
    const before = web.count('HEAD /ok');
    for (const url of [
      `${web.base}/ok`,
      web.base.replace('127.0.0.1', 'localhost') + '/ok',
      'http://[::1]/ok',
      'http://169.254.169.254/latest/meta-data',
    ]) {
      expect(await checker.check(url)).toMatchObject({ status: 'blocked', httpStatus: null });
    }
    expect(web.count('HEAD /ok')).toBe(before);
    // a public site redirecting into the private network is stopped at the hop
    const allowed = new UrlChecker({ timeoutMs: 500, retries: 0, retryDelayMs: 0, allowPrivate: true });
    expect(await allowed.check(`${web.base}/ok`)).toMatchObject({ status: 'ok', httpStatus: 200, attempts: 1 });
    expect(await allowed.check('http://host-that-does-not-exist.invalid/')).toMatchObject({
      status: 'broken',
      error: 'host not found: host-that-does-not-exist.invalid',
    });
  });
});

describe('link check against private addresses in every spelling (e2e)', () => {
  // Issue 16 item 3: Node's URL parser writes [::ffff:169.254.169.254] as [::ffff:a9fe:a9fe], and the
  // block recognised only the dotted form, so a published link reached the service's own loopback.
  const web = new LinkServer();
  beforeAll(async () => web.start());
  afterAll(async () => web.stop());

  const HOSTS = [
    '[::ffff:7f00:1]',
    '[::ffff:127.0.0.1]',
    '[0:0:0:0:0:ffff:7f00:1]',
    '[::ffff:a9fe:a9fe]',
    '[::ffff:0:7f00:1]',
    '[::7f00:1]',
    '[::]',
    '[::1]',
    '[64:ff9b::7f00:1]',
    '[64:ff9b::a9fe:a9fe]',
    '[2002:7f00:1::1]',
    '[2002:a9fe:a9fe::]',
    '[fe80::1]',
    '[fd00::1]',
    '0xa9.0xfe.0xa9.0xfe',
    '2852039166',
    '10.1',
  ];

  it.each(HOSTS)('refuses %s on the first hop and after a redirect, without a request', async (host) => {
    // Only the test's own server is let through, under its exact address.
    const checker = new UrlChecker({ timeoutMs: 500, retries: 0, retryDelayMs: 0, allowPrivate: false, exemptAddresses: ['127.0.0.1'] });
    const port = new URL(web.base).port;
    const target = `http://${host}:${port}/ok`;
    const before = web.count('HEAD /ok');
    expect(await checker.check(target)).toMatchObject({ status: 'blocked', httpStatus: null });
    const redirected = await checker.check(`${web.base}/redirect?to=${encodeURIComponent(target)}`);
    expect(redirected).toMatchObject({ status: 'blocked', httpStatus: null, finalUrl: new URL(target).toString() });
    expect(web.count('HEAD /ok')).toBe(before);
    // the exemption itself works: the same server under its own address answers
    expect(await checker.check(`${web.base}/ok`)).toMatchObject({ status: 'ok', httpStatus: 200 });
  });
});

describe('link check through BullMQ on a real Redis (e2e)', () => {
  let t: TestApp;
  let queue: Queue;

  beforeAll(async () => {
    const redisUrl = process.env.KB_TEST_REDIS_URL;
    if (!redisUrl)
      throw new Error('KB_TEST_REDIS_URL missing: install redis-server (apt-get install -y redis-server) or set TEST_REDIS_URL');
    t = await createTestApp({ REDIS_URL: redisUrl });
    queue = t.app.get(LinkCheckProcessor).jobs.queue!;
    await queue.obliterate({ force: true });
  });
  afterAll(async () => {
    await queue?.obliterate({ force: true });
    await t?.close();
  });

  it('hands a requested run to the worker, whose processor completes it', async () => {
    const started = await t.http.post('/api/link-check/run').expect(202);
    const [job] = await queue.getJobs(['waiting']);
    expect(job).toMatchObject({ name: LinkCheckJob.Run, data: { runId: started.body.id }, id: `run-${started.body.id}` });
    expect((await t.http.get('/api/link-check/report')).status).toBe(404); // the API did not run it itself
    await t.app.get(LinkCheckProcessor).process(job as Job<never, unknown, LinkCheckJob>);
    expect((await t.http.get('/api/link-check/report').expect(200)).body.run).toMatchObject({
      id: started.body.id,
      status: 'completed',
      links: 0,
    });
  });
});

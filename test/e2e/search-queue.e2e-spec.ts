import type { Job, Queue } from 'bullmq';
import { SearchIndexingProcessor } from '../../src/search/jobs/search-indexing.processor';
import { SearchIndexingTrigger } from '../../src/search/jobs/search-indexing.trigger';
import { SearchJob } from '../../src/search/jobs/search-jobs';
import { TestApp, createTestApp } from '../setup/test-app';
import { api } from '../support/builders';

const redisUrl = process.env.KB_TEST_REDIS_URL;
const until = async (check: () => Promise<boolean>, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('indexing through BullMQ on a real Redis (e2e)', () => {
  let t: TestApp;
  let queue: Queue;

  beforeAll(async () => {
    if (!redisUrl)
      throw new Error('KB_TEST_REDIS_URL missing: install redis-server (apt-get install -y redis-server) or set TEST_REDIS_URL');
    t = await createTestApp({ REDIS_URL: redisUrl });
    queue = t.app.get(SearchIndexingTrigger).jobs.queue!;
    await queue.obliterate({ force: true });
    await api(t.http).department();
  });
  afterAll(async () => {
    await queue?.obliterate({ force: true });
    await t?.close();
  });

  it('enqueues a drain job after a committed change; the processor indexes it', async () => {
    const a = api(t.http);
    const article = await a.publishedProduct({ title: 'Hondenbelasting', summary: 'Voor elke hond.' });
    await until(async () => (await queue.getJobs(['waiting', 'delayed'])).some((j) => j.name === (SearchJob.Drain as string)));
    const [job] = (await queue.getJobs(['waiting'])).filter((j) => j.name === (SearchJob.Drain as string));
    expect(job.opts.attempts).toBeGreaterThan(1);
    expect((await t.http.get('/api/search?q=hondenbelasting')).body.total).toBe(0);

    await t.app.get(SearchIndexingProcessor).process(job as Job<never, unknown, SearchJob>);
    const res = await t.http.get('/api/search?q=hondenbelasting');
    expect(res.body.hits[0]?.id).toBe(article.id);
  });
});

describe('indexing while Redis is down (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:9' });
    await api(t.http).department();
  });
  afterAll(async () => t.close());

  it('keeps editing and search working, indexing in-process', async () => {
    const a = api(t.http);
    const article = await a.publishedProduct({ title: 'Rioolheffing', summary: 'Heffing voor het riool.' });
    await until(async () => (await t.http.get('/api/search?q=rioolheffing')).body.total === 1, 10_000);
    expect((await t.http.get('/api/search?q=rioolheffing')).body.hits[0].id).toBe(article.id);
  });
});

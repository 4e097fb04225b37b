import { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { connect } from 'node:net';
import { Client } from 'pg';
import request from 'supertest';
import { redisConnection } from '../../src/common/queue/redis-connection';
import { loadAppConfig } from '../../src/config/app-config';
import { createHttpApp } from '../../src/http-app';
import { createTestDatabase } from '../setup/test-app';
import { api } from '../support/builders';
import { EntrypointProcess, OwnRedis, freePort, until } from '../support/own-services';

/*
 * SIGTERM to the real entrypoints (ts-node, as `npm run cli` runs them) while work is in flight. The
 * work is held in flight deterministically by a lock the test owns, not by timing: the process must
 * still be running while the test holds the lock, and finish the work once it lets go.
 */

/** Resolves true when nothing accepts a new TCP connection on the port. */
const refuses = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });

/** Sessions of this database waiting for a lock (a row lock, or an advisory lock). */
const waitingOnLocks = async (db: Client, kind: 'transactionid' | 'tuple' | 'advisory' | 'any') =>
  (
    await db.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND ($1 = 'any' OR wait_event = $1)`,
      [kind],
    )
  ).rows[0].n as number;

describe('graceful shutdown of the API (e2e)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Client;
  let server: EntrypointProcess;
  let port: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Client({ connectionString: database.url });
    await db.connect();
    port = await freePort();
    server = new EntrypointProcess('main', {
      DATABASE_URL: database.url,
      PORT: String(port),
      LOAD_FIXTURES: 'false',
      SWAGGER_ENABLED: 'false',
    });
    await server.waitForOutput(/listening on/);
  }, 90_000);
  afterAll(async () => {
    await server?.kill();
    await db?.end();
    await database?.drop();
  });

  it('finishes the request in flight, refuses new connections meanwhile, then exits 0', async () => {
    const http = request(`http://127.0.0.1:${port}`);
    const a = api(http);
    await a.department();
    const article = await a.product({ title: 'Gehandicaptenparkeerkaart' });

    // An editor's save that has to wait: the test holds the article's row lock.
    await db.query('BEGIN');
    await db.query('SELECT id FROM articles WHERE id = $1 FOR UPDATE', [article.id]);
    const save = a.patch(article.id, article.etag, { summary: 'Aangepast tijdens het stoppen.' }).then((res) => res);
    await until(async () => (await waitingOnLocks(db, 'any')) >= 1, 10_000, 'the save waiting for the row lock');

    server.child.kill('SIGTERM');
    await server.waitForOutput(/SIGTERM: finishing in-flight requests/);
    await until(() => refuses(port), 10_000, 'new connections refused');
    expect(server.child.exitCode).toBeNull(); // still finishing the save

    await db.query('COMMIT');
    const res = await save;
    expect(res.status).toBe(200);
    expect(res.body.summary).toBe('Aangepast tijdens het stoppen.');
    expect(await server.exit()).toEqual({ code: 0, signal: null });
    const [row] = (await db.query(`SELECT content->>'summary' AS summary FROM articles WHERE id = $1`, [article.id])).rows;
    expect(row.summary).toBe('Aangepast tijdens het stoppen.');
  }, 60_000);
});

describe('graceful shutdown of the worker (e2e)', () => {
  let redis: OwnRedis;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Client;
  let worker: EntrypointProcess;
  let app: INestApplication;
  let queue: Queue;
  let healthPort: number;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    database = await createTestDatabase();
    db = new Client({ connectionString: database.url });
    await db.connect();
    healthPort = await freePort();
    worker = new EntrypointProcess('worker', { DATABASE_URL: database.url, REDIS_URL: redis.url, WORKER_HEALTH_PORT: String(healthPort) });
    await worker.waitForOutput(/worker started/);
    app = await createHttpApp(loadAppConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error', DATABASE_URL: database.url, REDIS_URL: redis.url }), {
      logger: false,
    });
    await app.init();
    queue = new Queue('search', { connection: redisConnection(redis.url, 'worker') });
  }, 90_000);
  afterAll(async () => {
    await queue?.close();
    await worker?.kill();
    await app?.close();
    await db?.end();
    await database?.drop();
    await redis?.kill();
  });

  it('finishes the running job, reports itself unready meanwhile, then exits 0', async () => {
    const a = api(request(app.getHttpServer()));
    await a.department();
    const draft = await a.product({ title: 'Kapvergunning' });
    const outbox = async () => (await db.query('SELECT count(*)::int AS n FROM article_outbox')).rows[0].n as number;
    await until(async () => (await outbox()) === 0, 20_000, 'the worker draining the outbox');

    // The indexer serialises per article with an advisory lock; the test takes it first.
    await db.query('SELECT pg_advisory_lock(hashtextextended($1, 7))', [draft.id]);
    await a.publish(draft.id);
    await until(async () => (await waitingOnLocks(db, 'advisory')) >= 1, 20_000, 'a drain job waiting for the article lock');

    worker.child.kill('SIGTERM');
    await worker.waitForOutput(/SIGTERM: finishing the running job/);
    await until(async () => (await fetch(`http://127.0.0.1:${healthPort}/health/ready`)).status === 503, 10_000, 'unready while draining');
    expect(worker.child.exitCode).toBeNull(); // still holding the job

    await db.query('SELECT pg_advisory_unlock(hashtextextended($1, 7))', [draft.id]);
    expect(await worker.exit()).toEqual({ code: 0, signal: null });

    // The job committed its work and BullMQ recorded it as completed, not stalled. (Rows committed
    // after its claim stay in the outbox for the next worker: durable, not lost.)
    const [indexed] = (await db.query('SELECT version FROM search_documents WHERE article_id = $1', [draft.id])).rows;
    expect(indexed).toEqual({ version: 1 });
    const completed = await queue.getJobs(['completed']);
    expect(completed.some((job) => job.name === 'drain' && ((job.returnvalue as { drained?: number } | null)?.drained ?? 0) >= 1)).toBe(
      true,
    );
    expect(await queue.getJobCounts('active')).toEqual({ active: 0 });
  }, 90_000);
});

import 'reflect-metadata';
import { INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Job, Queue, Worker } from 'bullmq';
import type { Server } from 'node:http';
import { AppModule } from './app.module';
import { withTimeout } from './common/async/with-timeout';
import { QueueName } from './common/queue/queue-names';
import { redisConnection } from './common/queue/redis-connection';
import { InvalidConfigurationError } from './config/env.schema';
import { AppConfig, loadAppConfig } from './config/app-config';
import { exitGracefully } from './common/shutdown';
import { PinoNestLogger, createLogger } from './common/logging/logger';
import { requestContext } from './common/request-context/request-context';
import { withDatabase } from './database/database-bootstrap';
import { CONTENT_GAPS_JOB_OPTIONS, CONTENT_GAPS_SCHEDULE_ID, ContentGapsJob } from './content-gaps/jobs/content-gaps-jobs';
import { ContentGapsProcessor } from './content-gaps/jobs/content-gaps.processor';
import { SEARCH_LEARNING_JOB_OPTIONS, SEARCH_LEARNING_SCHEDULE_ID, SearchLearningJob } from './search-learning/jobs/search-learning-jobs';
import { SearchLearningProcessor } from './search-learning/jobs/search-learning.processor';
import { HealthService } from './health/health.service';
import { startWorkerHealthServer } from './health/worker-health.server';
import { WorkerHeartbeat } from './health/worker-heartbeat';
import { LINK_CHECK_JOB_OPTIONS, LINK_CHECK_QUEUE, LINK_CHECK_SCHEDULE_ID, LinkCheckJob } from './link-check/jobs/link-check-jobs';
import { LinkCheckProcessor } from './link-check/jobs/link-check.processor';
import { MetricsService } from './metrics/metrics.service';
import { SearchIndexingProcessor } from './search/jobs/search-indexing.processor';
import { startStewardshipWorker } from './stewardship/jobs/stewardship-worker';
import { SEARCH_QUEUE } from './search/jobs/search-indexing.trigger';
import { DRAIN_SCHEDULE, SEARCH_JOB_OPTIONS, SearchJob } from './search/jobs/search-jobs';

/** Scheduled jobs run in the municipality's time zone (a Monday-morning check is a Dutch Monday). */
const TIME_ZONE = 'Europe/Amsterdam';

/** After the running jobs finished, how long closing may wait for Redis before asking whether it is there at all. */
const CLOSE_WAIT_MS = 5_000;

/**
 * Background jobs: BullMQ processors and their schedulers, from the same codebase and image as the
 * API. Schedulers are upserted here (idempotent), not per API replica. Every WORKER_HEARTBEAT_SECONDS
 * the worker says it is alive (for the API's readiness report) and re-creates schedules that a Redis
 * restart without persistence lost, then drains what was committed meanwhile.
 */
async function main(): Promise<void> {
  const appConfig = loadAppConfig();
  const nestLogger = new PinoNestLogger(createLogger(appConfig.logLevel));
  Logger.overrideLogger(nestLogger);
  const logger = new Logger('Worker');
  if (!appConfig.redis.url) {
    console.error('The worker needs REDIS_URL. Without Redis the API runs its jobs in-process and no worker is needed.');
    process.exit(1);
  }
  const { config, stop } = await withDatabase(appConfig);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: nestLogger });
  const metrics = app.get(MetricsService);
  // Jobs being processed in this process, so shutdown can wait for them even without Redis.
  const running = new Set<Promise<unknown>>();
  const worker = (name: QueueName, process: (job: Job) => Promise<unknown>) => {
    const w = new Worker(
      name,
      (job) => {
        const started = performance.now();
        const observe = (outcome: 'completed' | 'failed') =>
          metrics.observeJob(name, job.name, outcome, (performance.now() - started) / 1000);
        const run = requestContext
          .run({ requestId: null, actor: null, origin: `worker:${job.name}` }, () => process(job))
          .then(
            (result) => {
              observe('completed');
              return result;
            },
            (error: unknown) => {
              observe('failed');
              throw error;
            },
          );
        running.add(run);
        void run.catch(() => undefined).finally(() => running.delete(run));
        return run;
      },
      { connection: redisConnection(config.redis.url, 'worker'), concurrency: 1 },
    );
    w.on('failed', (job, error) => logger.warn(`${name}/${job?.name} failed (attempt ${job?.attemptsMade}): ${error.message}`));
    w.on('error', (error) => logger.warn(`${name} worker: ${error.message}`));
    return w;
  };
  const search = app.get(SearchIndexingProcessor);
  const contentGaps = app.get(ContentGapsProcessor);
  const linkCheck = app.get(LinkCheckProcessor);
  const searchLearning = app.get(SearchLearningProcessor);
  const workers = [
    worker(QueueName.Search, (job) => search.process(job as never)),
    worker(QueueName.ContentGaps, (job) => contentGaps.process(job as never)),
    worker(QueueName.LinkCheck, (job) => linkCheck.process(job as never)),
    worker(QueueName.SearchLearning, (job) => searchLearning.process(job as never)),
  ];

  const queue = app.get<Queue>(SEARCH_QUEUE);
  const heartbeat = app.get(WorkerHeartbeat);
  let drainNeeded = true; // whatever was committed while no worker ran
  let redisDown = false;
  let ticking = false;
  const tick = async () => {
    if (ticking) return;
    ticking = true;
    try {
      await heartbeat.beat();
      if (drainNeeded || !(await queue.getJobScheduler(DRAIN_SCHEDULE.id))) {
        await upsertSchedulers(app, config);
        await queue.add(SearchJob.Drain, {}, SEARCH_JOB_OPTIONS);
        if (!drainNeeded) logger.log('schedules were missing (Redis restarted?): re-created, draining the outbox');
        drainNeeded = false;
      }
      if (redisDown) logger.log('Redis is back');
      redisDown = false;
    } catch (error) {
      if (!redisDown) logger.warn(`Redis unavailable (${(error as Error).message}); retrying every ${config.worker.heartbeatSeconds} s`);
      redisDown = true;
    } finally {
      ticking = false;
    }
  };
  await tick();
  const ticker = setInterval(() => void tick(), config.worker.heartbeatSeconds * 1000);
  // Review scan, digest and reminder delivery: its own worker and its own schedule check (catch-up).
  const stewardship = await startStewardshipWorker(app, config);

  let draining = false;
  let healthServer: Server | undefined;
  if (config.worker.healthPort) {
    healthServer = await startWorkerHealthServer({
      port: config.worker.healthPort,
      health: app.get(HealthService),
      metrics,
      metricsToken: config.metrics.token,
      draining: () => draining,
    });
  }
  logger.log(
    `worker started: search indexing, stewardship (review scan, digest, delivery), content gaps (${config.contentGaps.cron}), search learning (${config.searchLearning.cron}), link check (${config.linkCheck.cron})${healthServer ? `; health on port ${config.worker.healthPort}` : ''}`,
  );

  exitGracefully(logger, 'the running jobs', async () => {
    draining = true;
    clearInterval(ticker);
    const closing = Promise.all([...workers.map((w) => w.close()), stewardship.close()]);
    await Promise.allSettled([...running]);
    // BullMQ's close waits for Redis to record the outcome; if Redis is gone that never happens. The
    // jobs' work is committed; their bookkeeping is redone by the stalled-job check of the next worker.
    await withTimeout(closing, CLOSE_WAIT_MS).catch(async () => {
      if (await heartbeat.reachable()) return closing;
      logger.warn('Redis is unreachable: stopping without waiting for it');
    });
    await heartbeat.leave().catch(() => undefined);
    await new Promise<void>((resolve) => (healthServer ? healthServer.close(() => resolve()) : resolve()));
    await app.close();
    await stop();
  });
}

/** Every recurring job, idempotently: run at start and whenever Redis turns out to have lost them. */
async function upsertSchedulers(app: INestApplicationContext, config: AppConfig): Promise<void> {
  const search = app.get<Queue>(SEARCH_QUEUE);
  await search.upsertJobScheduler(
    DRAIN_SCHEDULE.id,
    { every: DRAIN_SCHEDULE.every },
    { name: SearchJob.Drain, data: {}, opts: SEARCH_JOB_OPTIONS },
  );
  // The API only enqueues link checks on request; the content-gap queue is the worker's alone.
  const contentGaps = new Queue(QueueName.ContentGaps, { connection: redisConnection(config.redis.url, 'producer') });
  try {
    await contentGaps.upsertJobScheduler(
      CONTENT_GAPS_SCHEDULE_ID,
      { pattern: config.contentGaps.cron, tz: TIME_ZONE },
      { name: ContentGapsJob.Aggregate, data: { trigger: 'schedule' }, opts: CONTENT_GAPS_JOB_OPTIONS },
    );
  } finally {
    await contentGaps.close();
  }
  const searchLearning = new Queue(QueueName.SearchLearning, { connection: redisConnection(config.redis.url, 'producer') });
  try {
    await searchLearning.upsertJobScheduler(
      SEARCH_LEARNING_SCHEDULE_ID,
      { pattern: config.searchLearning.cron, tz: TIME_ZONE },
      { name: SearchLearningJob.Aggregate, data: { trigger: 'schedule' }, opts: SEARCH_LEARNING_JOB_OPTIONS },
    );
  } finally {
    await searchLearning.close();
  }
  await app
    .get<Queue>(LINK_CHECK_QUEUE)
    .upsertJobScheduler(
      LINK_CHECK_SCHEDULE_ID,
      { pattern: config.linkCheck.cron, tz: TIME_ZONE },
      { name: LinkCheckJob.Run, data: {}, opts: LINK_CHECK_JOB_OPTIONS },
    );
}

main().catch((error: unknown) => {
  console.error(error instanceof InvalidConfigurationError ? error.message : error);
  process.exit(1);
});

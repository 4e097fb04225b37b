import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Worker } from 'bullmq';
import type { Server } from 'node:http';
import { AppModule } from './app.module';
import { withTimeout } from './common/async/with-timeout';
import { QueueName } from './common/queue/queue-names';
import { redisConnection } from './common/queue/redis-connection';
import { InvalidConfigurationError } from './config/env.schema';
import { loadAppConfig } from './config/app-config';
import { exitGracefully } from './common/shutdown';
import { PinoNestLogger, createLogger } from './common/logging/logger';
import { requestContext } from './common/request-context/request-context';
import { withDatabase } from './database/database-bootstrap';
import { HealthService } from './health/health.service';
import { startWorkerHealthServer } from './health/worker-health.server';
import { WorkerHeartbeat } from './health/worker-heartbeat';
import { MetricsService } from './metrics/metrics.service';
import { SearchIndexingProcessor } from './search/jobs/search-indexing.processor';
import { SEARCH_QUEUE } from './search/jobs/search-indexing.trigger';
import { DRAIN_SCHEDULE, SEARCH_JOB_OPTIONS, SearchJob, SearchJobPayloads } from './search/jobs/search-jobs';
import type { Queue } from 'bullmq';

/** After the running job finished, how long closing may wait for Redis before asking whether it is there at all. */
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
    console.error('The worker needs REDIS_URL. Without Redis the API indexes in-process and no worker is needed.');
    process.exit(1);
  }
  const { config, stop } = await withDatabase(appConfig);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: nestLogger });
  const metrics = app.get(MetricsService);
  // Jobs being processed in this process, so shutdown can wait for them even without Redis.
  const running = new Set<Promise<unknown>>();
  const processor = app.get(SearchIndexingProcessor);
  const worker = new Worker<SearchJobPayloads[SearchJob], unknown, SearchJob>(
    QueueName.Search,
    (job) => {
      const started = performance.now();
      const run = requestContext.run({ requestId: null, actor: null, origin: `worker:${job.name}` }, () => processor.process(job)).then(
        (result) => {
          metrics.observeJob(QueueName.Search, job.name, 'completed', (performance.now() - started) / 1000);
          return result;
        },
        (error: unknown) => {
          metrics.observeJob(QueueName.Search, job.name, 'failed', (performance.now() - started) / 1000);
          throw error;
        },
      );
      running.add(run);
      void run.catch(() => undefined).finally(() => running.delete(run));
      return run;
    },
    { connection: redisConnection(config.redis.url, 'worker'), concurrency: 1 },
  );
  worker.on('failed', (job, error) => logger.warn(`${job?.name} failed (attempt ${job?.attemptsMade}): ${error.message}`));
  worker.on('error', (error) => logger.warn(`worker: ${error.message}`));

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
        await queue.upsertJobScheduler(DRAIN_SCHEDULE.id, { every: DRAIN_SCHEDULE.every }, { name: SearchJob.Drain, data: {}, opts: SEARCH_JOB_OPTIONS });
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
  logger.log(`worker started: search indexing${healthServer ? ` (health on port ${config.worker.healthPort})` : ''}`);

  exitGracefully(logger, 'the running job', async () => {
    draining = true;
    clearInterval(ticker);
    const closing = worker.close();
    await Promise.allSettled([...running]);
    // BullMQ's close waits for Redis to record the outcome; if Redis is gone that never happens. The
    // job's work is committed; its bookkeeping is redone by the stalled-job check of the next worker.
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

main().catch((error: unknown) => {
  console.error(error instanceof InvalidConfigurationError ? error.message : error);
  process.exit(1);
});

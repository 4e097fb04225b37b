import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Server } from 'node:http';
import { AppModule } from './app.module';
import { JobRunners } from './common/queue/job-runner';
import { JobWorker } from './common/queue/job-worker';
import { InvalidConfigurationError } from './config/env.schema';
import { loadAppConfig } from './config/app-config';
import { exitGracefully } from './common/shutdown';
import { PinoNestLogger, createLogger } from './common/logging/logger';
import { withDatabase } from './database/database-bootstrap';
import { HealthService } from './health/health.service';
import { startWorkerHealthServer } from './health/worker-health.server';
import { WorkerHeartbeat } from './health/worker-heartbeat';
import { MetricsService } from './metrics/metrics.service';

/**
 * Background jobs: every feature's queue (its processor and its schedules, see JobRunners), from the
 * same codebase and image as the API. Schedules are upserted here (idempotent), not per API replica.
 * Every WORKER_HEARTBEAT_SECONDS the worker says it is alive (for the API's readiness report),
 * re-creates schedules that a Redis restart without persistence lost, and catches up what was missed.
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
  const heartbeat = app.get(WorkerHeartbeat);
  const runners = app.get(JobRunners).all();
  const jobs = new JobWorker(runners, {
    redisUrl: config.redis.url,
    checkEveryMs: config.worker.heartbeatSeconds * 1000,
    beat: () => heartbeat.beat(),
    reachable: () => heartbeat.reachable(),
    observe: (queue, name, outcome, seconds) => metrics.observeJob(queue, name, outcome, seconds),
  });
  await jobs.start();

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
  const queues = runners.map(({ definition }) => `${definition.queue} (${definition.schedules.map(describeRepeat).join(', ')})`);
  logger.log(`worker started: ${queues.join(', ')}${healthServer ? `; health on port ${config.worker.healthPort}` : ''}`);

  exitGracefully(logger, 'the running jobs', async () => {
    draining = true;
    await jobs.close();
    await heartbeat.leave().catch(() => undefined);
    await new Promise<void>((resolve) => (healthServer ? healthServer.close(() => resolve()) : resolve()));
    await app.close();
    await stop();
  });
}

function describeRepeat({ repeat }: { repeat: { pattern: string } | { every: number } | null }): string {
  if (!repeat) return 'off';
  return 'pattern' in repeat ? repeat.pattern : `every ${repeat.every / 1000} s`;
}

main().catch((error: unknown) => {
  console.error(error instanceof InvalidConfigurationError ? error.message : error);
  process.exit(1);
});

import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Worker } from 'bullmq';
import { AppModule } from './app.module';
import { QueueName } from './common/queue/queue-names';
import { redisConnection } from './common/queue/redis-connection';
import { InvalidConfigurationError } from './config/env.schema';
import { loadAppConfig } from './config/app-config';
import { exitGracefully } from './common/shutdown';
import { PinoNestLogger, createLogger } from './common/logging/logger';
import { requestContext } from './common/request-context/request-context';
import { withDatabase } from './database/database-bootstrap';
import { SearchIndexingProcessor } from './search/jobs/search-indexing.processor';
import { SEARCH_QUEUE } from './search/jobs/search-indexing.trigger';
import { DRAIN_SCHEDULE, SEARCH_JOB_OPTIONS, SearchJob, SearchJobPayloads } from './search/jobs/search-jobs';
import type { Queue } from 'bullmq';

/**
 * Background jobs: BullMQ processors and their schedulers, from the same codebase and image as the
 * API. Schedulers are upserted here (idempotent), not per API replica.
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
  const processor = app.get(SearchIndexingProcessor);
  const worker = new Worker<SearchJobPayloads[SearchJob], unknown, SearchJob>(QueueName.Search, (job) => requestContext.run({ requestId: null, actor: null, origin: `worker:${job.name}` }, () => processor.process(job)), {
    connection: redisConnection(config.redis.url, 'worker'),
    concurrency: 1,
  });
  worker.on('failed', (job, error) => logger.warn(`${job?.name} failed (attempt ${job?.attemptsMade}): ${error.message}`));
  worker.on('error', (error) => logger.warn(`worker: ${error.message}`));

  const queue = app.get<Queue>(SEARCH_QUEUE);
  await queue.upsertJobScheduler(DRAIN_SCHEDULE.id, { every: DRAIN_SCHEDULE.every }, { name: SearchJob.Drain, data: {}, opts: SEARCH_JOB_OPTIONS });
  // Whatever was committed while no worker ran.
  await queue.add(SearchJob.Drain, {}, SEARCH_JOB_OPTIONS);
  logger.log('worker started: search indexing');

  exitGracefully(logger, 'the running job', async () => {
    await worker.close();
    await app.close();
    await stop();
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof InvalidConfigurationError ? error.message : error);
  process.exit(1);
});

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
import { withDatabase } from './database/database-bootstrap';
import { SearchIndexingProcessor } from './search/jobs/search-indexing.processor';
import { startStewardshipWorker } from './stewardship/jobs/stewardship-worker';
import { SEARCH_QUEUE } from './search/jobs/search-indexing.trigger';
import { DRAIN_SCHEDULE, SEARCH_JOB_OPTIONS, SearchJob, SearchJobPayloads } from './search/jobs/search-jobs';
import type { Queue } from 'bullmq';

/**
 * Background jobs: BullMQ processors and their schedulers, from the same codebase and image as the
 * API. Schedulers are upserted here (idempotent), not per API replica.
 */
async function main(): Promise<void> {
  const logger = new Logger('Worker');
  const appConfig = loadAppConfig();
  if (!appConfig.redis.url) {
    console.error('The worker needs REDIS_URL. Without Redis the API indexes in-process and no worker is needed.');
    process.exit(1);
  }
  const { config, stop } = await withDatabase(appConfig);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn', 'log'] });
  const processor = app.get(SearchIndexingProcessor);
  const worker = new Worker<SearchJobPayloads[SearchJob], unknown, SearchJob>(QueueName.Search, (job) => processor.process(job), {
    connection: redisConnection(config.redis.url, 'worker'),
    concurrency: 1,
  });
  worker.on('failed', (job, error) => logger.warn(`${job?.name} failed (attempt ${job?.attemptsMade}): ${error.message}`));
  worker.on('error', (error) => logger.warn(`worker: ${error.message}`));

  const queue = app.get<Queue>(SEARCH_QUEUE);
  await queue.upsertJobScheduler(DRAIN_SCHEDULE.id, { every: DRAIN_SCHEDULE.every }, { name: SearchJob.Drain, data: {}, opts: SEARCH_JOB_OPTIONS });
  // Whatever was committed while no worker ran.
  await queue.add(SearchJob.Drain, {}, SEARCH_JOB_OPTIONS);
  const stewardship = await startStewardshipWorker(app, config);
  logger.log('worker started: search indexing, stewardship (review scan, digest, reminder delivery)');

  exitGracefully(logger, 'the running job', async () => {
    await stewardship.close();
    await worker.close();
    await app.close();
    await stop();
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof InvalidConfigurationError ? error.message : error);
  process.exit(1);
});

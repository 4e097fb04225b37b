import 'reflect-metadata';
import { INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Job, Queue, Worker } from 'bullmq';
import { AppModule } from './app.module';
import { QueueName } from './common/queue/queue-names';
import { redisConnection } from './common/queue/redis-connection';
import { InvalidConfigurationError } from './config/env.schema';
import { AppConfig, loadAppConfig } from './config/app-config';
import { exitGracefully } from './common/shutdown';
import { withDatabase } from './database/database-bootstrap';
import { CONTENT_GAPS_JOB_OPTIONS, CONTENT_GAPS_SCHEDULE_ID, ContentGapsJob } from './content-gaps/jobs/content-gaps-jobs';
import { ContentGapsProcessor } from './content-gaps/jobs/content-gaps.processor';
import { LINK_CHECK_JOB_OPTIONS, LINK_CHECK_QUEUE, LINK_CHECK_SCHEDULE_ID, LinkCheckJob } from './link-check/jobs/link-check-jobs';
import { LinkCheckProcessor } from './link-check/jobs/link-check.processor';
import { SearchIndexingProcessor } from './search/jobs/search-indexing.processor';
import { SEARCH_QUEUE } from './search/jobs/search-indexing.trigger';
import { DRAIN_SCHEDULE, SEARCH_JOB_OPTIONS, SearchJob } from './search/jobs/search-jobs';

/** Scheduled jobs run in the municipality's time zone (a Monday-morning check is a Dutch Monday). */
const TIME_ZONE = 'Europe/Amsterdam';

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
  const worker = (name: QueueName, process: (job: Job) => Promise<unknown>) => {
    const w = new Worker(name, process, { connection: redisConnection(config.redis.url, 'worker'), concurrency: 1 });
    w.on('failed', (job, error) => logger.warn(`${name}/${job?.name} failed (attempt ${job?.attemptsMade}): ${error.message}`));
    w.on('error', (error) => logger.warn(`${name} worker: ${error.message}`));
    return w;
  };
  const search = app.get(SearchIndexingProcessor);
  const contentGaps = app.get(ContentGapsProcessor);
  const linkCheck = app.get(LinkCheckProcessor);
  const workers = [
    worker(QueueName.Search, (job) => search.process(job as never)),
    worker(QueueName.ContentGaps, (job) => contentGaps.process(job as never)),
    worker(QueueName.LinkCheck, (job) => linkCheck.process(job as never)),
  ];

  await upsertSchedulers(app, config);
  // Whatever was committed while no worker ran.
  await app.get<Queue>(SEARCH_QUEUE).add(SearchJob.Drain, {}, SEARCH_JOB_OPTIONS);
  logger.log(`worker started: search indexing, content gaps (${config.contentGaps.cron}), link check (${config.linkCheck.cron})`);

  exitGracefully(logger, 'the running jobs', async () => {
    await Promise.all(workers.map((w) => w.close()));
    await app.close();
    await stop();
  });
}

async function upsertSchedulers(app: INestApplicationContext, config: AppConfig): Promise<void> {
  const search = app.get<Queue>(SEARCH_QUEUE);
  await search.upsertJobScheduler(DRAIN_SCHEDULE.id, { every: DRAIN_SCHEDULE.every }, { name: SearchJob.Drain, data: {}, opts: SEARCH_JOB_OPTIONS });
  // The API only enqueues link checks on request; the content-gap queue is the worker's alone.
  const contentGaps = new Queue(QueueName.ContentGaps, { connection: redisConnection(config.redis.url, 'producer') });
  await contentGaps.upsertJobScheduler(
    CONTENT_GAPS_SCHEDULE_ID,
    { pattern: config.contentGaps.cron, tz: TIME_ZONE },
    { name: ContentGapsJob.Aggregate, data: { trigger: 'schedule' }, opts: CONTENT_GAPS_JOB_OPTIONS },
  );
  await contentGaps.close();
  await app
    .get<Queue>(LINK_CHECK_QUEUE)
    .upsertJobScheduler(LINK_CHECK_SCHEDULE_ID, { pattern: config.linkCheck.cron, tz: TIME_ZONE }, { name: LinkCheckJob.Run, data: {}, opts: LINK_CHECK_JOB_OPTIONS });
}

main().catch((error: unknown) => {
  console.error(error instanceof InvalidConfigurationError ? error.message : error);
  process.exit(1);
});

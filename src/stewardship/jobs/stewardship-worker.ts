import { INestApplicationContext, Logger } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { QueueName } from '../../common/queue/queue-names';
import { redisConnection } from '../../common/queue/redis-connection';
import { TIME_ZONE, dayNumber, isoDay } from '../../common/time/calendar-day';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import { StewardshipProcessor } from './stewardship.processor';
import { DELIVER_EVERY_MS, SCHEDULER_IDS, STEWARDSHIP_JOB_OPTIONS, StewardshipJob, StewardshipJobPayloads } from './stewardship-jobs';
import { StewardshipSchedule } from './stewardship-schedule';

export interface StewardshipWorker {
  /** Restores missing schedulers and enqueues runs that were missed; waits while Redis is down, never throws. */
  checkSchedules(): Promise<void>;
  close(): Promise<void>;
}

const CHECK_EVERY_MS = 60_000;

/**
 * The stewardship part of worker.ts: a BullMQ worker for the queue, the job schedulers (daily scan,
 * weekly digest, delivery retries), and a check every minute that catches up what was missed while
 * Redis or the worker was down. Redis may have lost its data meanwhile, schedulers included, so
 * the check restores those too.
 */
export async function startStewardshipWorker(
  app: INestApplicationContext,
  config: AppConfig,
  options: { checkEveryMs?: number } = {},
): Promise<StewardshipWorker> {
  const logger = new Logger('StewardshipWorker');
  const processor = app.get(StewardshipProcessor);
  const schedule = app.get(StewardshipSchedule);
  const clock = app.get(Clock);
  if (!config.redis.url) throw new Error('The stewardship worker needs REDIS_URL');
  // Its own connection that waits for Redis (the API's producer connection fails fast instead).
  const queue = new Queue(QueueName.Stewardship, { connection: redisConnection(config.redis.url, 'worker') });
  queue.on('error', () => undefined); // the worker's own 'error' handler already says Redis is away

  const worker = new Worker<StewardshipJobPayloads[StewardshipJob], unknown, StewardshipJob>(
    QueueName.Stewardship,
    (job) => processor.process(job),
    {
      connection: redisConnection(config.redis.url, 'worker'),
      concurrency: 1,
    },
  );
  worker.on('failed', (job, error) => logger.warn(`${job?.name} failed (attempt ${job?.attemptsMade}): ${error.message}`));
  worker.on('error', (error) => logger.warn(`worker: ${error.message}`));

  const ensureScheduler = async (id: string, repeat: { pattern: string; tz: string } | { every: number } | null, name: StewardshipJob) => {
    if (!repeat) {
      await queue.removeJobScheduler(id);
      return;
    }
    if (await queue.getJobScheduler(id)) return;
    await queue.upsertJobScheduler(id, repeat, {
      name,
      data: name === StewardshipJob.Deliver ? {} : { reason: 'schedule' },
      opts: STEWARDSHIP_JOB_OPTIONS,
    });
    logger.log(`scheduler ${id} registered`);
  };

  const check = async () => {
    const { scanCron, digestCron } = config.stewardship;
    await ensureScheduler(SCHEDULER_IDS.scan, scanCron ? { pattern: scanCron, tz: TIME_ZONE } : null, StewardshipJob.Scan);
    await ensureScheduler(SCHEDULER_IDS.digest, digestCron ? { pattern: digestCron, tz: TIME_ZONE } : null, StewardshipJob.Digest);
    await ensureScheduler(SCHEDULER_IDS.deliver, { every: DELIVER_EVERY_MS }, StewardshipJob.Deliver);
    const day = isoDay(dayNumber(clock.now()));
    for (const job of await schedule.missed()) {
      const name = job === 'scan' ? StewardshipJob.Scan : StewardshipJob.Digest;
      // The job id keeps a catch-up from being queued twice; the database keeps it harmless if it is.
      await queue.add(name, { reason: 'catch-up' }, { ...STEWARDSHIP_JOB_OPTIONS, jobId: `${job}-catch-up-${day}` });
      logger.log(`${job} was missed: catching up`);
    }
  };
  // One check at a time: while Redis is down a check waits for it, and the next ones are skipped.
  let inFlight: Promise<void> | null = null;
  const checkSchedules = (): Promise<void> => {
    inFlight ??= check()
      .catch((error: Error) => logger.warn(`schedules not checked (${error.message}); trying again shortly`))
      .finally(() => (inFlight = null));
    return inFlight;
  };

  void checkSchedules();
  const timer = setInterval(() => void checkSchedules(), options.checkEveryMs ?? CHECK_EVERY_MS);
  timer.unref();
  return {
    checkSchedules,
    close: async () => {
      clearInterval(timer);
      await worker.close();
      await queue.close();
    },
  };
}

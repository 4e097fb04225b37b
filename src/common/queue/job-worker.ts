import { Logger } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import { withTimeout } from '../async/with-timeout';
import { requestContext } from '../request-context/request-context';
import { TIME_ZONE } from '../time/calendar-day';
import { JobRunner, JobSchedule } from './job-runner';
import { redisConnection } from './redis-connection';

/** After the running jobs finished, how long closing may wait for Redis before asking whether it is there at all. */
const CLOSE_WAIT_MS = 5_000;
const CATCH_UP_EVERY_MS = 60_000;

export interface JobWorkerOptions {
  redisUrl: string;
  /** how often the worker checks its schedules */
  checkEveryMs: number;
  /** first step of every check: the worker says it is alive */
  beat?: () => Promise<void>;
  /** whether Redis answers at all; shutdown stops waiting for it when it does not */
  reachable?: () => Promise<boolean>;
  /** every job that ended (metrics) */
  observe?: (queue: string, name: string, outcome: 'completed' | 'failed', seconds: number) => void;
}

/**
 * The worker: a BullMQ worker per feature queue (one job at a time, each in a context of its own),
 * and a check every `checkEveryMs`. The first check upserts every schedule (so a changed cron takes
 * effect); later ones re-create the schedules a Redis restart without persistence lost and enqueue
 * catch-ups. While Redis is down a check fails, is said once, and the next one tries again.
 */
export class JobWorker {
  private readonly logger = new Logger('Worker');
  private readonly workers: Worker[];
  /** jobs being processed here, so shutdown can wait for them even without Redis */
  private readonly running = new Set<Promise<unknown>>();
  private timer?: NodeJS.Timeout;
  private checking: Promise<void> | null = null;
  private upserted = false;
  private lastCatchUp = 0;
  private redisDown = false;

  constructor(
    private readonly runners: readonly JobRunner[],
    private readonly options: JobWorkerOptions,
  ) {
    this.workers = runners.map((runner) => this.worker(runner));
  }

  /** Checks now and then every `checkEveryMs`; resolves after the first check. */
  start(): Promise<void> {
    this.timer = setInterval(() => void this.check(), this.options.checkEveryMs);
    this.timer.unref();
    return this.check();
  }

  /** One check at a time: while one waits for Redis, the next ones are skipped. */
  check(): Promise<void> {
    this.checking ??= this.checkOnce().finally(() => (this.checking = null));
    return this.checking;
  }

  /** Lets the running jobs finish, then stops. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    const closing = Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.allSettled([...this.running]);
    // BullMQ's close waits for Redis to record the outcome; if Redis is gone that never happens. The
    // jobs' work is committed; their bookkeeping is redone by the stalled-job check of the next worker.
    await withTimeout(closing, CLOSE_WAIT_MS).catch(async () => {
      if (await this.options.reachable?.()) return closing;
      this.logger.warn('Redis is unreachable: stopping without waiting for it');
    });
  }

  private worker(runner: JobRunner): Worker {
    const name = runner.definition.queue;
    const worker = new Worker(name, (job) => this.process(runner, job), {
      connection: redisConnection(this.options.redisUrl, 'worker'),
      concurrency: 1,
    });
    worker.on('failed', (job, error) => this.logger.warn(`${name}/${job?.name} failed (attempt ${job?.attemptsMade}): ${error.message}`));
    worker.on('error', (error) => this.logger.warn(`${name} worker: ${error.message}`));
    return worker;
  }

  private process(runner: JobRunner, job: Job): Promise<unknown> {
    const started = performance.now();
    const observe = (outcome: 'completed' | 'failed') =>
      this.options.observe?.(runner.definition.queue, job.name, outcome, (performance.now() - started) / 1000);
    const run = requestContext
      .run({ requestId: null, actor: null, origin: `worker:${job.name}` }, () => runner.definition.process(job as Job<never>))
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
    this.running.add(run);
    void run.catch(() => undefined).finally(() => this.running.delete(run));
    return run;
  }

  private async checkOnce(): Promise<void> {
    try {
      await this.options.beat?.();
      const catchUp = Date.now() - this.lastCatchUp >= CATCH_UP_EVERY_MS;
      for (const runner of this.runners) await this.keep(runner, catchUp);
      if (catchUp) this.lastCatchUp = Date.now();
      this.upserted = true;
      if (this.redisDown) this.logger.log('Redis is back');
      this.redisDown = false;
    } catch (error) {
      const seconds = this.options.checkEveryMs / 1000;
      if (!this.redisDown) this.logger.warn(`Redis unavailable (${(error as Error).message}); retrying every ${seconds} s`);
      this.redisDown = true;
    }
  }

  /** The runner's schedules, and what it wants caught up. */
  private async keep(runner: JobRunner, catchUp: boolean): Promise<void> {
    const queue = runner.queue;
    if (!queue) throw new Error('the worker needs REDIS_URL');
    let restored = !this.upserted;
    for (const schedule of runner.definition.schedules) {
      if (!schedule.repeat) {
        await queue.removeJobScheduler(schedule.id);
      } else if (!this.upserted || !(await queue.getJobScheduler(schedule.id))) {
        await upsert(queue, schedule, runner);
        if (this.upserted) this.logger.log(`scheduler ${schedule.id} was missing (Redis restarted?): re-created`);
        restored = true;
      }
    }
    if (!runner.definition.catchUp || !(catchUp || restored)) return;
    for (const job of await runner.definition.catchUp(restored)) {
      await queue.add(job.name, job.data, runner.jobOptions(job));
      this.logger.log(`${queue.name}/${job.name} enqueued to catch up`);
    }
  }
}

function upsert(queue: Queue, schedule: JobSchedule, runner: JobRunner): Promise<unknown> {
  const repeat = schedule.repeat!;
  return queue.upsertJobScheduler(schedule.id, 'pattern' in repeat ? { pattern: repeat.pattern, tz: TIME_ZONE } : repeat, {
    name: schedule.name,
    data: schedule.data,
    opts: runner.definition.options,
  });
}

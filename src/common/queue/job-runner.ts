import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, JobsOptions, Queue } from 'bullmq';
import { withTimeout } from '../async/with-timeout';
import { QueueName } from './queue-names';
import { redisConnection } from './redis-connection';

/** BullMQ waits for a connection that may never come; an unreachable Redis must not hold a request. */
const ENQUEUE_TIMEOUT_MS = 500;

/** A job to hand to the worker; a `jobId` keeps it from being queued twice. */
export interface JobRequest<Name extends string = string> {
  name: Name;
  data: object;
  jobId?: string;
}

/** A recurring job, kept by the worker as a BullMQ job scheduler (cron patterns in Europe/Amsterdam time). */
export interface JobSchedule<Name extends string = string> {
  /** stable id: upserting is idempotent on it */
  id: string;
  name: Name;
  data: object;
  /** null: switched off (the worker removes the scheduler) */
  repeat: { pattern: string } | { every: number } | null;
}

/** One feature's background jobs: what the API, the worker and a process without Redis each need. */
export interface JobDefinition<Name extends string = string> {
  queue: QueueName;
  /** for every job of the queue: retries and backoff, bounded history */
  options: JobsOptions;
  /** runs one job in the worker */
  process(job: Job<never, unknown, Name>): Promise<unknown>;
  /** kept by the worker; re-created when Redis lost them */
  schedules: JobSchedule<Name>[];
  /**
   * The worker asks at start, after it re-created lost schedules (`restored`) and once a minute what to
   * enqueue now: runs missed while Redis or the worker was down.
   */
  catchUp?(restored: boolean): Promise<JobRequest<Name>[]>;
  /**
   * Without Redis there is no worker: the API process calls `run` every `everyMs` (and at start when
   * `atStart`); the run decides from its own last run whether anything is due. Several API processes
   * may run it at once; the jobs are idempotent.
   */
  inProcess?: { everyMs: number; atStart?: boolean; run(): Promise<unknown> };
}

/**
 * A feature's jobs as its own code uses them: handed to the worker when REDIS_URL is set and Redis
 * answers in time, else run in this process, one at a time. Redis being down is survivable: said now
 * and then, never a crash.
 */
export class JobRunner<Name extends string = string> {
  readonly queue: Queue | null;
  private readonly logger: Logger;
  private work: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private ticking = false;

  constructor(
    readonly definition: JobDefinition<Name>,
    redisUrl: string,
  ) {
    this.logger = new Logger(`Jobs:${definition.queue}`);
    this.queue = redisUrl ? new Queue(definition.queue, { connection: redisConnection(redisUrl, 'producer') }) : null;
    let lastWarning = 0;
    this.queue?.on('error', (error) => {
      if (Date.now() - lastWarning < 60_000) return;
      lastWarning = Date.now();
      this.logger.warn(`Redis unavailable (${error.message}); running ${definition.queue} jobs in-process until it is back`);
    });
  }

  /** Enqueues the job; without Redis, or when it does not take the job in time, runs `here` in this process instead. */
  async enqueueOrRun(job: JobRequest<Name>, here: () => Promise<unknown>): Promise<void> {
    if (this.queue) {
      try {
        await withTimeout(this.queue.add(job.name, job.data, this.jobOptions(job)), ENQUEUE_TIMEOUT_MS);
        return;
      } catch (error) {
        this.logger.warn(`could not enqueue ${job.name} (${(error as Error).message}); running it in-process`);
      }
    }
    void this.runHere(job.name, here);
  }

  /** The queue's options, with the request's job id. */
  jobOptions(job: JobRequest<Name>): JobsOptions {
    return job.jobId ? { ...this.definition.options, jobId: job.jobId } : this.definition.options;
  }

  /** Runs `work` here after what runs here already. A failure is logged, never thrown: the database keeps what is left to do. */
  runHere(what: string, work: () => Promise<unknown>): Promise<void> {
    this.work = this.work.then(work).then(
      () => undefined,
      (error: Error) => this.logger.warn(`${what} failed, will retry: ${error.message}`),
    );
    return this.work;
  }

  /** Resolves when the work started here so far is done (tests, shutdown). */
  settle(): Promise<void> {
    return this.work;
  }

  /** Keeps the definition's in-process schedule, when there is no Redis. */
  startSchedule(): void {
    const schedule = this.definition.inProcess;
    if (this.queue || !schedule || this.timer) return;
    const tick = () => {
      if (this.ticking) return;
      this.ticking = true;
      void this.runHere('scheduled run', () => schedule.run()).finally(() => (this.ticking = false));
    };
    this.timer = setInterval(tick, schedule.everyMs);
    this.timer.unref();
    if (schedule.atStart) tick();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.work;
    await closeQueue(this.queue);
  }
}

export const JOB_SETTINGS = Symbol('JOB_SETTINGS');

export interface JobSettings {
  /** empty: no Redis, no worker; jobs run in the process that asks for them */
  redisUrl: string;
  /** whether this process keeps the in-process schedules when there is no Redis: the API server does; tests and the CLI run jobs themselves */
  inProcessSchedules: boolean;
}

/**
 * Every feature's jobs. A feature registers its definition (from a provider of its own) and uses the
 * runner it gets back; the worker entrypoint drives them all (job-worker.ts).
 */
@Injectable()
export class JobRunners implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly runners: JobRunner[] = [];

  constructor(@Inject(JOB_SETTINGS) private readonly settings: JobSettings) {}

  register<Name extends string>(definition: JobDefinition<Name>): JobRunner<Name> {
    const runner = new JobRunner(definition, this.settings.redisUrl);
    this.runners.push(runner);
    return runner;
  }

  all(): readonly JobRunner[] {
    return this.runners;
  }

  onApplicationBootstrap(): void {
    if (this.settings.inProcessSchedules) for (const runner of this.runners) runner.startSchedule();
  }

  /** Before the database closes: what runs here finishes first. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.close()));
  }
}

/** Closes a producer queue without waiting on, or failing for, a Redis that is gone (shutdown must finish). */
async function closeQueue(queue: Queue | null): Promise<void> {
  if (!queue) return;
  try {
    await withTimeout(queue.close(), ENQUEUE_TIMEOUT_MS);
  } catch {
    // BullMQ's disconnect() never settles without a connection: dropped, not awaited.
    void queue.disconnect().catch(() => undefined);
  }
}

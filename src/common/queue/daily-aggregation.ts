import type { Job, JobsOptions } from 'bullmq';
import type { JobDefinition, JobRunners } from './job-runner';
import type { QueueName } from './queue-names';

const DAY_MS = 86_400_000;

/**
 * A feature's daily aggregation over the search log (content gaps, search learning). Each run recomputes
 * its window, so running it twice changes nothing.
 */
export interface DailyAggregation<Trigger extends string> {
  aggregate(trigger: Trigger | 'schedule'): Promise<unknown>;
  /** for the in-process schedule (no Redis): a run is due once a day */
  isDue(): Promise<boolean>;
}

export const DAILY_AGGREGATION_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: 100,
  removeOnFail: 500,
};

/**
 * The queue of a daily aggregation: its one job (`name`, carrying what triggered it) daily at `cron`, or
 * every hour in-process whether the aggregation is due.
 */
export function dailyAggregationJobs<Name extends string, Trigger extends string>(
  queue: QueueName,
  job: { name: Name; scheduleId: string; cron: string },
  aggregation: DailyAggregation<Trigger>,
): JobDefinition<Name> {
  return {
    queue,
    options: DAILY_AGGREGATION_JOB_OPTIONS,
    process: async ({ name, data }: Job<{ trigger: Trigger }, unknown, Name>) => {
      if (name !== job.name) throw new Error(`unknown ${queue} job ${name}`);
      return aggregation.aggregate(data.trigger);
    },
    schedules: [{ id: job.scheduleId, name: job.name, data: { trigger: 'schedule' }, repeat: { pattern: job.cron } }],
    inProcess: { everyMs: 3_600_000, run: async () => (await aggregation.isDue()) && aggregation.aggregate('schedule') },
  };
}

/** The processor of a daily aggregation's queue: registers its jobs with the runner, and runs one the worker hands over. */
export class DailyAggregationProcessor<Name extends string> {
  private readonly jobs: JobDefinition<Name>;

  constructor(runners: JobRunners, jobs: JobDefinition<Name>) {
    this.jobs = runners.register(jobs).definition;
  }

  process(job: Job<never, unknown, Name>): Promise<unknown> {
    return this.jobs.process(job);
  }
}

/** The window a run covers: the last `days` days up to and including this millisecond (`to` is exclusive). */
export function aggregationWindow(now: Date, days: number): { from: Date; to: Date } {
  const to = new Date(now.getTime() + 1);
  return { from: new Date(to.getTime() - days * DAY_MS), to };
}

/** Due once a day: never ran, or the last run is a day old. */
export function isDailyRunDue(lastRanAt: Date | undefined, now: Date): boolean {
  return !lastRanAt || now.getTime() - lastRanAt.getTime() >= DAY_MS;
}

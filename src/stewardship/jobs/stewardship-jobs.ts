import type { JobsOptions } from 'bullmq';
import type { JobDefinition } from '../../common/queue/job-runner';
import { QueueName } from '../../common/queue/queue-names';
import { dayNumber, isoDay } from '../../common/time/calendar-day';
import type { Clock } from '../../common/time/clock';
import type { StewardshipProcessor } from './stewardship.processor';
import type { StewardshipSchedule } from './stewardship-schedule';

export enum StewardshipJob {
  /** classify every live article's review, record reminders, write the day's snapshot; then deliver */
  Scan = 'scan',
  /** record this week's digests; then deliver */
  Digest = 'digest',
  /** send what the delivery outbox holds (due retries included) */
  Deliver = 'deliver',
}

/** Payloads are small scalars only; every job reads its state from the database. */
export interface StewardshipJobPayloads {
  [StewardshipJob.Scan]: { reason: 'schedule' | 'catch-up' | 'manual' };
  [StewardshipJob.Digest]: { reason: 'schedule' | 'catch-up' | 'manual' };
  [StewardshipJob.Deliver]: Record<string, never>;
}

/** Job options in one place: retries with exponential backoff, bounded history. */
export const STEWARDSHIP_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: 1000,
  removeOnFail: 5000,
};

/** Stable scheduler ids (upsertJobScheduler is idempotent on them). */
export const SCHEDULER_IDS = {
  scan: 'stewardship-daily-scan',
  digest: 'stewardship-weekly-digest',
  deliver: 'stewardship-deliver',
} as const;

/** Due retries are picked up this often. */
export const DELIVER_EVERY_MS = 60_000;

const runJob = { scan: StewardshipJob.Scan, digest: StewardshipJob.Digest } as const;

/**
 * The stewardship queue: the daily scan and weekly digest (each may be off) and delivery retries,
 * runs missed while Redis or the worker was down caught up; without Redis, the same every minute in
 * this process. Several replicas may do so at once; the database keeps reminders exactly-once.
 */
export function stewardshipJobs(
  processor: StewardshipProcessor,
  schedule: StewardshipSchedule,
  clock: Clock,
  crons: { scanCron: string | null; digestCron: string | null },
): JobDefinition<StewardshipJob> {
  const cron = (pattern: string | null) => (pattern ? { pattern } : null);
  return {
    queue: QueueName.Stewardship,
    options: STEWARDSHIP_JOB_OPTIONS,
    process: (job) => processor.process(job),
    schedules: [
      { id: SCHEDULER_IDS.scan, name: StewardshipJob.Scan, data: { reason: 'schedule' }, repeat: cron(crons.scanCron) },
      { id: SCHEDULER_IDS.digest, name: StewardshipJob.Digest, data: { reason: 'schedule' }, repeat: cron(crons.digestCron) },
      { id: SCHEDULER_IDS.deliver, name: StewardshipJob.Deliver, data: {}, repeat: { every: DELIVER_EVERY_MS } },
    ],
    // The job id keeps a catch-up from being queued twice; the database keeps it harmless if it is.
    catchUp: async () => {
      const day = isoDay(dayNumber(clock.now()));
      return (await schedule.missed()).map((job) => ({ name: runJob[job], data: { reason: 'catch-up' }, jobId: `${job}-catch-up-${day}` }));
    },
    inProcess: {
      everyMs: DELIVER_EVERY_MS,
      atStart: true,
      run: async () => {
        for (const job of await schedule.missed()) await processor.run(runJob[job]);
        await processor.run(StewardshipJob.Deliver);
      },
    },
  };
}

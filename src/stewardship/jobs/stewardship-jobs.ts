import type { JobsOptions } from 'bullmq';

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

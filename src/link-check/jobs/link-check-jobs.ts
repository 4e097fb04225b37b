import type { JobsOptions } from 'bullmq';

export enum LinkCheckJob {
  /** check every external link of the published content */
  Run = 'run',
}

/** Payloads are ids and small scalars only. */
export interface LinkCheckJobPayloads {
  /** `runId` when a coordinator started it (the run row exists); none from the scheduler */
  [LinkCheckJob.Run]: { runId?: string };
}

/** A run is long and records its own failure: no retries of the whole run (links retry inside it). */
export const LINK_CHECK_JOB_OPTIONS: JobsOptions = { attempts: 1, removeOnComplete: 50, removeOnFail: 200 };

/** Upserted by the worker with LINK_CHECK_CRON (Europe/Amsterdam). */
export const LINK_CHECK_SCHEDULE_ID = 'link-check-weekly';

export const LINK_CHECK_QUEUE = Symbol('LINK_CHECK_QUEUE');

import type { JobsOptions } from 'bullmq';
import type { AggregationTrigger } from '../content-gap-aggregator.service';

export enum ContentGapsJob {
  /** turn the failed searches of the window into content gaps */
  Aggregate = 'aggregate',
}

/** Payloads are small scalars only. */
export interface ContentGapsJobPayloads {
  [ContentGapsJob.Aggregate]: { trigger: AggregationTrigger };
}

export const CONTENT_GAPS_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: 100,
  removeOnFail: 500,
};

/** Upserted by the worker with CONTENT_GAPS_CRON (Europe/Amsterdam). */
export const CONTENT_GAPS_SCHEDULE_ID = 'content-gaps-aggregate';

import type { JobsOptions } from 'bullmq';
import type { LearningTrigger } from '../learning-aggregator.service';

export enum SearchLearningJob {
  /** turn the reformulations of the window into suggestions */
  Aggregate = 'aggregate',
}

/** Payloads are small scalars only. */
export interface SearchLearningJobPayloads {
  [SearchLearningJob.Aggregate]: { trigger: LearningTrigger };
}

export const SEARCH_LEARNING_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: 100,
  removeOnFail: 500,
};

/** Upserted by the worker with SEARCH_LEARNING_CRON (Europe/Amsterdam). */
export const SEARCH_LEARNING_SCHEDULE_ID = 'search-learning-aggregate';

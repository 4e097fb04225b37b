import type { JobsOptions } from 'bullmq';
import type { JobDefinition } from '../../common/queue/job-runner';
import { QueueName } from '../../common/queue/queue-names';
import type { LearningAggregator, LearningTrigger } from '../learning-aggregator.service';
import type { SearchLearningProcessor } from './search-learning.processor';

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

export const SEARCH_LEARNING_SCHEDULE_ID = 'search-learning-aggregate';

/** The search-learning queue: daily at SEARCH_LEARNING_CRON, or every hour in-process whether the aggregation is due. */
export function searchLearningJobs(
  processor: SearchLearningProcessor,
  aggregator: LearningAggregator,
  cron: string,
): JobDefinition<SearchLearningJob> {
  return {
    queue: QueueName.SearchLearning,
    options: SEARCH_LEARNING_JOB_OPTIONS,
    process: (job) => processor.process(job),
    schedules: [
      { id: SEARCH_LEARNING_SCHEDULE_ID, name: SearchLearningJob.Aggregate, data: { trigger: 'schedule' }, repeat: { pattern: cron } },
    ],
    inProcess: { everyMs: 3_600_000, run: async () => (await aggregator.isDue()) && aggregator.aggregate('schedule') },
  };
}

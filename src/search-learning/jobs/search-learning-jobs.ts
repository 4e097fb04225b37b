import { dailyAggregationJobs } from '../../common/queue/daily-aggregation';
import type { JobDefinition } from '../../common/queue/job-runner';
import { QueueName } from '../../common/queue/queue-names';
import type { LearningAggregator } from '../learning-aggregator.service';

export enum SearchLearningJob {
  /** turn the reformulations of the window into suggestions */
  Aggregate = 'aggregate',
}

export const SEARCH_LEARNING_SCHEDULE_ID = 'search-learning-aggregate';

/** The search-learning queue: daily at SEARCH_LEARNING_CRON, or every hour in-process whether the aggregation is due. */
export function searchLearningJobs(aggregator: LearningAggregator, cron: string): JobDefinition<SearchLearningJob> {
  return dailyAggregationJobs(
    QueueName.SearchLearning,
    { name: SearchLearningJob.Aggregate, scheduleId: SEARCH_LEARNING_SCHEDULE_ID, cron },
    aggregator,
  );
}

import { dailyAggregationJobs } from '../../common/queue/daily-aggregation';
import type { JobDefinition } from '../../common/queue/job-runner';
import { QueueName } from '../../common/queue/queue-names';
import type { ContentGapAggregator } from '../content-gap-aggregator.service';

export enum ContentGapsJob {
  /** turn the failed searches of the window into content gaps */
  Aggregate = 'aggregate',
}

export const CONTENT_GAPS_SCHEDULE_ID = 'content-gaps-aggregate';

/** The content-gaps queue: daily at CONTENT_GAPS_CRON, or every hour in-process whether the aggregation is due. */
export function contentGapsJobs(aggregator: ContentGapAggregator, cron: string): JobDefinition<ContentGapsJob> {
  return dailyAggregationJobs(
    QueueName.ContentGaps,
    { name: ContentGapsJob.Aggregate, scheduleId: CONTENT_GAPS_SCHEDULE_ID, cron },
    aggregator,
  );
}

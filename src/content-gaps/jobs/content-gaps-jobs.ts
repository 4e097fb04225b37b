import type { JobsOptions } from 'bullmq';
import type { JobDefinition } from '../../common/queue/job-runner';
import { QueueName } from '../../common/queue/queue-names';
import type { AggregationTrigger, ContentGapAggregator } from '../content-gap-aggregator.service';
import type { ContentGapsProcessor } from './content-gaps.processor';

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

export const CONTENT_GAPS_SCHEDULE_ID = 'content-gaps-aggregate';

/** The content-gaps queue: daily at CONTENT_GAPS_CRON, or every hour in-process whether the aggregation is due. */
export function contentGapsJobs(
  processor: ContentGapsProcessor,
  aggregator: ContentGapAggregator,
  cron: string,
): JobDefinition<ContentGapsJob> {
  return {
    queue: QueueName.ContentGaps,
    options: CONTENT_GAPS_JOB_OPTIONS,
    process: (job) => processor.process(job),
    schedules: [{ id: CONTENT_GAPS_SCHEDULE_ID, name: ContentGapsJob.Aggregate, data: { trigger: 'schedule' }, repeat: { pattern: cron } }],
    inProcess: { everyMs: 3_600_000, run: async () => (await aggregator.isDue()) && aggregator.aggregate('schedule') },
  };
}

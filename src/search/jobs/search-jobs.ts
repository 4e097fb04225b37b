import type { JobsOptions } from 'bullmq';
import type { JobDefinition } from '../../common/queue/job-runner';
import { QueueName } from '../../common/queue/queue-names';
import type { SearchIndexingProcessor } from './search-indexing.processor';

export enum SearchJob {
  /** index what the article outbox holds (PostgreSQL, then queue for the secondary engine) */
  Drain = 'drain',
  /** push pending changes to the secondary engine (Meilisearch) */
  DrainSecondary = 'drain-secondary',
  /** rebuild every index from the articles */
  Reindex = 'reindex',
}

/** Payloads are ids and small scalars only. */
export interface SearchJobPayloads {
  [SearchJob.Drain]: Record<string, never>;
  [SearchJob.DrainSecondary]: Record<string, never>;
  [SearchJob.Reindex]: { requestedBy: string };
}

/** Job options in one place: retries with exponential backoff, bounded history. */
export const SEARCH_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: 1000,
  removeOnFail: 5000,
};

/** Safety net: drain every 30 s even if no nudge arrived (a crash between commit and enqueue). */
export const DRAIN_SCHEDULE = { id: 'search-drain-safety-net', every: 30_000 };

/** The search queue: the drain safety net, and a drain whenever the worker (re)created it (Redis lost what was queued). */
export function searchJobs(processor: SearchIndexingProcessor): JobDefinition<SearchJob> {
  return {
    queue: QueueName.Search,
    options: SEARCH_JOB_OPTIONS,
    process: (job) => processor.process(job),
    schedules: [{ id: DRAIN_SCHEDULE.id, name: SearchJob.Drain, data: {}, repeat: { every: DRAIN_SCHEDULE.every } }],
    catchUp: (restored) => Promise.resolve(restored ? [{ name: SearchJob.Drain, data: {} }] : []),
  };
}

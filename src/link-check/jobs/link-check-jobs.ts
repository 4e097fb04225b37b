import type { JobsOptions } from 'bullmq';
import type { JobDefinition } from '../../common/queue/job-runner';
import { QueueName } from '../../common/queue/queue-names';
import type { LinkCheckProcessor } from './link-check.processor';

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

export const LINK_CHECK_SCHEDULE_ID = 'link-check-weekly';

/** The link-check queue: weekly at LINK_CHECK_CRON, or every hour in-process whether a run is due; and on request. */
export function linkCheckJobs(processor: LinkCheckProcessor, cron: string): JobDefinition<LinkCheckJob> {
  return {
    queue: QueueName.LinkCheck,
    options: LINK_CHECK_JOB_OPTIONS,
    process: (job) => processor.process(job),
    schedules: [{ id: LINK_CHECK_SCHEDULE_ID, name: LinkCheckJob.Run, data: {}, repeat: { pattern: cron } }],
    inProcess: { everyMs: 3_600_000, run: () => processor.runIfDue() },
  };
}

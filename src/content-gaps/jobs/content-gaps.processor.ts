import { Inject, Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobRunners } from '../../common/queue/job-runner';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ContentGapAggregator } from '../content-gap-aggregator.service';
import { ContentGapsJob, ContentGapsJobPayloads, contentGapsJobs } from './content-gaps-jobs';

/** The content-gaps queue's one processor; its jobs are registered with the runner here. */
@Injectable()
export class ContentGapsProcessor {
  constructor(
    private readonly aggregator: ContentGapAggregator,
    @Inject(APP_CONFIG) config: AppConfig,
    runners: JobRunners,
  ) {
    runners.register(contentGapsJobs(this, aggregator, config.contentGaps.cron));
  }

  async process(job: Job<ContentGapsJobPayloads[ContentGapsJob], unknown, ContentGapsJob>): Promise<unknown> {
    const name = job.name;
    switch (name) {
      case ContentGapsJob.Aggregate:
        return this.aggregator.aggregate(job.data.trigger);
      default:
        return assertNever(name);
    }
  }
}

function assertNever(value: never): never {
  throw new Error(`unknown content-gaps job ${String(value)}`);
}

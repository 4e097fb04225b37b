import { Inject, Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobRunners } from '../../common/queue/job-runner';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { LearningAggregator } from '../learning-aggregator.service';
import { SearchLearningJob, SearchLearningJobPayloads, searchLearningJobs } from './search-learning-jobs';

/** The search-learning queue's one processor; its jobs are registered with the runner here. */
@Injectable()
export class SearchLearningProcessor {
  constructor(
    private readonly aggregator: LearningAggregator,
    @Inject(APP_CONFIG) config: AppConfig,
    runners: JobRunners,
  ) {
    runners.register(searchLearningJobs(this, aggregator, config.searchLearning.cron));
  }

  async process(job: Job<SearchLearningJobPayloads[SearchLearningJob], unknown, SearchLearningJob>): Promise<unknown> {
    const name = job.name;
    switch (name) {
      case SearchLearningJob.Aggregate:
        return this.aggregator.aggregate(job.data.trigger);
      default:
        return assertNever(name);
    }
  }
}

function assertNever(value: never): never {
  throw new Error(`unknown search-learning job ${String(value)}`);
}

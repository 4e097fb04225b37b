import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Job } from 'bullmq';
import { InProcessSchedule } from '../../common/queue/optional-queue';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { LearningAggregator } from '../learning-aggregator.service';
import { SearchLearningJob, SearchLearningJobPayloads } from './search-learning-jobs';

/**
 * The search-learning queue's one processor (the worker wires it to BullMQ). Without Redis the API
 * process runs the job itself once a day.
 */
@Injectable()
export class SearchLearningProcessor implements OnModuleInit, OnApplicationShutdown {
  private readonly schedule = new InProcessSchedule(new Logger(SearchLearningProcessor.name));

  constructor(
    private readonly aggregator: LearningAggregator,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (!this.config.redis.url)
      this.schedule.start(
        () => this.aggregator.isDue(),
        () => this.aggregator.aggregate('schedule'),
      );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.schedule.stop();
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

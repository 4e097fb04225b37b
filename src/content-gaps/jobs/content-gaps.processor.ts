import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import { InProcessSchedule } from '../../common/queue/optional-queue';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ContentGapAggregator } from '../content-gap-aggregator.service';
import { ContentGapsJob, ContentGapsJobPayloads } from './content-gaps-jobs';

/**
 * The content-gaps queue's one processor (the worker wires it to BullMQ). Without Redis the API
 * process runs the job itself once a day.
 */
@Injectable()
export class ContentGapsProcessor implements OnModuleInit, OnApplicationShutdown {
  private readonly schedule = new InProcessSchedule(new Logger(ContentGapsProcessor.name));

  constructor(
    private readonly aggregator: ContentGapAggregator,
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

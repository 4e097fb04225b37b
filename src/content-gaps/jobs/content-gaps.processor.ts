import { Inject, Injectable } from '@nestjs/common';
import { DailyAggregationProcessor } from '../../common/queue/daily-aggregation';
import { JobRunners } from '../../common/queue/job-runner';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ContentGapAggregator } from '../content-gap-aggregator.service';
import { ContentGapsJob, contentGapsJobs } from './content-gaps-jobs';

/** The content-gaps queue's one processor; its jobs are registered with the runner here. */
@Injectable()
export class ContentGapsProcessor extends DailyAggregationProcessor<ContentGapsJob> {
  constructor(aggregator: ContentGapAggregator, @Inject(APP_CONFIG) config: AppConfig, runners: JobRunners) {
    super(runners, contentGapsJobs(aggregator, config.contentGaps.cron));
  }
}

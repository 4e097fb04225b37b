import { Inject, Injectable } from '@nestjs/common';
import { DailyAggregationProcessor } from '../../common/queue/daily-aggregation';
import { JobRunners } from '../../common/queue/job-runner';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { LearningAggregator } from '../learning-aggregator.service';
import { SearchLearningJob, searchLearningJobs } from './search-learning-jobs';

/** The search-learning queue's one processor; its jobs are registered with the runner here. */
@Injectable()
export class SearchLearningProcessor extends DailyAggregationProcessor<SearchLearningJob> {
  constructor(aggregator: LearningAggregator, @Inject(APP_CONFIG) config: AppConfig, runners: JobRunners) {
    super(runners, searchLearningJobs(aggregator, config.searchLearning.cron));
  }
}

import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module';
import { ArticlesModule } from '../articles/articles.module';
import { SearchModule } from '../search/search.module';
import { UsersModule } from '../users/users.module';
import { SearchLearningProcessor } from './jobs/search-learning.processor';
import { LearningAggregator } from './learning-aggregator.service';
import { LearningSuggestionsRepository } from './learning-suggestions.repository';
import { SearchLearningController } from './search-learning.controller';
import { SearchLearningService } from './search-learning.service';

/** The learning loop: agents' reformulations become suggested question variants and synonyms for coordinators. */
@Module({
  imports: [AnalyticsModule, ArticlesModule, SearchModule, UsersModule],
  controllers: [SearchLearningController],
  providers: [LearningSuggestionsRepository, LearningAggregator, SearchLearningService, SearchLearningProcessor],
  exports: [LearningAggregator, SearchLearningProcessor],
})
export class SearchLearningModule {}

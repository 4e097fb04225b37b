import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { AnalyticsController } from './analytics.controller';
import { FailedSearchesService } from './failed-searches.service';
import { ReformulationsService } from './reformulations.service';
import { SearchAnalyticsService } from './search-analytics.service';
import { SearchLogService } from './search-log.service';

@Module({
  imports: [ArticlesModule],
  controllers: [AnalyticsController],
  providers: [SearchLogService, SearchAnalyticsService, FailedSearchesService, ReformulationsService],
  exports: [SearchLogService, SearchAnalyticsService, FailedSearchesService, ReformulationsService],
})
export class AnalyticsModule {}

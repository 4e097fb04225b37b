import { Module } from '@nestjs/common';
import { AnalyticsController } from './analytics.controller';
import { FailedSearchesService } from './failed-searches.service';
import { SearchAnalyticsService } from './search-analytics.service';
import { SearchLogService } from './search-log.service';

@Module({
  controllers: [AnalyticsController],
  providers: [SearchLogService, SearchAnalyticsService, FailedSearchesService],
  exports: [SearchLogService, SearchAnalyticsService, FailedSearchesService],
})
export class AnalyticsModule {}

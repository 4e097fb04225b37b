import { Module } from '@nestjs/common';
import { AnalyticsController } from './analytics.controller';
import { SearchAnalyticsService } from './search-analytics.service';
import { SearchLogService } from './search-log.service';

@Module({ controllers: [AnalyticsController], providers: [SearchLogService, SearchAnalyticsService], exports: [SearchLogService, SearchAnalyticsService] })
export class AnalyticsModule {}

import { Module, OnModuleInit } from '@nestjs/common';
import { WorkItemRegistry, WorkItemsModule } from '../common/tasks/work-items';
import { AnalyticsModule } from '../analytics/analytics.module';
import { ArticlesModule } from '../articles/articles.module';
import { DepartmentsModule } from '../departments/departments.module';
import { ContentGapAggregator } from './content-gap-aggregator.service';
import { ContentGapsController } from './content-gaps.controller';
import { ContentGapsRepository } from './content-gaps.repository';
import { ContentGapsService } from './content-gaps.service';
import { ContentGapsProcessor } from './jobs/content-gaps.processor';

/** Content gaps: what agents search for and do not find, turned into work for the departments. */
@Module({
  imports: [AnalyticsModule, ArticlesModule, DepartmentsModule, WorkItemsModule],
  controllers: [ContentGapsController],
  providers: [ContentGapsRepository, ContentGapAggregator, ContentGapsService, ContentGapsProcessor],
  exports: [ContentGapsService, ContentGapAggregator, ContentGapsProcessor],
})
export class ContentGapsModule implements OnModuleInit {
  constructor(
    private readonly workItems: WorkItemRegistry,
    private readonly contentGaps: ContentGapsService,
  ) {}

  onModuleInit(): void {
    this.workItems.register(this.contentGaps);
  }
}

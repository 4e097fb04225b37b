import { Module, OnModuleInit } from '@nestjs/common';
import { WorkItemRegistry, WorkItemsModule } from '../common/tasks/work-items';
import { ArticlesModule } from '../articles/articles.module';
import { DepartmentsModule } from '../departments/departments.module';
import { LinkCheckProcessor } from './jobs/link-check.processor';
import { LinkCheckReportService } from './link-check-report.service';
import { LinkCheckController } from './link-check.controller';
import { LinkCheckRepository } from './link-check.repository';
import { LinkCheckService } from './link-check.service';

/** The weekly check of every external link in published content. */
@Module({
  imports: [ArticlesModule, DepartmentsModule, WorkItemsModule],
  controllers: [LinkCheckController],
  providers: [LinkCheckRepository, LinkCheckService, LinkCheckReportService, LinkCheckProcessor],
  exports: [LinkCheckService, LinkCheckReportService, LinkCheckProcessor],
})
export class LinkCheckModule implements OnModuleInit {
  constructor(
    private readonly workItems: WorkItemRegistry,
    private readonly linkReports: LinkCheckReportService,
  ) {}

  onModuleInit(): void {
    this.workItems.register(this.linkReports);
  }
}

import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { QueueName } from '../common/queue/queue-names';
import { optionalQueue } from '../common/queue/optional-queue';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DepartmentsModule } from '../departments/departments.module';
import { LINK_CHECK_QUEUE } from './jobs/link-check-jobs';
import { LinkCheckProcessor } from './jobs/link-check.processor';
import { LinkCheckReportService } from './link-check-report.service';
import { LinkCheckController } from './link-check.controller';
import { LinkCheckRepository } from './link-check.repository';
import { LinkCheckService } from './link-check.service';

/** The weekly check of every external link in published content. */
@Module({
  imports: [ArticlesModule, DepartmentsModule],
  controllers: [LinkCheckController],
  providers: [
    { provide: LINK_CHECK_QUEUE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => optionalQueue(QueueName.LinkCheck, config) },
    LinkCheckRepository,
    LinkCheckService,
    LinkCheckReportService,
    LinkCheckProcessor,
  ],
  exports: [LinkCheckService, LinkCheckReportService, LinkCheckProcessor],
})
export class LinkCheckModule {}

import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module';
import { ArticlesModule } from '../articles/articles.module';
import { DepartmentsModule } from '../departments/departments.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { ContentHealthService } from './content-health.service';
import { StewardshipProcessor } from './jobs/stewardship.processor';
import { StewardshipTrigger } from './jobs/stewardship.trigger';
import { StewardshipSchedule } from './jobs/stewardship-schedule';
import { ReminderDeliveryService } from './reminder-delivery.service';
import { ReviewContextLoader } from './review-context';
import { ReviewLevelingService } from './review-leveling.service';
import { ReviewRemindersRepository } from './review-reminders.repository';
import { ReviewScanService } from './review-scan.service';
import { ReviewerPreferencesService } from './reviewer-preferences.service';
import { StewardshipController } from './stewardship.controller';
import { DEPARTMENT_FIGURE_SOURCES, DepartmentFigureSource, TASK_SOURCES, TaskSource } from './stewardship-extensions';
import { StewardshipHistoryRepository } from './stewardship-history.repository';
import { StewardshipOverviewService } from './stewardship-overview.service';
import { ReviewTaskSource, StewardshipTasksService } from './stewardship-tasks.service';
import { WeeklyDigestService } from './weekly-digest.service';
import { WorkItemFigureSource, WorkItemTaskSource } from './work-item-sources';
import { FeedbackModule } from '../feedback/feedback.module';
import { NationalContentModule } from '../national-content/national-content.module';
import { ContentGapsModule } from '../content-gaps/content-gaps.module';
import { LinkCheckModule } from '../link-check/link-check.module';

/**
 * Regie op kennismanagement: review reminders and escalation, the weekly digest, review-storm
 * levelling, and the coordinators' dashboard. Uses articles (through its services), notifications,
 * analytics and the modules whose work shows on the dashboard (feedback, national content, content
 * gaps, link check); nothing uses it.
 */
@Module({
  imports: [
    ArticlesModule,
    DepartmentsModule,
    UsersModule,
    NotificationsModule,
    AnalyticsModule,
    FeedbackModule,
    NationalContentModule,
    ContentGapsModule,
    LinkCheckModule,
  ],
  controllers: [StewardshipController],
  providers: [
    // The extension points: add feedback, source-change, content-gap and link-check sources here.
    { provide: TASK_SOURCES, inject: [ReviewTaskSource, WorkItemTaskSource], useFactory: (...sources: TaskSource[]) => sources },
    { provide: DEPARTMENT_FIGURE_SOURCES, inject: [WorkItemFigureSource], useFactory: (...sources: DepartmentFigureSource[]) => sources },
    WorkItemTaskSource,
    WorkItemFigureSource,
    ReviewContextLoader,
    ReviewRemindersRepository,
    StewardshipHistoryRepository,
    ReviewerPreferencesService,
    ContentHealthService,
    ReviewScanService,
    WeeklyDigestService,
    ReminderDeliveryService,
    StewardshipOverviewService,
    ReviewTaskSource,
    StewardshipTasksService,
    ReviewLevelingService,
    StewardshipProcessor,
    StewardshipSchedule,
    StewardshipTrigger,
  ],
  exports: [StewardshipProcessor, StewardshipSchedule, ReviewLevelingService],
})
export class StewardshipModule {}

import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module';
import { ArticlesModule } from '../articles/articles.module';
import { optionalQueue } from '../common/queue/optional-queue';
import { QueueName } from '../common/queue/queue-names';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DepartmentsModule } from '../departments/departments.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { ContentHealthService } from './content-health.service';
import { StewardshipProcessor } from './jobs/stewardship.processor';
import { STEWARDSHIP_QUEUE, StewardshipLocalScheduler, StewardshipTrigger } from './jobs/stewardship.trigger';
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
    {
      provide: STEWARDSHIP_QUEUE,
      inject: [APP_CONFIG],
      // Redis being down is survivable: the worker catches up when it is back.
      useFactory: (config: AppConfig) => optionalQueue(QueueName.Stewardship, config, 'reminders wait until it is back'),
    },
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
    StewardshipLocalScheduler,
  ],
  exports: [StewardshipProcessor, StewardshipSchedule, StewardshipLocalScheduler, ReviewLevelingService, STEWARDSHIP_QUEUE],
})
export class StewardshipModule {}

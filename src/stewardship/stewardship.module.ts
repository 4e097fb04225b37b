import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module';
import { ArticlesModule } from '../articles/articles.module';
import { WorkItemsModule } from '../common/tasks/work-items';
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
import { StewardshipHistoryRepository } from './stewardship-history.repository';
import { StewardshipOverviewService } from './stewardship-overview.service';
import { ReviewTaskSource, StewardshipTasksService } from './stewardship-tasks.service';
import { WeeklyDigestService } from './weekly-digest.service';

/**
 * Regie op kennismanagement: review reminders and escalation, the weekly digest, review-storm
 * levelling, and the coordinators' dashboard. Uses articles (through its services), notifications and
 * analytics; the work of other features (feedback, source changes, content gaps, broken links, missing
 * UPLs) reaches it through the WorkItemRegistry in common/tasks, where they register. Nothing uses it.
 */
@Module({
  imports: [ArticlesModule, DepartmentsModule, UsersModule, NotificationsModule, AnalyticsModule, WorkItemsModule],
  controllers: [StewardshipController],
  providers: [
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

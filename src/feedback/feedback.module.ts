import { Module, OnModuleInit } from '@nestjs/common';
import { WorkItemRegistry, WorkItemsModule } from '../common/tasks/work-items';
import { ArticlesModule } from '../articles/articles.module';
import { DepartmentsModule } from '../departments/departments.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { ArticleFeedbackController, FeedbackController } from './feedback.controller';
import { FeedbackWorkItemsService } from './feedback-work-items.service';
import { FeedbackRepository } from './feedback.repository';
import { FeedbackService } from './feedback.service';

/** Terugmeldingen: agents report on articles, departments handle them. */
@Module({
  imports: [ArticlesModule, DepartmentsModule, UsersModule, NotificationsModule, WorkItemsModule],
  controllers: [ArticleFeedbackController, FeedbackController],
  providers: [FeedbackRepository, FeedbackService, FeedbackWorkItemsService],
  exports: [FeedbackService, FeedbackWorkItemsService],
})
export class FeedbackModule implements OnModuleInit {
  constructor(
    private readonly workItems: WorkItemRegistry,
    private readonly feedback: FeedbackWorkItemsService,
  ) {}

  onModuleInit(): void {
    this.workItems.register(this.feedback);
  }
}

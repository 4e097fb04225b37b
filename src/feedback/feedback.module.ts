import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { DepartmentsModule } from '../departments/departments.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { ArticleFeedbackController, FeedbackController } from './feedback.controller';
import { FeedbackHealthService } from './feedback-health.service';
import { FeedbackRepository } from './feedback.repository';
import { FeedbackService } from './feedback.service';

/** Terugmeldingen: agents report on articles, departments handle them. */
@Module({
  imports: [ArticlesModule, DepartmentsModule, UsersModule, NotificationsModule],
  controllers: [ArticleFeedbackController, FeedbackController],
  providers: [FeedbackRepository, FeedbackService, FeedbackHealthService],
  exports: [FeedbackService, FeedbackHealthService],
})
export class FeedbackModule {}

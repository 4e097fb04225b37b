import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { DepartmentsModule } from '../departments/departments.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { ArticleFactsReader } from './article-facts';
import { ArticleNationalSourceController, NationalContentController } from './national-content.controller';
import { NationalContentRepository } from './national-content.repository';
import { NationalFeedService } from './national-feed.service';
import { NationalSourcesService } from './national-sources.service';
import { SourceChangeHealthService } from './source-change-health.service';
import { SourceChangeNotifier } from './source-change.notifier';

/** Landelijke content: the national feed, the articles built on it and their bronwijzigingen. */
@Module({
  imports: [ArticlesModule, DepartmentsModule, UsersModule, NotificationsModule],
  controllers: [NationalContentController, ArticleNationalSourceController],
  providers: [
    NationalContentRepository,
    ArticleFactsReader,
    SourceChangeNotifier,
    NationalFeedService,
    NationalSourcesService,
    SourceChangeHealthService,
  ],
  exports: [NationalFeedService, NationalSourcesService, SourceChangeHealthService, SourceChangeNotifier],
})
export class NationalContentModule {}

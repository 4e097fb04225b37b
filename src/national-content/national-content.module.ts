import { Module, OnModuleInit } from '@nestjs/common';
import { WorkItemRegistry, WorkItemsModule } from '../common/tasks/work-items';
import { ArticlesModule } from '../articles/articles.module';
import { DepartmentsModule } from '../departments/departments.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { ArticleFactsReader } from './article-facts';
import { ArticleNationalSourceController, NationalContentController } from './national-content.controller';
import { NationalContentRepository } from './national-content.repository';
import { NationalFeedService } from './national-feed.service';
import { NationalSourcesService } from './national-sources.service';
import { SourceChangeWorkItemsService } from './source-change-work-items.service';
import { SourceChangeNotifier } from './source-change.notifier';

/** Landelijke content: the national feed, the articles built on it and their bronwijzigingen. */
@Module({
  imports: [ArticlesModule, DepartmentsModule, UsersModule, NotificationsModule, WorkItemsModule],
  controllers: [NationalContentController, ArticleNationalSourceController],
  providers: [
    NationalContentRepository,
    ArticleFactsReader,
    SourceChangeNotifier,
    NationalFeedService,
    NationalSourcesService,
    SourceChangeWorkItemsService,
  ],
  exports: [NationalFeedService, NationalSourcesService, SourceChangeWorkItemsService, SourceChangeNotifier],
})
export class NationalContentModule implements OnModuleInit {
  constructor(
    private readonly workItems: WorkItemRegistry,
    private readonly sourceChanges: SourceChangeWorkItemsService,
  ) {}

  onModuleInit(): void {
    this.workItems.register(this.sourceChanges);
  }
}

import { Module, OnModuleInit } from '@nestjs/common';
import { WorkItemRegistry, WorkItemsModule } from '../common/tasks/work-items';
import { DepartmentsModule } from '../departments/departments.module';
import { UplModule } from '../upl/upl.module';
import { UsersModule } from '../users/users.module';
import { ArticleChangeSignal } from './article-change.signal';
import { ArticleCommandRunner } from './article-command.runner';
import { ArticleContentAssembler } from './article-content.assembler';
import { ArticlePublishingService } from './article-publishing.service';
import { ArticleReviewsService } from './article-reviews.service';
import { ArticleVersionsController } from './article-versions.controller';
import { ArticleVersionsService } from './article-versions.service';
import { ArticleVersioning } from './article-versioning';
import { ArticlesController } from './articles.controller';
import { ArticlesRepository } from './articles.repository';
import { ArticlesService } from './articles.service';
import { ArticleImportService } from './import/article-import.service';
import { FixtureLoader } from './import/fixture-loader';
import { ImportController } from './import/import.controller';
import { MissingUplQuery } from './import/missing-upl.query';
import { MarkdownRenderer } from './markdown/markdown-renderer';
import { LiveArticlesQuery } from './live-articles.query';
import { PublishedArticlesService } from './published-articles.service';

@Module({
  imports: [DepartmentsModule, UsersModule, UplModule, WorkItemsModule],
  controllers: [ArticlesController, ArticleVersionsController, ImportController],
  providers: [
    ArticleChangeSignal,
    ArticlesRepository,
    ArticleContentAssembler,
    ArticleCommandRunner,
    ArticlesService,
    ArticlePublishingService,
    ArticleVersioning,
    ArticleVersionsService,
    ArticleImportService,
    FixtureLoader,
    MissingUplQuery,
    MarkdownRenderer,
    PublishedArticlesService,
    LiveArticlesQuery,
    ArticleReviewsService,
  ],
  exports: [
    ArticleChangeSignal,
    PublishedArticlesService,
    LiveArticlesQuery,
    ArticleReviewsService,
    ArticlesService,
    ArticlePublishingService,
    ArticleImportService,
    FixtureLoader,
    MissingUplQuery,
    MarkdownRenderer,
  ],
})
export class ArticlesModule implements OnModuleInit {
  constructor(
    private readonly workItems: WorkItemRegistry,
    private readonly missingUpl: MissingUplQuery,
  ) {}

  onModuleInit(): void {
    this.workItems.register(this.missingUpl);
  }
}

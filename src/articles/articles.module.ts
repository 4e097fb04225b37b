import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../departments/departments.module';
import { UplModule } from '../upl/upl.module';
import { UsersModule } from '../users/users.module';
import { ArticleCommandRunner } from './article-command.runner';
import { ArticleContentAssembler } from './article-content.assembler';
import { ArticlePublishingService } from './article-publishing.service';
import { ArticleVersionsController } from './article-versions.controller';
import { ArticleVersionsService } from './article-versions.service';
import { ArticlesController } from './articles.controller';
import { ArticlesRepository } from './articles.repository';
import { ArticlesService } from './articles.service';
import { ArticleImportService } from './import/article-import.service';
import { FixtureLoader } from './import/fixture-loader';
import { ImportController } from './import/import.controller';
import { MarkdownRenderer } from './markdown/markdown-renderer';

@Module({
  imports: [DepartmentsModule, UsersModule, UplModule],
  controllers: [ArticlesController, ArticleVersionsController, ImportController],
  providers: [
    ArticlesRepository,
    ArticleContentAssembler,
    ArticleCommandRunner,
    ArticlesService,
    ArticlePublishingService,
    ArticleVersionsService,
    ArticleImportService,
    FixtureLoader,
    MarkdownRenderer,
  ],
  exports: [ArticlesService, ArticleImportService, FixtureLoader, MarkdownRenderer, ArticlesRepository],
})
export class ArticlesModule {}

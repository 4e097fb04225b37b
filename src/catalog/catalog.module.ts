import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { SearchModule } from '../search/search.module';
import { CatalogChangesService } from './catalog-changes.service';
import { CatalogController } from './catalog.controller';
import { CatalogService } from './catalog.service';
import { HttpCacheInterceptor } from './http/http-cache.interceptor';
import { KissController } from './kiss/kiss.controller';
import { KissService } from './kiss/kiss.service';
import { SamenwerkendeCatalogiService } from './samenwerkende-catalogi/samenwerkende-catalogi.service';

/** Every channel that reads published content: the website's catalogue, overheid.nl, KISS. */
@Module({
  imports: [ArticlesModule, SearchModule],
  controllers: [CatalogController, KissController],
  providers: [CatalogService, CatalogChangesService, SamenwerkendeCatalogiService, KissService, HttpCacheInterceptor],
})
export class CatalogModule {}

import { Access, ApiController } from '../common/request-context/access';
import { Get, Headers, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiOperation } from '@nestjs/swagger';
import { EtagHeaderInterceptor } from '../common/http/etag-header.interceptor';
import type { Actor } from '../common/request-context/actor';
import { CurrentActor } from '../common/request-context/current-actor.decorator';
import { ArticleVersionsService } from './article-versions.service';
import { ArticlesService } from './articles.service';
import { ArticleIdParams, DiffQueryDto, VersionParams } from './dto/article-query.dto';
import { ArticleResponse, PublishedArticleResponse, VersionResponse, VersionSummaryResponse } from './dto/article-response';

@ApiController({ path: 'api/articles/:id', tag: 'articles', access: 'editor' })
@UseInterceptors(EtagHeaderInterceptor)
export class ArticleVersionsController {
  constructor(
    private readonly versions: ArticleVersionsService,
    private readonly articles: ArticlesService,
  ) {}

  /** The live version (404 when never published or archived). */
  @Get('published')
  @ApiOperation({ summary: 'Get the published version of an article' })
  @Access('agent')
  published(@Param() { id }: ArticleIdParams): Promise<PublishedArticleResponse> {
    return this.versions.published(id);
  }

  @Get('versions')
  @ApiOperation({ summary: 'List the versions of an article' })
  list(@Param() { id }: ArticleIdParams): Promise<VersionSummaryResponse[]> {
    return this.versions.list(id);
  }

  @Get('versions/:n')
  @ApiOperation({ summary: 'Get one version of an article' })
  get(@Param() { id, n }: VersionParams): Promise<VersionResponse> {
    return this.versions.get(id, n);
  }

  /** Section-by-section word diff; `to` may be `draft` for the working copy. */
  @Get('diff')
  @ApiOperation({ summary: 'Word diff between two versions' })
  diff(@Param() { id }: ArticleIdParams, @Query() query: DiffQueryDto) {
    return this.versions.diff(id, query.from, query.to);
  }

  /** Makes an old version the working copy (a new draft); requires If-Match like PATCH. */
  @Post('versions/:n/restore')
  @ApiOperation({ summary: 'Restore an old version as a new draft' })
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: true })
  async restore(
    @CurrentActor() actor: Actor,
    @Param() { id, n }: VersionParams,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<ArticleResponse> {
    return this.articles.get(await this.versions.restore(actor, id, n, ifMatch));
  }
}

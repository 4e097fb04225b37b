import { ApiController } from '../common/request-context/access';
import { Body, Get, Headers, HttpCode, Param, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiOperation } from '@nestjs/swagger';
import { EtagHeaderInterceptor } from '../common/http/etag-header.interceptor';
import type { Actor } from '../common/request-context/actor';
import { CurrentActor } from '../common/request-context/current-actor.decorator';
import { ArticlePublishingService } from './article-publishing.service';
import { ArticlesService } from './articles.service';
import { CreateArticleDto, PreviewArticleDto, RejectDto, UpdateArticleDto, WorkflowNoteDto } from './dto/article-input.dto';
import { ArticleIdParams, ListArticlesQueryDto } from './dto/article-query.dto';
import { ArticleFieldsResponse, ArticleListResponse, ArticleResponse, articleFieldsResponse } from './dto/article-response';
import type { RenderedContent } from './markdown/markdown-renderer';

@ApiController({ path: 'api/articles', tag: 'articles', access: 'editor' })
@UseInterceptors(EtagHeaderInterceptor)
export class ArticlesController {
  constructor(
    private readonly articles: ArticlesService,
    private readonly publishing: ArticlePublishingService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create an article (a draft)' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateArticleDto): Promise<ArticleResponse> {
    return this.articles.create(actor, dto);
  }

  /** Live preview: renders unsaved input with the same pipeline as approval; stores nothing. */
  @Post('preview')
  @ApiOperation({ summary: 'Render article markdown as sanitised HTML' })
  @HttpCode(200)
  preview(@Body() dto: PreviewArticleDto): { rendered: RenderedContent } {
    return this.articles.preview(dto);
  }

  @Get()
  @ApiOperation({ summary: 'List articles with filters' })
  list(@Query() query: ListArticlesQueryDto): Promise<ArticleListResponse> {
    return this.articles.list(query);
  }

  /** Declared before `:id`, which would otherwise take "fields" for a slug. */
  @Get('fields')
  @ApiOperation({ summary: 'The content fields and product sections (keys and titles) of the article model' })
  fields(): ArticleFieldsResponse {
    return articleFieldsResponse();
  }

  /** By id or slug (old slugs resolve too). */
  @Get(':id')
  @ApiOperation({ summary: 'Get an article (current working version)' })
  get(@Param() { id }: ArticleIdParams): Promise<ArticleResponse> {
    return this.articles.get(id);
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Workflow history of an article' })
  history(@Param() { id }: ArticleIdParams) {
    return this.articles.history(id);
  }

  /** Requires If-Match with the ETag you loaded: 428 without it, 412 when someone changed it since. */
  @Patch(':id')
  @ApiOperation({ summary: 'Update an article (If-Match with its ETag)' })
  @ApiHeader({ name: 'If-Match', required: true })
  update(
    @CurrentActor() actor: Actor,
    @Param() { id }: ArticleIdParams,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateArticleDto,
  ): Promise<ArticleResponse> {
    return this.articles.update(actor, id, ifMatch, dto);
  }

  @Post(':id/submit')
  @ApiOperation({ summary: 'Submit an article for review' })
  @HttpCode(200)
  async submit(
    @CurrentActor() actor: Actor,
    @Param() { id }: ArticleIdParams,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: WorkflowNoteDto,
  ): Promise<ArticleResponse> {
    return this.articles.get(await this.publishing.submit(actor, id, ifMatch, dto.note));
  }

  @Post(':id/approve')
  @ApiOperation({ summary: 'Approve and publish an article' })
  @HttpCode(200)
  async approve(
    @CurrentActor() actor: Actor,
    @Param() { id }: ArticleIdParams,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: WorkflowNoteDto,
  ): Promise<ArticleResponse> {
    return this.articles.get(await this.publishing.approve(actor, id, ifMatch, dto.note));
  }

  @Post(':id/reject')
  @ApiOperation({ summary: 'Reject a submitted article' })
  @HttpCode(200)
  async reject(
    @CurrentActor() actor: Actor,
    @Param() { id }: ArticleIdParams,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: RejectDto,
  ): Promise<ArticleResponse> {
    return this.articles.get(await this.publishing.reject(actor, id, dto.reason, ifMatch));
  }

  @Post(':id/archive')
  @ApiOperation({ summary: 'Archive an article' })
  @HttpCode(200)
  async archive(
    @CurrentActor() actor: Actor,
    @Param() { id }: ArticleIdParams,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: WorkflowNoteDto,
  ): Promise<ArticleResponse> {
    return this.articles.get(await this.publishing.archive(actor, id, ifMatch, dto.note));
  }

  /** "Inhoud gecontroleerd": confirms the live content is still right and moves the review date. */
  @Post(':id/confirm-review')
  @ApiOperation({ summary: 'Confirm an article is still correct (sets the next review date)' })
  @HttpCode(200)
  async confirmReview(
    @CurrentActor() actor: Actor,
    @Param() { id }: ArticleIdParams,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: WorkflowNoteDto,
  ): Promise<ArticleResponse> {
    return this.articles.get(await this.publishing.confirmReview(actor, id, ifMatch, dto.note));
  }
}

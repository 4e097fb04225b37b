import { Body, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOperation } from '@nestjs/swagger';
import { ArticleIdParams } from '../articles/dto/article-query.dto';
import { Access, ApiController } from '../common/request-context/access';
import type { Actor } from '../common/request-context/actor';
import { CurrentActor } from '../common/request-context/current-actor.decorator';
import { FeedReport, NationalItemSummaryResponse, NationalSourceResponse, SourceChangeResponse } from './dto/national-content-response';
import { LinkNationalSourceDto, ListNationalItemsQueryDto, SourceChangesQueryDto } from './dto/national-content.dto';
import { NationalContentRepository } from './national-content.repository';
import { NationalFeedService } from './national-feed.service';
import { NationalSourcesService } from './national-sources.service';
import { SourceChangeWorkItemsService } from './source-change-work-items.service';

@ApiController({ path: 'api/national-content', tag: 'national-content', access: 'editor' })
export class NationalContentController {
  constructor(
    private readonly feed: NationalFeedService,
    private readonly repository: NationalContentRepository,
    private readonly changes: SourceChangeWorkItemsService,
  ) {}

  /** The national update feed: a JSON array of `{ uri, title, body, version, changedAt }`; per-item report. */
  @Post()
  @ApiOperation({ summary: 'Import national content (landelijke bronteksten)' })
  @Access('coordinator')
  @HttpCode(200)
  @ApiBody({ schema: { type: 'array', items: { type: 'object' } } })
  import(@Body() items: unknown): Promise<FeedReport> {
    return this.feed.import(items);
  }

  /** National texts received so far, to link articles to. */
  @Get()
  @ApiOperation({ summary: 'List national source documents' })
  async list(@Query() query: ListNationalItemsQueryDto): Promise<NationalItemSummaryResponse[]> {
    const items = await this.repository.listItems(query.q, query.limit ?? 50);
    return items.map((i) => ({ ...i, changedAt: i.changedAt.toISOString() }));
  }

  /** Open bronwijzigingen (source changes), oldest first. */
  @Get('changes')
  @ApiOperation({ summary: 'National source changes awaiting review' })
  changesList(@CurrentActor() actor: Actor, @Query() query: SourceChangesQueryDto): Promise<SourceChangeResponse[]> {
    return this.changes.list(actor, query);
  }
}

@ApiController({ path: 'api/articles/:id/national-source', tag: 'national-content', access: 'editor' })
export class ArticleNationalSourceController {
  constructor(private readonly sources: NationalSourcesService) {}

  /** The national text the article builds on, whether it changed (`sourceChanged`) and the word diff. */
  @Get()
  @ApiOperation({ summary: 'The national source of an article, with its changes' })
  @Access('agent')
  get(@Param() { id }: ArticleIdParams): Promise<NationalSourceResponse> {
    return this.sources.status(id);
  }

  /** Links the article to a national text (by URI), agreeing with its current or a given version. */
  @Put()
  @ApiOperation({ summary: 'Link an article to a national source' })
  link(
    @CurrentActor() actor: Actor,
    @Param() { id }: ArticleIdParams,
    @Body() dto: LinkNationalSourceDto,
  ): Promise<NationalSourceResponse> {
    return this.sources.link(actor, id, dto);
  }

  @Delete()
  @ApiOperation({ summary: 'Unlink an article from its national source' })
  @HttpCode(204)
  async unlink(@CurrentActor() actor: Actor, @Param() { id }: ArticleIdParams): Promise<void> {
    await this.sources.unlink(actor, id);
  }

  /** The article was checked against the changed national text: closes the bronwijziging. */
  @Post('confirm')
  @ApiOperation({ summary: 'Confirm the article follows the current national source' })
  @HttpCode(200)
  confirm(@CurrentActor() actor: Actor, @Param() { id }: ArticleIdParams): Promise<NationalSourceResponse> {
    return this.sources.confirm(actor, id);
  }
}

import { Body, Get, Headers, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiOperation } from '@nestjs/swagger';
import { Access, ApiController } from '../common/request-context/access';
import { EtagHeaderInterceptor } from '../common/http/etag-header.interceptor';
import type { Actor } from '../common/request-context/actor';
import { CurrentActor } from '../common/request-context/current-actor.decorator';
import { AggregationResult, ContentGapAggregator } from './content-gap-aggregator.service';
import { ContentGapListResponse, ContentGapResponse } from './dto/content-gap-response';
import {
  AssignContentGapDto,
  ContentGapIdParams,
  DismissContentGapDto,
  ListContentGapsQueryDto,
  ResolveContentGapDto,
} from './dto/content-gap.dto';
import { ContentGapsService } from './content-gaps.service';

@ApiController({ path: 'api/content-gaps', tag: 'content-gaps', access: 'coordinator' })
@UseInterceptors(EtagHeaderInterceptor)
export class ContentGapsController {
  constructor(
    private readonly gaps: ContentGapsService,
    private readonly aggregator: ContentGapAggregator,
  ) {}

  /** Open and assigned gaps (or one status), most searched first. */
  @Get()
  @ApiOperation({ summary: 'List content gaps (kennislacunes)' })
  list(@Query() query: ListContentGapsQueryDto): Promise<ContentGapListResponse> {
    return this.gaps.list(query);
  }

  /** Runs the content-gap job now (it also runs daily). */
  @Post('refresh')
  @ApiOperation({ summary: 'Recompute content gaps from the search log' })
  @HttpCode(200)
  refresh(): Promise<AggregationResult> {
    return this.aggregator.aggregate('manual');
  }

  /** For coordinators and the editors of the department it is assigned to. */
  @Get(':id')
  @ApiOperation({ summary: 'Get one content gap' })
  @Access('editor')
  get(@CurrentActor() actor: Actor, @Param() { id }: ContentGapIdParams): Promise<ContentGapResponse> {
    return this.gaps.get(actor, id);
  }

  @Post(':id/assign')
  @ApiOperation({ summary: 'Assign a content gap to a department' })
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false })
  assign(
    @CurrentActor() actor: Actor,
    @Param() { id }: ContentGapIdParams,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: AssignContentGapDto,
  ): Promise<ContentGapResponse> {
    return this.gaps.assign(actor, id, dto, ifMatch);
  }

  /** Names the published article that answers it; editors of the assigned department may do this too. */
  @Post(':id/resolve')
  @ApiOperation({ summary: 'Resolve a content gap with an article' })
  @Access('editor')
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false })
  resolve(
    @CurrentActor() actor: Actor,
    @Param() { id }: ContentGapIdParams,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: ResolveContentGapDto,
  ): Promise<ContentGapResponse> {
    return this.gaps.resolve(actor, id, dto, ifMatch);
  }

  /** Not a gap (a typo, a question for another organisation); needs a reason. */
  @Post(':id/dismiss')
  @ApiOperation({ summary: 'Dismiss a content gap' })
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false })
  dismiss(
    @CurrentActor() actor: Actor,
    @Param() { id }: ContentGapIdParams,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: DismissContentGapDto,
  ): Promise<ContentGapResponse> {
    return this.gaps.dismiss(actor, id, dto, ifMatch);
  }
}

import { Body, Get, Headers, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiOperation } from '@nestjs/swagger';
import { Access, ApiController } from '../common/request-context/access';
import { EtagHeaderInterceptor } from '../common/http/etag-header.interceptor';
import type { Actor } from '../common/request-context/actor';
import { CurrentActor } from '../common/request-context/current-actor.decorator';
import {
  ArticleFeedbackParams,
  CreateFeedbackDto,
  FeedbackIdParams,
  FeedbackReplyDto,
  FeedbackSummaryQueryDto,
  ListFeedbackQueryDto,
  PageQueryDto,
} from './dto/feedback.dto';
import { FeedbackCountsResponse, FeedbackListResponse, FeedbackResponse } from './dto/feedback-response';
import { FeedbackWorkItemsService } from './feedback-work-items.service';
import { FeedbackService } from './feedback.service';

@ApiController({ path: 'api/articles/:id/feedback', tag: 'feedback', access: 'agent' })
@UseInterceptors(EtagHeaderInterceptor)
export class ArticleFeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  /** A terugmelding on a published article; routed to its owner (or the department's coordinators). */
  @Post()
  @ApiOperation({ summary: 'Report feedback on an article (terugmelding)' })
  report(@CurrentActor() actor: Actor, @Param() { id }: ArticleFeedbackParams, @Body() dto: CreateFeedbackDto): Promise<FeedbackResponse> {
    return this.feedback.report(actor, id, dto);
  }
}

@ApiController({ path: 'api/feedback', tag: 'feedback', access: 'editor' })
@UseInterceptors(EtagHeaderInterceptor)
export class FeedbackController {
  constructor(
    private readonly feedback: FeedbackService,
    private readonly workItems: FeedbackWorkItemsService,
  ) {}

  /** Editors see their departments' feedback, coordinators all; newest first. */
  @Get()
  @ApiOperation({ summary: 'List feedback' })
  list(@CurrentActor() actor: Actor, @Query() query: ListFeedbackQueryDto): Promise<FeedbackListResponse> {
    return this.feedback.list(actor, query);
  }

  /** The signed-in agent's own feedback, with the replies. */
  @Get('mine')
  @ApiOperation({ summary: 'Feedback I reported' })
  @Access('agent')
  mine(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<FeedbackListResponse> {
    return this.feedback.mine(actor, query);
  }

  /** Open and in-progress feedback per department and per article. */
  @Get('summary')
  @ApiOperation({ summary: 'Feedback counts per department and status' })
  summary(@CurrentActor() actor: Actor, @Query() query: FeedbackSummaryQueryDto): Promise<FeedbackCountsResponse> {
    return this.workItems.summary(actor, query);
  }

  /** For the reporting agent, the department's editors, the owner and coordinators. */
  @Get(':id')
  @ApiOperation({ summary: 'Get one feedback item' })
  @Access('agent')
  get(@CurrentActor() actor: Actor, @Param() { id }: FeedbackIdParams): Promise<FeedbackResponse> {
    return this.feedback.get(actor, id);
  }

  @Post(':id/start')
  @ApiOperation({ summary: 'Start handling a feedback item' })
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false })
  start(
    @CurrentActor() actor: Actor,
    @Param() { id }: FeedbackIdParams,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<FeedbackResponse> {
    return this.feedback.act(actor, id, 'start', ifMatch, {});
  }

  /** Needs a reply for the agent. */
  @Post(':id/resolve')
  @ApiOperation({ summary: 'Resolve a feedback item' })
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false })
  resolve(
    @CurrentActor() actor: Actor,
    @Param() { id }: FeedbackIdParams,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: FeedbackReplyDto,
  ): Promise<FeedbackResponse> {
    return this.feedback.act(actor, id, 'resolve', ifMatch, dto);
  }

  /** Needs a reply for the agent. */
  @Post(':id/reject')
  @ApiOperation({ summary: 'Reject a feedback item' })
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false })
  reject(
    @CurrentActor() actor: Actor,
    @Param() { id }: FeedbackIdParams,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: FeedbackReplyDto,
  ): Promise<FeedbackResponse> {
    return this.feedback.act(actor, id, 'reject', ifMatch, dto);
  }
}

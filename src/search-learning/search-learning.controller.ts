import { Body, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ApiController } from '../common/request-context/access';
import type { Actor } from '../common/request-context/actor';
import { CurrentActor } from '../common/request-context/current-actor.decorator';
import {
  ListSuggestionsQueryDto,
  RejectSuggestionDto,
  SuggestionIdParams,
  SuggestionListResponse,
  SuggestionResponse,
} from './dto/learning-suggestion.dto';
import { LearningAggregator, LearningRunResult } from './learning-aggregator.service';
import { SearchLearningService } from './search-learning.service';

/** Suggested question variants and synonyms learned from agents' reformulations: for coordinators. */
@ApiController({ path: 'api/search-learning/suggestions', tag: 'search-learning', access: 'coordinator' })
export class SearchLearningController {
  constructor(
    private readonly learning: SearchLearningService,
    private readonly aggregator: LearningAggregator,
  ) {}

  /** Open suggestions (or one status), strongest evidence first. */
  @Get()
  @ApiOperation({ summary: "Suggested question variants and synonyms from agents' reformulations" })
  list(@Query() query: ListSuggestionsQueryDto): Promise<SuggestionListResponse> {
    return this.learning.list(query);
  }

  /** Runs the learning job now (it also runs daily). */
  @Post('refresh')
  @ApiOperation({ summary: 'Recompute suggestions from the search log now' })
  @HttpCode(200)
  refresh(): Promise<LearningRunResult> {
    return this.aggregator.aggregate('manual');
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get one suggestion' })
  get(@Param() { id }: SuggestionIdParams): Promise<SuggestionResponse> {
    return this.learning.get(id);
  }

  /** Applies it at once: a question variant becomes a new version of the article, a synonym pair joins the synonyms. */
  @Post(':id/accept')
  @ApiOperation({ summary: 'Accept a suggestion (applies at once)' })
  @HttpCode(200)
  accept(@CurrentActor() actor: Actor, @Param() { id }: SuggestionIdParams): Promise<SuggestionResponse> {
    return this.learning.accept(actor, id);
  }

  /** Never applied, never suggested again. */
  @Post(':id/reject')
  @ApiOperation({ summary: 'Reject a suggestion' })
  @HttpCode(200)
  reject(@CurrentActor() actor: Actor, @Param() { id }: SuggestionIdParams, @Body() dto: RejectSuggestionDto): Promise<SuggestionResponse> {
    return this.learning.reject(actor, id, dto);
  }
}

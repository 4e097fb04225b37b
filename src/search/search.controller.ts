import { Body, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Access, ApiController } from '../common/request-context/access';
import { ApiOperation } from '@nestjs/swagger';
import { SearchLogService } from '../analytics/search-log.service';
import type { Actor } from '../common/request-context/actor';
import { CurrentActor } from '../common/request-context/current-actor.decorator';
import { ClickDto, ClickParams, SearchQueryDto, SearchResponse, SuggestQueryDto, SynonymsDto } from './dto/search-query.dto';
import { SearchService } from './search.service';
import { SearchCancelledError } from './query/engine-gate';
import { SynonymsService } from './synonyms/synonyms.service';

@ApiController({ path: 'api/search', tag: 'search', access: 'agent' })
export class SearchController {
  constructor(
    private readonly search: SearchService,
    private readonly synonyms: SynonymsService,
    private readonly searchLog: SearchLogService,
  ) {}

  /** Published articles for agents: public and internal, stale ones flagged, with facets. */
  @Get()
  @ApiOperation({
    summary: "Search articles (agents' search)",
    description:
      'Every response carries `confidence` ("high" | "medium" | "low" | "none"): how sure search is that the first hit ' +
      'answers the question, judged on the hit\'s own text against the weighted query words. "low" and "none" mean no ' +
      'good answer was found: show the hits as suggestions, not as the answer.',
  })
  query(
    @CurrentActor() actor: Actor,
    @Query() dto: SearchQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SearchResponse | undefined> {
    return untilDisconnect(res, (signal) => this.search.search(actor, dto, signal));
  }

  /** Search-as-you-type over titles and search words (prefix and typo tolerant). */
  @Get('suggest')
  @ApiOperation({ summary: 'Suggestions while typing' })
  suggest(@CurrentActor() actor: Actor, @Query() dto: SuggestQueryDto, @Res({ passthrough: true }) res: Response) {
    return untilDisconnect(res, (signal) => this.search.suggest(actor, dto, signal));
  }

  /** Records which hit of a search the agent opened. */
  @Post(':queryId/click')
  @ApiOperation({ summary: 'Record a click on a search result' })
  @HttpCode(204)
  async click(@Param() { queryId }: ClickParams, @Body() dto: ClickDto): Promise<void> {
    await this.searchLog.recordClick(queryId, dto.articleId, dto.position);
  }

  @Get('synonyms')
  @ApiOperation({ summary: 'Get the synonym list' })
  async getSynonyms(): Promise<{ groups: string[][] }> {
    return { groups: await this.synonyms.groups() };
  }

  /** Replaces all synonym groups; both engines use them at once. */
  @Put('synonyms')
  @ApiOperation({ summary: 'Replace the synonym list' })
  @Access('coordinator')
  async putSynonyms(@Body() dto: SynonymsDto): Promise<{ groups: string[][] }> {
    return { groups: await this.search.replaceSynonyms(dto.groups) };
  }
}

/**
 * Runs `work` with a signal that aborts when the client disconnects before the answer is sent (the
 * werkplek cancels superseded keystrokes). A cancelled search answers nothing: 499, as nginx logs it.
 */
async function untilDisconnect<T>(res: Response, work: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
  const controller = new AbortController();
  const onClose = () => {
    if (!res.writableFinished) controller.abort();
  };
  res.once('close', onClose);
  try {
    return await work(controller.signal);
  } catch (error) {
    if (!(error instanceof SearchCancelledError)) throw error;
    res.status(499);
    return undefined;
  } finally {
    res.off('close', onClose);
  }
}

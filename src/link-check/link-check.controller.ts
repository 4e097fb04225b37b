import { Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Access, ApiController } from '../common/request-context/access';
import type { Actor } from '../common/request-context/actor';
import { CurrentActor } from '../common/request-context/current-actor.decorator';
import {
  ArticleLinksResponse,
  LinkArticleParams,
  LinkCheckRunResponse,
  LinkReportQueryDto,
  LinkReportResponse,
  toRunResponse,
} from './dto/link-check.dto';
import { LinkCheckProcessor } from './jobs/link-check.processor';
import { LinkCheckReportService } from './link-check-report.service';

@ApiController({ path: 'api/link-check', tag: 'link-check', access: 'coordinator' })
export class LinkCheckController {
  constructor(
    private readonly processor: LinkCheckProcessor,
    private readonly reports: LinkCheckReportService,
  ) {}

  /** Starts a link check now (it also runs weekly); 202 with the run, 409 while one runs. */
  @Post('run')
  @ApiOperation({ summary: 'Run the link check now' })
  @HttpCode(202)
  async run(@CurrentActor() actor: Actor): Promise<LinkCheckRunResponse> {
    return toRunResponse(await this.processor.request(actor));
  }

  /** Broken links of the latest completed run, per department and per article. */
  @Get('report')
  @ApiOperation({ summary: 'Link check report' })
  report(@Query() query: LinkReportQueryDto): Promise<LinkReportResponse> {
    return this.reports.report(query);
  }

  /** Every external link of one article with its status (editors, from their task list). */
  @Get('articles/:id')
  @ApiOperation({ summary: 'Link check results for one article' })
  @Access('editor')
  article(@CurrentActor() actor: Actor, @Param() { id }: LinkArticleParams): Promise<ArticleLinksResponse> {
    return this.reports.article(actor, id);
  }
}

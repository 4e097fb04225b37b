import { ApiController } from '../common/request-context/access';
import { Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';
import { SearchReportQueryDto } from './dto/search-report-query.dto';
import { SearchAnalyticsService, SearchReport } from './search-analytics.service';

@ApiController({ path: 'api/analytics', tag: 'analytics', access: 'coordinator' })
export class AnalyticsController {
  constructor(private readonly analytics: SearchAnalyticsService) {}

  /** Top queries, zero-result and no-click queries, click-through; `format=csv` for a spreadsheet. */
  @Get('search')
  @ApiOperation({ summary: 'Search analytics: top queries, zero results, click-through' })
  @ApiProduces('application/json', 'text/csv')
  async search(@Query() query: SearchReportQueryDto, @Res({ passthrough: true }) res: Response): Promise<SearchReport | string> {
    const report = await this.analytics.report(query);
    if (query.format !== 'csv') return report;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="zoektermen-${report.from.slice(0, 10)}-${report.to.slice(0, 10)}.csv"`);
    return this.analytics.toCsv(report);
  }
}

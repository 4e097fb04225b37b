import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../auth/access.decorator';
import { METRICS_TOKEN_SCHEME } from '../common/http/openapi-document';
import { MetricsTokenGuard } from './metrics-token.guard';
import { MetricsService } from './metrics.service';

/**
 * Prometheus scrape endpoint. Public by role (scrapers hold no staff token); when METRICS_TOKEN is
 * set, a static bearer token that Prometheus can send (`authorization.credentials_file`) is required.
 */
@ApiTags('operations')
@Access('public')
@UseGuards(MetricsTokenGuard)
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /** Prometheus text format: HTTP, search, outbox, queue, notification, job and process metrics. */
  @Get()
  @ApiOperation({ summary: 'Prometheus metrics (with METRICS_TOKEN when set)' })
  @ApiProduces('text/plain')
  @ApiBearerAuth(METRICS_TOKEN_SCHEME)
  async scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
    res.type(this.metrics.contentType);
    return this.metrics.render();
  }
}

import { Get, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiController } from '../common/request-context/access';
import { MetricsService } from './metrics.service';

/**
 * Prometheus scrape endpoint. Scrapers hold no staff token; when METRICS_TOKEN is set, the auth guard
 * requires that static bearer token (Prometheus's `authorization.credentials_file`) instead.
 */
@ApiController({ path: 'metrics', tag: 'operations', access: 'metrics' })
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /** Prometheus text format: HTTP, search, outbox, queue, notification, job and process metrics. */
  @Get()
  @ApiOperation({ summary: 'Prometheus metrics (with METRICS_TOKEN when set)' })
  @ApiProduces('text/plain')
  async scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
    res.type(this.metrics.contentType);
    return this.metrics.render();
  }
}

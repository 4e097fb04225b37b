import { Get, Res } from '@nestjs/common';
import { HealthCheck } from '@nestjs/terminus';
import { ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiController } from '../common/request-context/access';
import { HealthService } from './health.service';

/** Probes for load balancers, orchestrators and monitoring; public, and they reveal no content. */
@ApiController({ path: 'health', tag: 'health', access: 'public' })
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** 200 when the database answers (else 503); every dependency is listed with its status. */
  @Get()
  @ApiOperation({ summary: 'Health summary' })
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  async check(@Res({ passthrough: true }) res: Response) {
    return answer(res, await this.health.summary());
  }

  /** Liveness: the process answers. No dependencies, so a database outage never restarts it. */
  @Get('live')
  @ApiOperation({ summary: 'Liveness' })
  @HealthCheck({ noCache: true, swaggerDocumentation: true })
  live() {
    return this.health.live();
  }

  /** Readiness: 503 while the database is down or the process drains; search, Redis and worker degrade only. */
  @Get('ready')
  @ApiOperation({ summary: 'Readiness (database, Redis, search engine)' })
  @HealthCheck({ noCache: true, swaggerDocumentation: true })
  async ready(@Res({ passthrough: true }) res: Response) {
    return answer(res, await this.health.ready());
  }
}

/** The probe's findings, with 200 when it passed and 503 when not. */
function answer<T>(res: Response, { ok, body }: { ok: boolean; body: T }): T {
  res.status(ok ? 200 : 503);
  return body;
}

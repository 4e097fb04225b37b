import { Controller, Get, Res } from '@nestjs/common';
import { Access } from '../auth/access.decorator';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { SearchService } from '../search/search.service';

type CheckStatus = 'up' | 'down';

@ApiTags('health')
@Access('public')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly search: SearchService,
  ) {}

  /** 200 when every required dependency answers, else 503; each check is listed. */
  @Get()
  async check(@Res({ passthrough: true }) res: Response) {
    const [database, search] = await Promise.all([this.database(), this.search.status()]);
    const ok = database.status === 'up';
    res.status(ok ? 200 : 503);
    // A search engine that is down degrades the service (PostgreSQL answers); it does not make it unavailable.
    const status = !ok ? 'unavailable' : search.status === 'up' ? 'ok' : 'degraded';
    return { status, checks: { database, search } };
  }

  private async database(): Promise<{ status: CheckStatus; latencyMs?: number; error?: string }> {
    const started = Date.now();
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout after 2000 ms')), 2000)),
      ]);
      return { status: 'up', latencyMs: Date.now() - started };
    } catch (error) {
      return { status: 'down', error: (error as Error).message.slice(0, 200) };
    }
  }
}

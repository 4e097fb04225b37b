import { Inject, Module, OnApplicationShutdown, OnModuleInit, Optional } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type IORedis from 'ioredis';
import { MetricsService } from '../metrics/metrics.service';
import { SearchModule } from '../search/search.module';
import { HEALTH_REDIS, healthRedisProvider } from './health-redis.provider';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { WorkerHeartbeat } from './worker-heartbeat';

// Terminus' own logger would log every failing probe; HealthService logs transitions instead.
@Module({
  imports: [SearchModule, TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [healthRedisProvider, WorkerHeartbeat, HealthService],
  exports: [HealthService, WorkerHeartbeat],
})
export class HealthModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly heartbeat: WorkerHeartbeat,
    private readonly metrics: MetricsService,
    @Optional() @Inject(HEALTH_REDIS) private readonly redis?: IORedis | null,
  ) {}

  onModuleInit(): void {
    if (this.heartbeat.configured) this.metrics.watchWorkerHeartbeat(async () => (await this.heartbeat.latest())?.ageSeconds ?? null);
  }

  /** Without waiting for a Redis that may be gone. */
  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }
}

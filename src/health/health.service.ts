import { once } from 'node:events';
import { Inject, Injectable, Logger, Optional, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckResult, HealthCheckService, HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import type IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { withTimeout } from '../common/async/with-timeout';
import { SearchIndexer } from '../search/indexing/search-indexer';
import { SearchService } from '../search/search.service';
import { HEALTH_REDIS } from './health-redis.provider';
import { WorkerHeartbeat } from './worker-heartbeat';

/** A dependency answers within this or counts as down: probes run every few seconds. */
const CHECK_TIMEOUT_MS = 1_500;
/** ioredis states of a connection attempt in flight. */
const CONNECTING = new Set(['connecting', 'connect']);

type State = 'up' | 'down';

/** One dependency as the health endpoints report it. */
interface Component {
  status: State;
  /** only the database decides readiness; the others degrade the service */
  critical: boolean;
  details: Record<string, unknown>;
}

/** Readiness in terminus' shape; `degraded` = serving, with a non-critical dependency down. */
export type Readiness = Omit<HealthCheckResult, 'status'> & { status: HealthCheckResult['status'] | 'degraded' };

/**
 * Liveness (the process answers, no dependencies) and readiness (the database answers; search,
 * Redis and the worker heartbeat are reported, and degrade the service without making it unready:
 * search falls back to PostgreSQL and indexing runs in-process without Redis).
 */
@Injectable()
export class HealthService {
  private readonly logger = new Logger(HealthService.name);
  private lastDown = '';

  constructor(
    private readonly terminus: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly search: SearchService,
    private readonly indexer: SearchIndexer,
    private readonly heartbeat: WorkerHeartbeat,
    @Optional() @Inject(HEALTH_REDIS) private readonly redis?: IORedis | null,
  ) {}

  live(): Promise<HealthCheckResult> {
    return this.terminus.check([
      () => this.indicator.check('process').up({ pid: process.pid, uptimeSeconds: Math.round(process.uptime()) }),
    ]);
  }

  /** 503 when the database is down or the process is shutting down. */
  async ready(): Promise<{ ok: boolean; body: Readiness }> {
    const components = await this.components();
    const result = await this.terminus
      .check(
        Object.entries(components).map(
          ([key, c]) =>
            () =>
              this.toIndicator(key, c),
        ),
      )
      .catch((error: unknown) => {
        if (error instanceof ServiceUnavailableException) return error.getResponse() as HealthCheckResult;
        throw error;
      });
    this.logTransitions(components);
    const criticalDown = Object.values(components).some((c) => c.critical && c.status === 'down');
    const ok = result.status !== 'shutting_down' && !criticalDown;
    const status = result.status === 'error' && ok ? 'degraded' : result.status;
    return { ok, body: { ...result, status } };
  }

  /** The original GET /health: `{ status: ok|degraded|unavailable, checks }`, same dependencies as readiness. */
  async summary(): Promise<{ ok: boolean; body: { status: 'ok' | 'degraded' | 'unavailable'; checks: Record<string, unknown> } }> {
    const components = await this.components();
    const checks: Record<string, unknown> = Object.fromEntries(
      Object.entries(components).map(([key, c]) => [key, { status: c.status, ...c.details }]),
    );
    const { database, search } = components;
    // `search` keeps its historical shape: configured engine, up/degraded, fallbackActive.
    checks.search = { ...search.details, status: search.status === 'up' ? 'up' : 'degraded' };
    const ok = database.status === 'up';
    const degraded = Object.values(components).some((c) => c.status === 'down');
    return { ok, body: { status: !ok ? 'unavailable' : degraded ? 'degraded' : 'ok', checks } };
  }

  /** The worker's own readiness: it needs both the database and Redis to do any work. */
  async workerReady(draining: boolean): Promise<{ ok: boolean; body: Record<string, unknown> }> {
    const [database, redis] = await Promise.all([this.database(), this.redisComponent()]);
    const ok = !draining && database.status === 'up' && redis?.status === 'up';
    return {
      ok,
      body: {
        status: draining ? 'shutting_down' : ok ? 'ok' : 'error',
        details: {
          database: { status: database.status, ...database.details },
          redis: redis ? { status: redis.status, ...redis.details } : { status: 'down', error: 'REDIS_URL is not set' },
        },
      },
    };
  }

  private async components(): Promise<Record<string, Component>> {
    const [database, search, redis, worker] = await Promise.all([
      this.database(),
      this.searchComponent(),
      this.redisComponent(),
      this.workerComponent(),
    ]);
    return { database, search, ...(redis ? { redis } : {}), ...(worker ? { worker } : {}) };
  }

  private async database(): Promise<Component> {
    const started = performance.now();
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), CHECK_TIMEOUT_MS);
      return { status: 'up', critical: true, details: { latencyMs: elapsed(started) } };
    } catch (error) {
      return { status: 'down', critical: true, details: { error: message(error) } };
    }
  }

  private async searchComponent(): Promise<Component> {
    const search = await this.search.status();
    const details: Record<string, unknown> = { configured: search.configured, fallbackActive: search.fallbackActive };
    if (search.configured !== 'postgres') {
      // What the engine itself says (key, index, settings), and writes waiting for a retry after a failed task.
      details.engine = search.details ?? {};
      details.outbox = await withTimeout(this.indexer.secondaryRetries(), CHECK_TIMEOUT_MS).catch((e: unknown) => ({ error: message(e) }));
    }
    return { status: search.status === 'up' ? 'up' : 'down', critical: false, details };
  }

  private async redisComponent(): Promise<Component | null> {
    if (!this.redis) return null;
    const started = performance.now();
    try {
      // A connection attempt in flight (start-up, a reconnect) is waited for within the time bound:
      // without an offline queue, a ping sent meanwhile fails at once although Redis is fine.
      if (CONNECTING.has(this.redis.status)) await once(this.redis, 'ready', { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
      await withTimeout(this.redis.ping(), CHECK_TIMEOUT_MS);
      return { status: 'up', critical: false, details: { latencyMs: elapsed(started) } };
    } catch (error) {
      return { status: 'down', critical: false, details: { error: message(error) } };
    }
  }

  /** Without Redis there is no worker (the API indexes in-process): nothing to report. */
  private async workerComponent(): Promise<Component | null> {
    if (!this.heartbeat.configured) return null;
    try {
      const beat = await withTimeout(this.heartbeat.latest(), CHECK_TIMEOUT_MS);
      if (!beat) return { status: 'down', critical: false, details: { error: 'no worker heartbeat seen' } };
      return {
        status: beat.stale ? 'down' : 'up',
        critical: false,
        details: { lastHeartbeatSecondsAgo: beat.ageSeconds, liveWorkers: beat.liveWorkers },
      };
    } catch (error) {
      return { status: 'down', critical: false, details: { error: `heartbeat unknown: ${message(error)}` } };
    }
  }

  private toIndicator(key: string, component: Component): HealthIndicatorResult {
    const session = this.indicator.check(key);
    return component.status === 'up' ? session.up(component.details) : session.down(component.details);
  }

  // Probes run every few seconds: log when a dependency goes down or comes back, not on every probe.
  private logTransitions(components: Record<string, Component>): void {
    const down = Object.entries(components)
      .filter(([, c]) => c.status === 'down')
      .map(([key]) => key)
      .join(', ');
    if (down === this.lastDown) return;
    if (down) this.logger.warn(`not healthy: ${down}`);
    else this.logger.log('all dependencies healthy again');
    this.lastDown = down;
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

function message(error: unknown): string {
  return String((error as Error)?.message ?? error).slice(0, 200);
}

import { Inject, Injectable, Optional } from '@nestjs/common';
import type IORedis from 'ioredis';
import { hostname } from 'node:os';
import { withTimeout } from '../common/async/with-timeout';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { HEALTH_REDIS } from './health-redis.provider';

const KEY = 'kennisbank:worker-heartbeats';
/** Members older than this are pruned: a worker that is gone stops counting after a day. */
const FORGET_MS = 24 * 3600_000;

// Redis' own clock for every timestamp, so replicas with drifting clocks agree on ages.
const BEAT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
return now`;
const LATEST = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local newest = redis.call('ZREVRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #newest == 0 then return false end
return { now - tonumber(newest[2]), redis.call('ZCOUNT', KEYS[1], now - tonumber(ARGV[1]), '+inf') }`;

export interface HeartbeatReading {
  /** seconds since the newest heartbeat of any worker */
  ageSeconds: number;
  /** workers whose last heartbeat is recent (within three intervals) */
  liveWorkers: number;
  stale: boolean;
}

/**
 * Workers say they are alive in Redis every WORKER_HEARTBEAT_SECONDS; the API reads the newest beat
 * for its readiness report and metrics. A sorted set keyed by worker id (host:pid).
 */
@Injectable()
export class WorkerHeartbeat {
  readonly workerId = `${hostname()}:${process.pid}`;
  private readonly staleAfterMs: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Optional() @Inject(HEALTH_REDIS) private readonly redis?: IORedis | null,
  ) {
    this.staleAfterMs = config.worker.heartbeatSeconds * 3 * 1000;
  }

  get configured(): boolean {
    return !!this.redis;
  }

  async beat(): Promise<void> {
    if (this.redis) await this.redis.eval(BEAT, 1, KEY, this.workerId, FORGET_MS);
  }

  /** Whether Redis answers a ping within a second. */
  async reachable(): Promise<boolean> {
    if (!this.redis) return false;
    return withTimeout(this.redis.ping(), 1_000).then(
      () => true,
      () => false,
    );
  }

  /** A worker stopping cleanly takes itself off the list. */
  async leave(): Promise<void> {
    if (this.redis) await this.redis.zrem(KEY, this.workerId);
  }

  /** null when no worker has ever beaten (or Redis lost the set). */
  async latest(): Promise<HeartbeatReading | null> {
    if (!this.redis) return null;
    const reading = (await this.redis.eval(LATEST, 1, KEY, this.staleAfterMs)) as [number, number] | null;
    if (!reading) return null;
    const [ageMs, liveWorkers] = reading;
    return { ageSeconds: Math.round(ageMs / 100) / 10, liveWorkers, stale: ageMs > this.staleAfterMs };
  }
}

import { Logger, Provider } from '@nestjs/common';
import IORedis, { RedisOptions } from 'ioredis';
import { redisConnection } from '../common/queue/redis-connection';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** DI token: a Redis client for health checks and worker heartbeats (`IORedis`, or null without REDIS_URL). */
export const HEALTH_REDIS = Symbol('HEALTH_REDIS');

/** Fails fast while Redis is down (no offline queue), so a health check never waits for it. */
export const healthRedisProvider: Provider = {
  provide: HEALTH_REDIS,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): IORedis | null => {
    if (!config.redis.url) return null;
    const client = new IORedis({ ...(redisConnection(config.redis.url, 'producer') as RedisOptions), connectionName: 'kennisbank-health' });
    // Redis being down is reported by the health endpoints; the client only retries quietly.
    client.on('error', (error: Error) => new Logger('HealthRedis').debug(error.message));
    return client;
  },
};

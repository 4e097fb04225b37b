import type { ConnectionOptions } from 'bullmq';

/**
 * BullMQ connection options from a redis:// URL. Producers fail fast while Redis is down (no offline
 * queue) so a request never hangs on it; workers keep retrying (maxRetriesPerRequest null).
 */
export function redisConnection(url: string, role: 'producer' | 'worker'): ConnectionOptions {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableOfflineQueue: role === 'worker',
    connectTimeout: 2_000,
    retryStrategy: (times: number) => Math.min(times * 200, 5_000),
  };
}

import type IORedis from 'ioredis';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export interface LimitDecision {
  allowed: boolean;
  /** hits left in the current window */
  remaining: number;
  /** whole seconds until the window ends (0 when allowed) */
  retryAfterSeconds: number;
}

/**
 * At most `limit` hits per key per fixed window, counted by rate-limiter-flexible: in Redis when a
 * client is given, so every replica shares one count (with process memory as its insurance while
 * Redis is unreachable), else in process memory.
 *
 * Windows are aligned to the injected clock: window n covers [n·W, (n+1)·W), and n is part of the
 * stored key. So replicas agree on the window without talking to each other, and tests move
 * through windows with the clock instead of sleeping; the store's own expiry (W, from the first
 * hit) only clears finished windows away.
 */
export class WindowLimiter {
  private constructor(
    private readonly counter: RateLimiterAbstract,
    readonly limit: number,
    readonly windowSeconds: number,
  ) {}

  /** `name` keeps the limiters apart in a shared store. */
  static create(name: string, limit: number, windowSeconds: number, redis: IORedis | null): WindowLimiter {
    if (limit < 1 || windowSeconds < 1) throw new Error('a limiter needs a limit and a window of at least 1');
    const options = { keyPrefix: `kennisbank:rate-limit:${name}`, points: limit, duration: windowSeconds };
    const memory = new RateLimiterMemory(options);
    const counter = redis
      ? new RateLimiterRedis({ ...options, storeClient: redis, rejectIfRedisNotReady: true, insuranceLimiter: memory })
      : memory;
    return new WindowLimiter(counter, limit, windowSeconds);
  }

  /** Counts one hit for `key` at `now` (ms) and says whether it is within the limit. */
  async hit(key: string, now: number): Promise<LimitDecision> {
    const windowMs = this.windowSeconds * 1000;
    const window = Math.floor(now / windowMs);
    let consumed: number;
    try {
      consumed = (await this.counter.consume(`${key}:${window}`)).consumedPoints;
    } catch (refusal) {
      // rate-limiter-flexible rejects with its result when the limit is exceeded; anything else is a
      // store failure the insurance could not absorb.
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      consumed = refusal.consumedPoints;
    }
    const allowed = consumed <= this.limit;
    return {
      allowed,
      remaining: Math.max(0, this.limit - consumed),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(((window + 1) * windowMs - now) / 1000)),
    };
  }
}

import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { Request } from 'express';
import IORedis, { RedisOptions } from 'ioredis';
import { decodeJwt } from 'jose';
import { createHash } from 'node:crypto';
import { isIPv4 } from 'node:net';
import { redisConnection } from '../common/queue/redis-connection';
import { RateLimitBucket, RateLimitedError } from '../common/rate-limit/rate-limit.errors';
import { WindowLimiter } from '../common/rate-limit/window-limiter';
import type { Actor } from '../common/request-context/actor';
import { Clock } from '../common/time/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** What a request presented, as far as it can be known before verifying it. */
export type PresentedCredentials = { kind: 'bearer'; token: string } | { kind: 'api-key'; secret: string } | { kind: 'malformed' };

/**
 * The rate limits, applied by the auth guard because they depend on who is calling:
 * - anonymous requests (public routes, no credentials): per client address;
 * - signed-in staff and API keys: per user or key, so colleagues behind one office NAT do not share;
 * - failed authentications that look like guessing (bad signatures, unknown keys, garbage): counted
 *   per client address *and* per presented identity (the token's unverified `sub`, the key's
 *   prefix). Over either budget a failure answers 429 instead of 401. Valid credentials are never
 *   refused, so one bad client behind a KCC's shared address cannot lock the others out, and an
 *   expired token (good signature) is not counted at all.
 * With REDIS_URL the counts live in Redis, so N replicas do not give N times the limit; without it,
 * in process memory. The client address is `req.ip`, which honours TRUST_PROXY behind a proxy.
 */
@Injectable()
export class RequestLimits implements OnModuleDestroy {
  private readonly logger = new Logger(RequestLimits.name);
  private readonly redis: IORedis | null = null;
  private readonly anonymousLimiter?: WindowLimiter;
  private readonly staffLimiter?: WindowLimiter;
  private readonly addressFailures?: WindowLimiter;
  private readonly identityFailures?: WindowLimiter;
  private warnedAboutForwardedFor = false;

  constructor(
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const { windowSeconds, anonymous, staff, authFailures, authFailureWindowSeconds } = config.rateLimits;
    if (config.redis.url && (anonymous > 0 || staff > 0 || authFailures > 0)) {
      const client = new IORedis({
        ...(redisConnection(config.redis.url, 'producer') as RedisOptions),
        connectionName: 'kennisbank-rate-limits',
      });
      // While Redis is down each process counts in memory (the limiters' insurance); say so once per outage.
      let down = false;
      client.on('error', (error: Error) => {
        if (!down) this.logger.warn(`Redis unreachable; rate limits count per process until it is back: ${error.message}`);
        down = true;
      });
      client.on('ready', () => {
        this.logger.log('Rate limits are counted in Redis, shared by every replica');
        down = false;
      });
      this.redis = client;
    }
    if (anonymous > 0) this.anonymousLimiter = WindowLimiter.create('anonymous', anonymous, windowSeconds, this.redis);
    if (staff > 0) this.staffLimiter = WindowLimiter.create('staff', staff, windowSeconds, this.redis);
    if (authFailures > 0) {
      this.addressFailures = WindowLimiter.create('auth-failures:address', authFailures, authFailureWindowSeconds, this.redis);
      this.identityFailures = WindowLimiter.create('auth-failures:identity', authFailures, authFailureWindowSeconds, this.redis);
    }
  }

  /** Where the counts live right now: Redis when configured and connected, else this process's memory. */
  get store(): 'redis' | 'memory' {
    return this.redis?.status === 'ready' ? 'redis' : 'memory';
  }

  onModuleDestroy(): void {
    this.redis?.disconnect();
  }

  async anonymous(req: Request): Promise<void> {
    await this.hit(this.anonymousLimiter, 'anonymous', this.clientKey(req));
  }

  async staff(actor: Actor): Promise<void> {
    await this.hit(this.staffLimiter, 'staff', actor.userId);
  }

  /**
   * Counts a refused credential that may be a guess against the caller's address and the identity it
   * claims; answers 429 (instead of the 401 the caller is about to get) once either is over budget.
   */
  async guessFailed(req: Request, credentials: PresentedCredentials): Promise<void> {
    if (!this.addressFailures) return;
    const now = this.now();
    const byAddress = await this.addressFailures.hit(this.clientKey(req), now);
    // An address over its budget claims no more identities: so one client cannot fill the store
    // with the made-up subjects of its guesses.
    if (!byAddress.allowed) throw new RateLimitedError('auth-failures', byAddress.retryAfterSeconds);
    const identity = presentedIdentity(credentials);
    const byIdentity = identity ? await this.identityFailures!.hit(identity, now) : null;
    if (byIdentity && !byIdentity.allowed) throw new RateLimitedError('auth-failures', byIdentity.retryAfterSeconds);
  }

  private async hit(limiter: WindowLimiter | undefined, bucket: RateLimitBucket, key: string): Promise<void> {
    const decision = await limiter?.hit(key, this.now());
    if (decision && !decision.allowed) throw new RateLimitedError(bucket, decision.retryAfterSeconds);
  }

  /** Warns once when a proxy sends X-Forwarded-For that is ignored because TRUST_PROXY is off. */
  noticeProxyHeaders(req: Request): void {
    if (!this.warnedAboutForwardedFor && this.config.http.trustProxy === false && req.header('x-forwarded-for')) {
      // Behind an untrusted proxy every client shares the proxy's address, and with it one set of limits.
      this.warnedAboutForwardedFor = true;
      this.logger.warn(
        'Requests carry X-Forwarded-For, but TRUST_PROXY is off: rate limits count the proxy address, so all its clients share them. ' +
          "Set TRUST_PROXY to the proxy's address (or hop count) when the service runs behind one",
      );
    }
  }

  private clientKey(req: Request): string {
    return clientAddressKey(req.ip);
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}

/**
 * The identity a credential claims, unverified: the issuer and subject of a token, the display prefix
 * of an API key. Hashed, so the store holds no token contents; null when nothing can be read.
 */
export function presentedIdentity(credentials: PresentedCredentials): string | null {
  let claimed: string | null = null;
  if (credentials.kind === 'bearer') {
    try {
      const { iss, sub } = decodeJwt(credentials.token);
      if (typeof sub === 'string' && sub) claimed = `token:${String(iss ?? '')}:${sub}`;
    } catch {
      claimed = null;
    }
  } else if (credentials.kind === 'api-key') {
    claimed = `api-key:${credentials.secret.slice(0, 9)}`;
  }
  return claimed && createHash('sha256').update(claimed).digest('base64url').slice(0, 22);
}

/**
 * The rate-limit key of a client address: IPv4 (also when IPv4-mapped) as is, IPv6 by its /64
 * prefix, since one subscriber usually holds a whole /64 and could otherwise rotate through it.
 */
export function clientAddressKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const address = ip.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (isIPv4(address) || !address.includes(':')) return address;
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => (parseInt(g, 16) || 0).toString(16))
    .join(':')}::/64`;
}

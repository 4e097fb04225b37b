import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { isIPv4 } from 'node:net';
import { FixedWindowLimiter } from '../common/rate-limit/fixed-window-limiter';
import { RateLimitBucket, RateLimitedError } from '../common/rate-limit/rate-limit.errors';
import type { Actor } from '../common/request-context/actor';
import { Clock } from '../common/time/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/**
 * The three rate limits, applied by the auth guard because they depend on who is calling:
 * - anonymous requests (public routes, no credentials): per client address;
 * - signed-in staff and API keys: per user or key, so colleagues behind one office NAT do not share;
 * - failed authentications (bad, expired or tampered tokens or keys): a much stricter budget per
 *   client address; an address over it is refused before its credentials are even checked.
 * The client address is `req.ip`, which honours TRUST_PROXY behind a load balancer.
 */
@Injectable()
export class RequestLimits {
  private readonly anonymousLimiter?: FixedWindowLimiter;
  private readonly staffLimiter?: FixedWindowLimiter;
  private readonly failureLimiter?: FixedWindowLimiter;

  constructor(
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const { windowSeconds, anonymous, staff, authFailures, authFailureWindowSeconds } = config.rateLimits;
    if (anonymous > 0) this.anonymousLimiter = new FixedWindowLimiter(anonymous, windowSeconds * 1000);
    if (staff > 0) this.staffLimiter = new FixedWindowLimiter(staff, windowSeconds * 1000);
    if (authFailures > 0) this.failureLimiter = new FixedWindowLimiter(authFailures, authFailureWindowSeconds * 1000);
  }

  anonymous(req: Request): void {
    this.hit(this.anonymousLimiter, 'anonymous', clientAddressKey(req.ip));
  }

  staff(actor: Actor): void {
    this.hit(this.staffLimiter, 'staff', actor.userId);
  }

  /** Before checking credentials: refuses an address that failed too often. */
  assertMayAuthenticate(req: Request): void {
    const decision = this.failureLimiter?.check(clientAddressKey(req.ip), this.now());
    if (decision && !decision.allowed) throw new RateLimitedError('auth-failures', decision.retryAfterSeconds);
  }

  /** Counts a failed authentication against the caller's address. */
  authenticationFailed(req: Request): void {
    this.failureLimiter?.hit(clientAddressKey(req.ip), this.now());
  }

  private hit(limiter: FixedWindowLimiter | undefined, bucket: RateLimitBucket, key: string): void {
    const decision = limiter?.hit(key, this.now());
    if (decision && !decision.allowed) throw new RateLimitedError(bucket, decision.retryAfterSeconds);
  }

  private now(): number {
    return this.clock.now().getTime();
  }
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

import { DomainError } from '../errors/domain-error';

export type RateLimitBucket = 'anonymous' | 'staff' | 'auth-failures';

/** 429 with Retry-After (the filter sets the header from `retryAfterSeconds`). */
export class RateLimitedError extends DomainError {
  constructor(bucket: RateLimitBucket, retryAfterSeconds: number) {
    super(
      'rate_limited',
      'RATE_LIMITED',
      bucket === 'auth-failures'
        ? `Too many failed sign-ins from this address or for this account; try again in ${retryAfterSeconds} s`
        : `Too many requests; try again in ${retryAfterSeconds} s`,
      { bucket, retryAfterSeconds },
    );
  }
}

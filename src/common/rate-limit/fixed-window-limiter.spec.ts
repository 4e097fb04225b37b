import { FixedWindowLimiter } from './fixed-window-limiter';

describe(FixedWindowLimiter.name, () => {
  const t0 = 1_800_000_000_000;

  it('allows `limit` hits per window, then refuses with the time until the window ends', () => {
    const limiter = new FixedWindowLimiter(3, 60_000);
    expect([1, 2, 3].map(() => limiter.hit('a', t0).allowed)).toEqual([true, true, true]);
    expect(limiter.hit('a', t0 + 15_500)).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 45 });
    expect(limiter.check('a', t0 + 59_999)).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
  });

  it('starts a fresh window when the old one has ended', () => {
    const limiter = new FixedWindowLimiter(1, 60_000);
    limiter.hit('a', t0);
    expect(limiter.hit('a', t0 + 1).allowed).toBe(false);
    expect(limiter.hit('a', t0 + 60_000)).toEqual({ allowed: true, remaining: 0, retryAfterSeconds: 0 });
  });

  it('keeps keys apart', () => {
    const limiter = new FixedWindowLimiter(1, 60_000);
    limiter.hit('a', t0);
    expect(limiter.hit('b', t0).allowed).toBe(true);
    expect(limiter.check('c', t0)).toEqual({ allowed: true, remaining: 1, retryAfterSeconds: 0 });
  });

  it('check says whether one more hit would pass, without counting', () => {
    const limiter = new FixedWindowLimiter(2, 60_000);
    limiter.hit('a', t0);
    expect(limiter.check('a', t0).allowed).toBe(true);
    expect(limiter.check('a', t0).allowed).toBe(true);
    limiter.hit('a', t0);
    expect(limiter.check('a', t0 + 10_000)).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 50 });
  });

  it('bounds its memory: expired windows first, then the oldest', () => {
    const limiter = new FixedWindowLimiter(1, 1_000, 100);
    for (let i = 0; i < 100; i++) limiter.hit(`old-${i}`, t0);
    limiter.hit('new', t0 + 5_000);
    expect(limiter.size).toBe(1);
    for (let i = 0; i < 150; i++) limiter.hit(`live-${i}`, t0 + 5_000);
    expect(limiter.size).toBeLessThanOrEqual(100);
    expect(limiter.check('live-149', t0 + 5_000).allowed).toBe(false); // the newest are kept
  });
});

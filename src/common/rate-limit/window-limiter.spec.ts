import { WindowLimiter } from './window-limiter';

// The memory store; the Redis store is exercised by test/e2e/rate-limits-replicas.e2e-spec.ts.
describe(WindowLimiter.name, () => {
  // A multiple of every window used here, so the tests start at a window's beginning.
  const t0 = 1_800_000_000_000 - (1_800_000_000_000 % 3_600_000);

  it('allows `limit` hits per window, then refuses with the time until the window ends', async () => {
    const limiter = WindowLimiter.create('spec-a', 3, 60, null);
    const first = [];
    for (let i = 0; i < 3; i++) first.push(await limiter.hit('a', t0 + i));
    expect(first.map((d) => [d.allowed, d.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
    ]);
    expect(await limiter.hit('a', t0 + 15_500)).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 45 });
    expect(await limiter.hit('a', t0 + 59_999)).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
  });

  it('starts counting afresh when the clock enters the next window', async () => {
    const limiter = WindowLimiter.create('spec-b', 1, 60, null);
    await limiter.hit('a', t0 + 30_000);
    expect((await limiter.hit('a', t0 + 59_000)).allowed).toBe(false);
    expect(await limiter.hit('a', t0 + 60_000)).toEqual({ allowed: true, remaining: 0, retryAfterSeconds: 0 });
  });

  it('keeps keys and limiters apart', async () => {
    const limiter = WindowLimiter.create('spec-c', 1, 60, null);
    await limiter.hit('a', t0);
    expect((await limiter.hit('b', t0)).allowed).toBe(true);
    expect((await WindowLimiter.create('spec-d', 1, 60, null).hit('a', t0)).allowed).toBe(true);
  });

  it('refuses a limit or window below 1', () => {
    expect(() => WindowLimiter.create('spec-e', 0, 60, null)).toThrow();
    expect(() => WindowLimiter.create('spec-e', 1, 0, null)).toThrow();
  });
});

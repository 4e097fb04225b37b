export interface LimitDecision {
  allowed: boolean;
  /** hits left in the current window */
  remaining: number;
  /** whole seconds until the window resets (0 when allowed) */
  retryAfterSeconds: number;
}

interface Window {
  count: number;
  resetAt: number;
}

/**
 * Counts hits per key in fixed windows that start at a key's first hit: at most `limit` hits per
 * `windowMs`, after which the key is refused until its window ends. In memory and per process (no
 * Redis needed). Time is passed in, so tests move it with the injected clock. Memory is bounded:
 * past `maxKeys`, expired windows are dropped, then the oldest.
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly maxKeys = 100_000,
  ) {
    if (limit < 1 || windowMs < 1) throw new Error('a limiter needs a limit and a window of at least 1');
  }

  /** Counts one hit for `key` and says whether it is within the limit. */
  hit(key: string, now: number): LimitDecision {
    let window = this.current(key, now);
    if (!window) {
      this.makeRoom(now);
      window = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, window);
    }
    window.count = Math.min(window.count + 1, this.limit + 1);
    return this.decide(window, now);
  }

  /** Whether one more hit for `key` would be within the limit, without counting it. */
  check(key: string, now: number): LimitDecision {
    const window = this.current(key, now);
    return window
      ? this.decide({ ...window, count: window.count + 1 }, now)
      : { allowed: true, remaining: this.limit, retryAfterSeconds: 0 };
  }

  get size(): number {
    return this.windows.size;
  }

  private current(key: string, now: number): Window | undefined {
    const window = this.windows.get(key);
    if (window && window.resetAt <= now) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  private decide(window: Window, now: number): LimitDecision {
    const allowed = window.count <= this.limit;
    return {
      allowed,
      remaining: Math.max(0, this.limit - window.count),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((window.resetAt - now) / 1000)),
    };
  }

  private makeRoom(now: number): void {
    if (this.windows.size < this.maxKeys) return;
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
    // Still full (many live keys, e.g. a flood from many addresses): drop the oldest tenth.
    if (this.windows.size >= this.maxKeys) {
      let drop = Math.ceil(this.maxKeys / 10);
      for (const key of this.windows.keys()) {
        if (drop-- <= 0) break;
        this.windows.delete(key);
      }
    }
  }
}

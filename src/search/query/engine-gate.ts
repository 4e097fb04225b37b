import { DomainError } from '../../common/errors/domain-error';

/** 503 with Retry-After: this process is answering as many engine queries as it can. */
export class SearchSaturatedError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super('unavailable', 'SEARCH_SATURATED', `Zoeken is op dit moment te druk; probeer het over ${retryAfterSeconds} seconde opnieuw`, {
      retryAfterSeconds,
    });
  }
}

/** The client went away: nobody waits for this answer any more. */
export class SearchCancelledError extends Error {
  constructor() {
    super('search cancelled: the client disconnected');
    this.name = 'SearchCancelledError';
  }
}

interface Waiter {
  start: () => void;
}

/**
 * Bounds the engine queries one process runs at once, so cache hits (which never pass through here)
 * and the database connections they need are not stuck behind a pile of misses. Beyond `concurrency`,
 * up to `maxQueue` wait in arrival order, each at most `maxWaitMs`; anything more is shed at once
 * with 503 and Retry-After (a quick "try again" beats a slow answer the agent no longer wants).
 */
export class EngineGate {
  private active = 0;
  private readonly queue: Waiter[] = [];

  constructor(
    readonly concurrency: number,
    readonly maxQueue: number,
    readonly maxWaitMs: number,
  ) {}

  get running(): number {
    return this.active;
  }

  get waiting(): number {
    return this.queue.length;
  }

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw new SearchCancelledError();
    if (this.active >= this.concurrency) await this.wait(signal);
    else this.active++;
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private wait(signal?: AbortSignal): Promise<void> {
    if (this.queue.length >= this.maxQueue) return Promise.reject(new SearchSaturatedError(this.retryAfterSeconds()));
    return new Promise<void>((resolve, reject) => {
      const leave = (error: Error) => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      };
      const onAbort = () => leave(new SearchCancelledError());
      const timer = setTimeout(() => leave(new SearchSaturatedError(this.retryAfterSeconds())), this.maxWaitMs);
      const waiter: Waiter = {
        start: () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  /** Hands the slot straight to the next waiter (the count stays), or frees it. */
  private release(): void {
    const next = this.queue.shift();
    if (next) next.start();
    else this.active--;
  }

  private retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(this.maxWaitMs / 1000));
  }
}

import { Logger, OnModuleDestroy } from '@nestjs/common';

/**
 * Work started after a commit that the caller does not wait for (notifications), run one at a time
 * in order. `settle()` lets tests and shutdown wait until it is done; a failure is logged, never thrown.
 */
export class BackgroundWork {
  private pending: Promise<void> = Promise.resolve();

  constructor(private readonly logger: Logger) {}

  run(what: string, work: () => Promise<unknown>): void {
    this.pending = this.pending.then(work).then(
      () => undefined,
      (error: Error) => this.logger.warn(`${what} failed: ${error.message}`),
    );
  }

  settle(): Promise<void> {
    return this.pending;
  }
}

/**
 * A provider that starts background work (notifications after commit): shutdown waits for it, and so
 * can tests and the CLI (`settle`).
 */
export abstract class WithBackgroundWork implements OnModuleDestroy {
  protected readonly background = new BackgroundWork(new Logger(this.constructor.name));

  async onModuleDestroy(): Promise<void> {
    await this.background.settle();
  }

  /** Resolves when the work started so far is done. */
  settle(): Promise<void> {
    return this.background.settle();
  }
}

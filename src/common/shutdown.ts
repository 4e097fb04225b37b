import { Logger } from '@nestjs/common';

/**
 * SIGTERM/SIGINT: let `close` finish what is in flight (requests, jobs), then exit. A second signal
 * while closing exits at once.
 */
export function exitGracefully(logger: Logger, what: string, close: () => Promise<void>): void {
  const handle = (signal: NodeJS.Signals) => {
    logger.log(`${signal}: finishing ${what}, then stopping`);
    process.once(signal, () => process.exit(1));
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`shutdown failed: ${(error as Error)?.message ?? error}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', handle);
  process.once('SIGINT', handle);
}

import { Logger } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { AppConfig } from '../../config/app-config';
import { QueueName } from './queue-names';
import { redisConnection } from './redis-connection';

/** BullMQ waits for a connection that may never come; an unreachable Redis must not hold a request. */
const ENQUEUE_TIMEOUT_MS = 500;
const HOUR_MS = 3_600_000;

/**
 * The module's queue when REDIS_URL is set, else null (the work then runs in-process). Redis being
 * down is survivable: said now and then, never a crash.
 */
export function optionalQueue(
  name: QueueName,
  config: AppConfig,
  whileDown = `running ${name} jobs in-process until it is back`,
): Queue | null {
  if (!config.redis.url) return null;
  const queue = new Queue(name, { connection: redisConnection(config.redis.url, 'producer') });
  const logger = new Logger(`Queue:${name}`);
  let lastWarning = 0;
  queue.on('error', (error) => {
    if (Date.now() - lastWarning < 60_000) return;
    lastWarning = Date.now();
    logger.warn(`Redis unavailable (${error.message}); ${whileDown}`);
  });
  return queue;
}

/** True when the job was handed to the queue in time; false means: run it here instead. */
export async function tryEnqueue(queue: Queue | null | undefined, name: string, data: object, opts: JobsOptions): Promise<boolean> {
  if (!queue) return false;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      queue.add(name, data, opts),
      new Promise(
        (_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ENQUEUE_TIMEOUT_MS} ms`)), ENQUEUE_TIMEOUT_MS)),
      ),
    ]);
    return true;
  } catch (error) {
    new Logger(`Queue:${queue.name}`).warn(`could not enqueue ${name} (${(error as Error).message}); running it in-process`);
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Without Redis there is no worker and no BullMQ scheduler: the API process looks every hour whether
 * a periodic job is due (the job decides, from its own last run) and runs it. Several API processes
 * may both run it; the jobs are idempotent.
 */
export class InProcessSchedule {
  private timer?: NodeJS.Timeout;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly logger: Logger) {}

  start(isDue: () => Promise<boolean>, run: () => Promise<unknown>, everyMs = HOUR_MS): void {
    this.timer = setInterval(() => {
      this.running = this.running
        .then(async () => {
          if (await isDue()) await run();
        })
        .catch((error: Error) => this.logger.warn(`scheduled run failed: ${error.message}`));
    }, everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}

/** Closes a producer queue without waiting on, or failing for, a Redis that is gone (shutdown must finish). */
export async function closeQueue(queue: Queue | null | undefined, timeoutMs = ENQUEUE_TIMEOUT_MS): Promise<void> {
  if (!queue) return;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([queue.close(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), timeoutMs)))]);
  } catch {
    // BullMQ's disconnect() never settles without a connection: dropped, not awaited.
    void queue.disconnect().catch(() => undefined);
  } finally {
    clearTimeout(timer);
  }
}

import { closeQueue } from '../../common/queue/optional-queue';
import { Inject, Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { withTimeout } from '../../common/async/with-timeout';
import { ReminderDeliveryService } from '../reminder-delivery.service';
import { StewardshipProcessor } from './stewardship.processor';
import { DELIVER_EVERY_MS, STEWARDSHIP_JOB_OPTIONS, StewardshipJob } from './stewardship-jobs';
import { StewardshipSchedule } from './stewardship-schedule';

export const STEWARDSHIP_QUEUE = Symbol('STEWARDSHIP_QUEUE');
const ENQUEUE_TIMEOUT_MS = 500;

/**
 * Work the API asks for (a retried dead letter): a job for the worker when Redis is configured and
 * reachable, else done in this process. The outbox row is the durable record either way, so a lost
 * nudge only waits for the next scheduled delivery run.
 */
@Injectable()
export class StewardshipTrigger implements OnApplicationShutdown {
  private readonly logger = new Logger(StewardshipTrigger.name);
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deliveries: ReminderDeliveryService,
    @Optional() @Inject(STEWARDSHIP_QUEUE) private readonly queue?: Queue | null,
  ) {}

  async kickDelivery(): Promise<void> {
    if (this.queue) {
      try {
        await withTimeout(
          this.queue.add(StewardshipJob.Deliver, {}, { ...STEWARDSHIP_JOB_OPTIONS, jobId: `deliver-${Math.floor(Date.now() / 1000)}` }),
          ENQUEUE_TIMEOUT_MS,
        );
        return;
      } catch (error) {
        this.logger.warn(`queue unavailable (${(error as Error).message}); delivering in-process`);
      }
    }
    this.inProcess(() => this.deliveries.drain());
  }

  /** Resolves when in-process work started so far is done. */
  settle(): Promise<unknown> {
    return this.running;
  }

  inProcess(work: () => Promise<unknown>): Promise<unknown> {
    this.running = this.running
      .then(work)
      .catch((error: Error) => this.logger.error(`stewardship work failed, will retry: ${error.message}`));
    return this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.running;
    await closeQueue(this.queue);
  }
}

/**
 * Without Redis (REDIS_URL empty, e.g. the quick start) the API process keeps the schedule itself:
 * every minute it runs a scan or digest that is due (or was missed while it was down) and sends
 * due deliveries. Several replicas may do so at once; the database keeps reminders exactly-once.
 * Started by main.ts only, so tests drive the jobs themselves.
 */
@Injectable()
export class StewardshipLocalScheduler implements OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private busy = false;

  constructor(
    private readonly schedule: StewardshipSchedule,
    private readonly processor: StewardshipProcessor,
    private readonly trigger: StewardshipTrigger,
  ) {}

  start(everyMs = DELIVER_EVERY_MS): void {
    this.timer = setInterval(() => void this.tick(), everyMs);
    this.timer.unref();
    void this.tick();
  }

  async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await this.trigger.inProcess(async () => {
        for (const job of await this.schedule.missed())
          await this.processor.run(job === 'scan' ? StewardshipJob.Scan : StewardshipJob.Digest);
        await this.processor.run(StewardshipJob.Deliver);
      });
    } finally {
      this.busy = false;
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { JobRunner, JobRunners } from '../../common/queue/job-runner';
import { Clock } from '../../common/time/clock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ReminderDeliveryService } from '../reminder-delivery.service';
import { StewardshipProcessor } from './stewardship.processor';
import { StewardshipJob, stewardshipJobs } from './stewardship-jobs';
import { StewardshipSchedule } from './stewardship-schedule';

/**
 * Registers the stewardship jobs, and does the work the API asks for (a retried dead letter): a job
 * for the worker when Redis is configured and reachable, else done in this process. The outbox row
 * is the durable record either way, so a lost nudge only waits for the next scheduled delivery run.
 */
@Injectable()
export class StewardshipTrigger {
  readonly jobs: JobRunner<StewardshipJob>;

  constructor(
    private readonly deliveries: ReminderDeliveryService,
    processor: StewardshipProcessor,
    schedule: StewardshipSchedule,
    clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
    runners: JobRunners,
  ) {
    this.jobs = runners.register(stewardshipJobs(processor, schedule, clock, config.stewardship));
  }

  async kickDelivery(): Promise<void> {
    const jobId = `deliver-${Math.floor(Date.now() / 1000)}`;
    await this.jobs.enqueueOrRun({ name: StewardshipJob.Deliver, data: {}, jobId }, () => this.deliveries.drain());
  }

  /** Resolves when in-process work started so far is done. */
  settle(): Promise<void> {
    return this.jobs.settle();
  }
}

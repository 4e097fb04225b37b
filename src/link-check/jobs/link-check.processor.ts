import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit, Optional } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { BackgroundWork } from '../../common/background/background-work';
import { InProcessSchedule, tryEnqueue, closeQueue } from '../../common/queue/optional-queue';
import type { Actor } from '../../common/request-context/actor';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { LinkCheckRun } from '../link-check.entity';
import { LinkCheckAlreadyRunningError } from '../link-check.errors';
import { LinkCheckService } from '../link-check.service';
import { LINK_CHECK_JOB_OPTIONS, LINK_CHECK_QUEUE, LinkCheckJob, LinkCheckJobPayloads } from './link-check-jobs';

/**
 * Starts link checks and runs them: the worker's BullMQ processor for the link-check queue, and,
 * without Redis (or while it is down), the same work in this process, weekly or on request.
 */
@Injectable()
export class LinkCheckProcessor implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(LinkCheckProcessor.name);
  private readonly background = new BackgroundWork(this.logger);
  private readonly schedule = new InProcessSchedule(this.logger);

  constructor(
    private readonly service: LinkCheckService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(LINK_CHECK_QUEUE) private readonly queue?: Queue | null,
  ) {}

  onModuleInit(): void {
    if (!this.config.redis.url)
      this.schedule.start(
        () => this.service.isDue(),
        () => this.scheduled(),
      );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.schedule.stop();
    await this.background.settle();
    await closeQueue(this.queue);
  }

  /** POST /api/link-check/run: a new run, done by the worker when Redis takes the job, else here. */
  async request(actor: Actor): Promise<LinkCheckRun> {
    const run = await this.service.start(actor.email);
    if (!(await tryEnqueue(this.queue, LinkCheckJob.Run, { runId: run.id }, { ...LINK_CHECK_JOB_OPTIONS, jobId: `run-${run.id}` }))) {
      this.background.run('link check', () => this.service.execute(run.id));
    }
    return run;
  }

  /** Resolves when the in-process runs started so far are done (tests). */
  settle(): Promise<void> {
    return this.background.settle();
  }

  async process(job: Job<LinkCheckJobPayloads[LinkCheckJob], unknown, LinkCheckJob>): Promise<unknown> {
    const name = job.name;
    switch (name) {
      case LinkCheckJob.Run:
        return job.data.runId ? this.service.execute(job.data.runId) : this.scheduled();
      default:
        return assertNever(name);
    }
  }

  private async scheduled(): Promise<LinkCheckRun | { skipped: string }> {
    try {
      return await this.service.execute((await this.service.start('schedule')).id);
    } catch (error) {
      if (error instanceof LinkCheckAlreadyRunningError) return { skipped: 'a link check is already running' };
      throw error;
    }
  }
}

function assertNever(value: never): never {
  throw new Error(`unknown link-check job ${String(value)}`);
}

import { Inject, Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobRunner, JobRunners } from '../../common/queue/job-runner';
import type { Actor } from '../../common/request-context/actor';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { LinkCheckRun } from '../link-check.entity';
import { LinkCheckAlreadyRunningError } from '../link-check.errors';
import { LinkCheckService } from '../link-check.service';
import { LinkCheckJob, LinkCheckJobPayloads, linkCheckJobs } from './link-check-jobs';

/**
 * Starts link checks and runs them: the worker's processor for the link-check queue, and, without
 * Redis (or while it is down), the same work in this process, weekly or on request.
 */
@Injectable()
export class LinkCheckProcessor {
  readonly jobs: JobRunner<LinkCheckJob>;

  constructor(
    private readonly service: LinkCheckService,
    @Inject(APP_CONFIG) config: AppConfig,
    runners: JobRunners,
  ) {
    this.jobs = runners.register(linkCheckJobs(this, config.linkCheck.cron));
  }

  /** POST /api/link-check/run: a new run, done by the worker when Redis takes the job, else here. */
  async request(actor: Actor): Promise<LinkCheckRun> {
    const run = await this.service.start(actor.email);
    await this.jobs.enqueueOrRun({ name: LinkCheckJob.Run, data: { runId: run.id }, jobId: `run-${run.id}` }, () =>
      this.service.execute(run.id),
    );
    return run;
  }

  /** Resolves when the in-process runs started so far are done (tests). */
  settle(): Promise<void> {
    return this.jobs.settle();
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

  /** The in-process schedule: a run when the last one is a week old. */
  async runIfDue(): Promise<unknown> {
    return (await this.service.isDue()) ? this.scheduled() : null;
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

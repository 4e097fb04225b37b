import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Subscription } from 'rxjs';
import { ArticleChangeSignal } from '../../articles/article-change.signal';
import { JobRunner, JobRunners } from '../../common/queue/job-runner';
import { MetricsService } from '../../metrics/metrics.service';
import { SearchIndexer } from '../indexing/search-indexer';
import { SearchIndexingProcessor } from './search-indexing.processor';
import { SearchJob, searchJobs } from './search-jobs';

const DEBOUNCE_MS = 25;
const SAFETY_NET_MS = 5_000;

/**
 * After a committed article change, gets the outbox drained: through the BullMQ worker when Redis is
 * configured and reachable, else in this process. Either way the outbox is the durable record, so a
 * lost nudge only delays indexing until the next scheduled drain.
 */
@Injectable()
export class SearchIndexingTrigger implements OnModuleInit, OnApplicationShutdown {
  readonly jobs: JobRunner<SearchJob>;
  private subscription?: Subscription;
  private pending?: NodeJS.Timeout;
  private safetyNet?: NodeJS.Timeout;

  constructor(
    private readonly signal: ArticleChangeSignal,
    private readonly indexer: SearchIndexer,
    processor: SearchIndexingProcessor,
    runners: JobRunners,
    metrics: MetricsService,
  ) {
    this.jobs = runners.register(searchJobs(processor));
    if (this.jobs.queue) metrics.trackQueue(this.jobs.queue);
  }

  onModuleInit(): void {
    this.subscription = this.signal.changes$.subscribe(() => this.nudge());
    // Without a worker (no Redis), this process is the indexer: drain what earlier runs left, then keep watch.
    if (!this.jobs.queue) {
      this.nudge();
      this.safetyNet = setInterval(() => this.nudge(), SAFETY_NET_MS);
      this.safetyNet.unref();
    }
  }

  /** Stops indexing from this process (the queue closes with the application). */
  async onApplicationShutdown(): Promise<void> {
    this.subscription?.unsubscribe();
    clearTimeout(this.pending);
    clearInterval(this.safetyNet);
    await this.jobs.settle();
  }

  /** Resolves when every change committed so far has been indexed (in-process mode). */
  async settle(): Promise<void> {
    clearTimeout(this.pending);
    this.pending = undefined;
    await this.jobs.runHere('indexing', () => this.indexer.drain());
  }

  private nudge(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      // No fixed job id: BullMQ ignores an add whose id it still knows, also a completed or running
      // job that claimed the outbox before this commit, and the change would wait for the safety
      // net. Bursts are coalesced by the debounce above; a drain of an empty outbox costs nothing.
      void this.jobs.enqueueOrRun({ name: SearchJob.Drain, data: {} }, () => this.indexer.drain());
    }, DEBOUNCE_MS);
    this.pending.unref();
  }
}

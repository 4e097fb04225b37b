import { closeQueue } from '../../common/queue/optional-queue';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit, Optional } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Subscription } from 'rxjs';
import { ArticleChangeSignal } from '../../articles/article-change.signal';
import { withTimeout } from '../../common/async/with-timeout';
import { SearchIndexer } from '../indexing/search-indexer';
import { SEARCH_JOB_OPTIONS, SearchJob } from './search-jobs';

export const SEARCH_QUEUE = Symbol('SEARCH_QUEUE');
const DEBOUNCE_MS = 25;
const SAFETY_NET_MS = 5_000;
const ENQUEUE_TIMEOUT_MS = 500;

/**
 * After a committed article change, gets the outbox drained: through the BullMQ worker when Redis is
 * configured and reachable, else in this process. Either way the outbox is the durable record, so a
 * lost nudge only delays indexing until the next scheduled drain.
 */
@Injectable()
export class SearchIndexingTrigger implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SearchIndexingTrigger.name);
  private subscription?: Subscription;
  private pending?: NodeJS.Timeout;
  private safetyNet?: NodeJS.Timeout;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly signal: ArticleChangeSignal,
    private readonly indexer: SearchIndexer,
    @Optional() @Inject(SEARCH_QUEUE) private readonly queue?: Queue | null,
  ) {}

  onModuleInit(): void {
    this.subscription = this.signal.changes$.subscribe(() => this.nudge());
    // Without a worker (no Redis), this process is the indexer: drain what earlier runs left, then keep watch.
    if (!this.queue) {
      this.nudge();
      this.safetyNet = setInterval(() => this.nudge(), SAFETY_NET_MS);
      this.safetyNet.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.subscription?.unsubscribe();
    clearTimeout(this.pending);
    clearInterval(this.safetyNet);
    await this.running;
    await closeQueue(this.queue, ENQUEUE_TIMEOUT_MS);
  }

  /** Resolves when every change committed so far has been indexed (in-process mode). */
  async settle(): Promise<void> {
    clearTimeout(this.pending);
    this.pending = undefined;
    await this.drainInProcess();
  }

  private nudge(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      void this.dispatch();
    }, DEBOUNCE_MS);
    this.pending.unref();
  }

  private async dispatch(): Promise<void> {
    if (this.queue) {
      try {
        // No fixed job id: BullMQ ignores an add whose id it still knows, also a completed or running
        // job that claimed the outbox before this commit, and the change would wait for the safety
        // net. Bursts are coalesced by the debounce above; a drain of an empty outbox costs nothing.
        await withTimeout(this.queue.add(SearchJob.Drain, {}, SEARCH_JOB_OPTIONS), ENQUEUE_TIMEOUT_MS);
        return;
      } catch (error) {
        this.logger.warn(`queue unavailable (${(error as Error).message}); indexing in-process`);
      }
    }
    await this.drainInProcess();
  }

  private drainInProcess(): Promise<unknown> {
    this.running = this.running
      .then(() => this.indexer.drain())
      .catch((error: Error) => this.logger.error(`indexing failed, will retry: ${error.message}`));
    return this.running;
  }
}

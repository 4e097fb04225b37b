import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { withTimeout } from '../common/async/with-timeout';

/** How a notification attempt through one channel ended. */
export type NotificationOutcome = 'sent' | 'failed_transient' | 'failed_permanent';

/** What an outbox holds that nobody has processed yet. */
export interface OutboxBacklog {
  pending: number;
  /** age of the oldest unprocessed row; 0 when empty */
  oldestAgeSeconds: number;
  /** rows whose last attempt failed, waiting for a retry (outboxes that retry with backoff) */
  retrying?: number;
}

const HEARTBEAT_AGE = 'kennisbank_worker_heartbeat_age_seconds';
const JOB_STATES = ['waiting', 'active', 'failed', 'delayed'] as const;
/** A scrape must answer even when PostgreSQL or Redis does not: probes that take longer are left out. */
const PROBE_TIMEOUT_MS = 1_000;

/**
 * Every metric of the process, in one registry per application instance (tests run several in one
 * process). Modules record through the intention-revealing methods below; readings that live
 * elsewhere (outbox backlog, queue depths, worker heartbeat) are probed at scrape time, and a probe
 * that fails or is slow leaves its series out instead of failing the scrape.
 */
@Injectable()
export class MetricsService {
  private readonly logger = new Logger(MetricsService.name);
  readonly registry = new Registry();
  private readonly queues = new Map<string, Queue>();
  private readonly outboxes = new Map<string, () => Promise<OutboxBacklog>>();
  private heartbeat?: { probe: () => Promise<number | null>; gauge: Gauge };

  private readonly http = new Histogram({
    name: 'kennisbank_http_request_duration_seconds',
    help: 'HTTP requests by route template (not raw URL), method and status class',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly search = new Histogram({
    name: 'kennisbank_search_duration_seconds',
    help: 'Agent searches and suggestions by answering engine and result-cache outcome (hit, miss; none for suggestions)',
    labelNames: ['operation', 'engine', 'cache'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  private readonly fallbacks = new Counter({
    name: 'kennisbank_search_fallback_activations_total',
    help: 'Times the secondary search engine failed and search switched to PostgreSQL for a while',
    labelNames: ['engine'] as const,
    registers: [this.registry],
  });

  private readonly searchCancellations = new Counter({
    name: 'kennisbank_search_cancellations_total',
    help: 'Searches and suggestions stopped because the client went away (before or while the engine ran)',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });

  private readonly searchShed = new Counter({
    name: 'kennisbank_search_shed_total',
    help: 'Searches and suggestions answered 503 because the engine gate was full (see SEARCH_ENGINE_QUEUE)',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });

  private readonly notifications = new Counter({
    name: 'kennisbank_notifications_total',
    help: 'Notification deliveries per kind, channel and outcome (sent, failed_transient, failed_permanent)',
    labelNames: ['kind', 'channel', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly jobs = new Histogram({
    name: 'kennisbank_job_duration_seconds',
    help: 'Background jobs by queue, job name and outcome (completed, failed)',
    labelNames: ['queue', 'name', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
    registers: [this.registry],
  });

  private readonly outboxPending = new Gauge({
    name: 'kennisbank_outbox_pending',
    help: 'Unprocessed rows per outbox',
    labelNames: ['outbox'] as const,
    registers: [this.registry],
  });

  private readonly outboxRetrying = new Gauge({
    name: 'kennisbank_outbox_retrying',
    help: 'Rows per outbox whose last attempt failed (a failed or timed-out engine task), waiting for a retry with backoff',
    labelNames: ['outbox'] as const,
    registers: [this.registry],
  });

  private readonly engineTaskFailures = new Counter({
    name: 'kennisbank_search_engine_task_failures_total',
    help: 'Secondary engine writes that failed (task failed or timed out, request error), by engine and error code',
    labelNames: ['engine', 'code'] as const,
    registers: [this.registry],
  });

  private readonly outboxAge = new Gauge({
    name: 'kennisbank_outbox_oldest_age_seconds',
    help: 'Age of the oldest unprocessed row per outbox (0 when empty): how far indexing lags behind',
    labelNames: ['outbox'] as const,
    registers: [this.registry],
  });

  private readonly queueJobs = new Gauge({
    name: 'kennisbank_queue_jobs',
    help: 'BullMQ jobs per queue and state (waiting, active, failed, delayed); absent while Redis is unreachable',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });

  private readonly queueReachable = new Gauge({
    name: 'kennisbank_queue_reachable',
    help: '1 when the queue answered this scrape, 0 when Redis did not',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The Prometheus text exposition, after reading the probed values afresh. */
  async render(): Promise<string> {
    await Promise.all([this.readOutboxes(), this.readQueues(), this.readHeartbeat()]);
    return this.registry.metrics();
  }

  observeHttp(method: string, route: string, status: number, seconds: number): void {
    this.http.observe({ method, route, status_class: `${Math.floor(status / 100)}xx` }, seconds);
  }

  observeSearch(operation: 'search' | 'suggest', engine: string, cache: 'hit' | 'miss' | 'none', seconds: number): void {
    this.search.observe({ operation, engine, cache }, seconds);
  }

  recordSearchFallback(engine: string): void {
    this.fallbacks.inc({ engine });
  }

  recordEngineTaskFailure(engine: string, code: string): void {
    this.engineTaskFailures.inc({ engine, code });
  }

  recordSearchCancelled(operation: 'search' | 'suggest'): void {
    this.searchCancellations.inc({ operation });
  }

  recordSearchShed(operation: 'search' | 'suggest'): void {
    this.searchShed.inc({ operation });
  }

  recordNotification(kind: string, channel: string, outcome: NotificationOutcome): void {
    this.notifications.inc({ kind, channel, outcome });
  }

  observeJob(queue: string, name: string, outcome: 'completed' | 'failed', seconds: number): void {
    this.jobs.observe({ queue, name, outcome }, seconds);
  }

  /** Reports this queue's depths on every scrape (one Queue object per queue name). */
  trackQueue(queue: Queue): void {
    this.queues.set(queue.name, queue);
  }

  /** Reports an outbox's backlog on every scrape. */
  watchOutbox(name: string, probe: () => Promise<OutboxBacklog>): void {
    this.outboxes.set(name, probe);
  }

  /** Reports the age of the newest worker heartbeat (seconds, null when none) on every scrape. */
  watchWorkerHeartbeat(probe: () => Promise<number | null>): void {
    // Registered only now: a gauge without labels would otherwise always show 0, not "absent".
    const gauge = new Gauge({
      name: HEARTBEAT_AGE,
      help: 'Seconds since the last heartbeat of any worker; absent while Redis is unreachable or before any worker ran',
      registers: [],
    });
    this.heartbeat = { probe, gauge };
  }

  private async readOutboxes(): Promise<void> {
    const readings = await Promise.all(
      [...this.outboxes].map(async ([name, probe]) => [name, await this.probe(`outbox ${name}`, probe)] as const),
    );
    this.outboxPending.reset();
    this.outboxAge.reset();
    this.outboxRetrying.reset();
    for (const [outbox, backlog] of readings) {
      if (!backlog) continue;
      if (backlog.retrying !== undefined) this.outboxRetrying.set({ outbox }, backlog.retrying);
      this.outboxPending.set({ outbox }, backlog.pending);
      this.outboxAge.set({ outbox }, backlog.oldestAgeSeconds);
    }
  }

  private async readQueues(): Promise<void> {
    const readings = await Promise.all(
      [...this.queues].map(
        async ([name, queue]) => [name, await this.probe(`queue ${name}`, () => queue.getJobCounts(...JOB_STATES))] as const,
      ),
    );
    this.queueJobs.reset();
    this.queueReachable.reset();
    for (const [queue, counts] of readings) {
      this.queueReachable.set({ queue }, counts ? 1 : 0);
      for (const state of JOB_STATES) if (counts) this.queueJobs.set({ queue, state }, counts[state] ?? 0);
    }
  }

  private async readHeartbeat(): Promise<void> {
    if (!this.heartbeat) return;
    const { probe, gauge } = this.heartbeat;
    const age = await this.probe('worker heartbeat', probe);
    // Present only with a reading: an absent series is what "no worker seen" alerts look for.
    this.registry.removeSingleMetric(HEARTBEAT_AGE);
    if (age === null || age === undefined) return;
    gauge.set(age);
    this.registry.registerMetric(gauge);
  }

  private async probe<T>(what: string, read: () => Promise<T>): Promise<T | undefined> {
    try {
      return await withTimeout(read(), PROBE_TIMEOUT_MS);
    } catch (error) {
      this.logger.debug(`metrics: ${what} left out (${(error as Error).message})`);
      return undefined;
    }
  }
}

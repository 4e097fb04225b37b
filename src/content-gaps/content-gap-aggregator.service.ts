import { Inject, Injectable, Logger } from '@nestjs/common';
import { FailedSearchesService } from '../analytics/failed-searches.service';
import { aggregationWindow, isDailyRunDue } from '../common/queue/daily-aggregation';
import { Clock } from '../common/time/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ContentGapsRepository } from './content-gaps.repository';
import { aggregateFailedSearches } from './gap-aggregation';

export type AggregationTrigger = 'schedule' | 'manual' | 'cli';

export interface AggregationResult {
  ranAt: string;
  windowFrom: string;
  windowTo: string;
  failedSearches: number;
  gaps: number;
  created: number;
  refreshed: number;
}

/**
 * The content-gap job: failed searches of the last CONTENT_GAPS_WINDOW_DAYS, grouped by intent,
 * upserted by intent key. Recomputes the window every run, so running it twice changes nothing.
 */
@Injectable()
export class ContentGapAggregator {
  private readonly logger = new Logger(ContentGapAggregator.name);

  constructor(
    private readonly failedSearches: FailedSearchesService,
    private readonly repository: ContentGapsRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async aggregate(trigger: AggregationTrigger): Promise<AggregationResult> {
    const now = this.clock.now();
    const { from, to } = aggregationWindow(now, this.config.contentGaps.windowDays);
    const searches = await this.failedSearches.between(from, to);
    const candidates = aggregateFailedSearches(searches, this.config.contentGaps.minSearches);
    const counts = await this.repository.transaction(async (manager) => {
      const result = await this.repository.upsert(manager, candidates, now);
      await this.repository.zeroOthers(
        manager,
        candidates.map((c) => c.intentKey),
      );
      await this.repository.insertRun(manager, {
        ranAt: now,
        windowFrom: from,
        windowTo: to,
        failedSearches: searches.length,
        gaps: candidates.length,
        trigger,
      });
      return result;
    });
    this.logger.log(`content gaps (${trigger}): ${searches.length} failed searches → ${candidates.length} gaps, ${counts.created} new`);
    return {
      ranAt: now.toISOString(),
      windowFrom: from.toISOString(),
      windowTo: to.toISOString(),
      failedSearches: searches.length,
      gaps: candidates.length,
      ...counts,
    };
  }

  /** For the in-process schedule (no Redis): a run is due once a day. */
  async isDue(): Promise<boolean> {
    return isDailyRunDue((await this.repository.lastRun())?.ranAt, this.clock.now());
  }
}

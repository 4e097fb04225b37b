import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../../common/time/clock';
import { CronPattern, lastOccurrence, parseCron } from '../../common/time/cron';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { StewardshipHistoryRepository } from '../stewardship-history.repository';
import type { StewardshipRunJob } from '../stewardship-run.entity';

/** A run that started this much before its scheduled minute still counts (clocks, queue latency). */
const TOLERANCE_MS = 5 * 60_000;

/**
 * Whether the schedule fired since the last completed run, i.e. a run was missed (Redis or the
 * worker was down at the time, or a run failed). Pure.
 */
export function missedRun(pattern: CronPattern, lastCompletedStart: Date | null, now: Date): boolean {
  const due = lastOccurrence(pattern, now);
  if (!due) return false;
  return lastCompletedStart === null || lastCompletedStart.getTime() < due.getTime() - TOLERANCE_MS;
}

/** The configured schedules and which of them were missed. */
@Injectable()
export class StewardshipSchedule {
  readonly patterns: Partial<Record<StewardshipRunJob, CronPattern>>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
    private readonly history: StewardshipHistoryRepository,
  ) {
    const { scanCron, digestCron } = config.stewardship;
    this.patterns = { ...(scanCron ? { scan: parseCron(scanCron) } : {}), ...(digestCron ? { digest: parseCron(digestCron) } : {}) };
  }

  async missed(): Promise<StewardshipRunJob[]> {
    const now = this.clock.now();
    const out: StewardshipRunJob[] = [];
    for (const job of ['scan', 'digest'] as const) {
      const pattern = this.patterns[job];
      if (pattern && missedRun(pattern, await this.history.lastCompleted(job), now)) out.push(job);
    }
    return out;
  }
}

import { Injectable } from '@nestjs/common';
import { ArticleReviewsService, ReviewSubject } from '../articles/article-reviews.service';
import { SearchAnalyticsService } from '../analytics/search-analytics.service';
import { WorkItemRegistry } from '../common/tasks/work-items';
import { DepartmentContentHealth, ContentHealthAccumulator, contentHealthFigures } from './department-content-health';
import { ReviewContext } from './review-context';
import { ReviewRemindersRepository } from './review-reminders.repository';

/** Agents' opens of the last this many days weigh the trust score and rank "most urgent". */
export const OPENS_WINDOW_DAYS = 90;
const BATCH = 1000;
const DAY_MS = 86_400_000;

export type FigureRow = { departmentId: string | null; figures: Record<string, number | null> };

/**
 * Walks every live article in batches of a thousand, in id order, and measures content health. The
 * daily scan records its reminders on the same walk, so 100,000 articles are read once.
 */
@Injectable()
export class ContentHealthService {
  constructor(
    private readonly reviews: ArticleReviewsService,
    private readonly analytics: SearchAnalyticsService,
    private readonly reminders: ReviewRemindersRepository,
    private readonly workItems: WorkItemRegistry,
  ) {}

  /** `beforeMeasuring` runs on each batch first (the scan records reminders there, so they count today). */
  async measure(ctx: ReviewContext, beforeMeasuring?: (batch: ReviewSubject[]) => Promise<void>): Promise<ContentHealthAccumulator> {
    const accumulator = new ContentHealthAccumulator((id) => ctx.termsOf(id), ctx.now);
    const opensFrom = new Date(ctx.now.getTime() - OPENS_WINDOW_DAYS * DAY_MS);
    let after: string | null = null;
    for (;;) {
      const batch = await this.reviews.liveBatch(after, BATCH);
      if (batch.length === 0) break;
      if (beforeMeasuring) await beforeMeasuring(batch);
      const [opens, stages] = await Promise.all([
        this.analytics.opensByArticle(
          batch.map((a) => a.id),
          opensFrom,
          new Date(ctx.now.getTime() + 1), // up to and including this moment
        ),
        this.reminders.stagesInCycle(batch.flatMap((a) => (a.reviewDueAt ? [{ articleId: a.id, cycle: a.reviewDueAt }] : []))),
      ]);
      for (const a of batch) {
        accumulator.add({ ...a, opens: opens.get(a.id) ?? 0, remindedStages: stages.get(a.id) ?? 0 });
      }
      if (batch.length < BATCH) break;
      after = batch[batch.length - 1].id;
    }
    return accumulator;
  }

  /** The registered extra figures per department (feedback, source changes, links, …), summed over sources. */
  async extraFigures(now: Date): Promise<Map<string, Record<string, number>>> {
    const merged = new Map<string, Record<string, number>>();
    for (const source of this.workItems.figureSources()) {
      for (const [departmentId, figures] of await source.figures(now)) {
        const into = merged.get(departmentId) ?? {};
        for (const [name, value] of Object.entries(figures)) into[name] = (into[name] ?? 0) + value;
        merged.set(departmentId, into);
      }
    }
    return merged;
  }

  /** Per department (every one) and overall: the health plus the extra figures (zero where absent). */
  combine(ctx: ReviewContext, accumulator: ContentHealthAccumulator, extras: Map<string, Record<string, number>>) {
    const names = [...new Set([...extras.values()].flatMap((f) => Object.keys(f)))];
    const extraOf = (departmentId: string) => Object.fromEntries(names.map((n) => [n, extras.get(departmentId)?.[n] ?? 0]));
    const health = accumulator.byDepartment(ctx.departments.map((d) => d.id));
    const departments = ctx.departments.map((d) => ({ department: d, health: health.get(d.id)!, extra: extraOf(d.id) }));
    const totalExtra = Object.fromEntries(names.map((n) => [n, departments.reduce((sum, d) => sum + d.extra[n], 0)]));
    return { departments, total: { health: accumulator.total(), extra: totalExtra } };
  }

  /** What the daily snapshot keeps: the numbers, not the lists. */
  snapshotRows(combined: ReturnType<ContentHealthService['combine']>): FigureRow[] {
    const row = (departmentId: string | null, health: DepartmentContentHealth, extra: Record<string, number>): FigureRow => ({
      departmentId,
      figures: { ...contentHealthFigures(health), ...extra },
    });
    return [
      ...combined.departments.map((d) => row(d.department.id, d.health, d.extra)),
      row(null, combined.total.health, combined.total.extra),
    ];
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { ArticleReviewsService, ReviewSubject } from '../articles/article-reviews.service';
import { ValidationFailedError } from '../common/errors/domain-error';
import type { Actor } from '../common/request-context/actor';
import { dayNumber, mondayOf, startOfDay } from '../common/time/calendar-day';
import { Clock } from '../common/time/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Department } from '../departments/department.entity';
import { LevelReviewDatesDto } from './dto/stewardship.dto';
import { ReviewContextLoader } from './review-context';
import { LevelingResult, levelReviewDates } from './review-leveling';

const BATCH = 5000;

export interface LevelingReport {
  dryRun: boolean;
  weeklyCap: number;
  spreadDays: number;
  departments: {
    department: { slug: string; name: string };
    /** live articles whose review date is not yet in a reminder stage */
    articles: number;
    /** moves applied (fewer than listed when an article changed meanwhile); 0 on a dry run */
    moved: number;
    moves: { articleId: string; title: string; from: string; to: string; laterByDays?: number }[];
    stormWeeks: LevelingResult['stormWeeks'];
  }[];
}

/**
 * Levels review storms (after a bulk import, say) per department: review dates of weeks above
 * REVIEW_STORM_WEEKLY_CAP move to the weeks before them within REVIEW_SPREAD_DAYS. Dates already
 * in a reminder stage stay put, and no date moves into one, so nobody's reminders change under them.
 * See {@link levelReviewDates} for the rule.
 */
@Injectable()
export class ReviewLevelingService {
  constructor(
    private readonly clock: Clock,
    private readonly contexts: ReviewContextLoader,
    private readonly reviews: ArticleReviewsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async level(actor: Actor, dto: LevelReviewDatesDto): Promise<LevelingReport> {
    const now = this.clock.now();
    const ctx = await this.contexts.load(now);
    let departments: Department[] = ctx.departments;
    if (dto.department !== undefined) {
      const wanted = ctx.departments.find((d) => d.slug === dto.department || d.id === dto.department);
      if (!wanted) throw new ValidationFailedError([{ field: 'department', code: 'UNKNOWN_DEPARTMENT', message: 'is not a department' }]);
      departments = [wanted];
    }
    const { weeklyCap, spreadDays } = this.config.stewardship.storm;
    const report: LevelingReport = { dryRun: dto.dryRun ?? false, weeklyCap, spreadDays, departments: [] };
    for (const department of departments) {
      const notBefore = ctx.cutoff(department.id, 'upcoming');
      // From the Monday of that week, so reviews already in a stage still count towards its load.
      const articles = await this.articlesFrom(department.id, startOfDay(mondayOf(dayNumber(notBefore))));
      const titles = new Map(articles.map((a) => [a.id, a.title]));
      const result = levelReviewDates(
        articles.map((a) => ({ id: a.id, dueAt: a.reviewDueAt! })),
        { weeklyCap, spreadDays, notBefore, allowLater: dto.allowLater ?? false },
      );
      let moved = 0;
      if (!report.dryRun) {
        const earlier = result.moves.filter((m) => !m.laterByDays);
        const later = result.moves.filter((m) => m.laterByDays);
        const toMove = (list: typeof result.moves) => list.map((m) => ({ articleId: m.id, from: m.from, to: m.to }));
        moved += (await this.reviews.reschedule(actor, toMove(earlier), 'review storm levelled: reviewed earlier')).length;
        moved += (await this.reviews.reschedule(actor, toMove(later), 'review storm levelled: moved past the review interval (allowLater)'))
          .length;
      }
      report.departments.push({
        department: { slug: department.slug, name: department.name },
        articles: articles.filter((a) => a.reviewDueAt! >= notBefore).length,
        moved,
        moves: result.moves.map((m) => ({
          articleId: m.id,
          title: titles.get(m.id) ?? '',
          from: m.from.toISOString(),
          to: m.to.toISOString(),
          ...(m.laterByDays ? { laterByDays: m.laterByDays } : {}),
        })),
        stormWeeks: result.stormWeeks,
      });
    }
    return report;
  }

  private async articlesFrom(departmentId: string, dueFrom: Date): Promise<ReviewSubject[]> {
    const all: ReviewSubject[] = [];
    for (let batch = await this.reviews.liveBatch(null, BATCH, { departmentIds: [departmentId], dueFrom }); ;) {
      all.push(...batch);
      if (batch.length < BATCH) return all;
      batch = await this.reviews.liveBatch(batch[batch.length - 1].id, BATCH, { departmentIds: [departmentId], dueFrom });
    }
  }
}

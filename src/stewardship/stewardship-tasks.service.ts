import { Inject, Injectable } from '@nestjs/common';
import { ArticleReviewsService } from '../articles/article-reviews.service';
import type { Actor } from '../common/request-context/actor';
import { calendarDaysUntil } from '../common/time/calendar-day';
import { Clock } from '../common/time/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { articleLinks } from '../notifications/templates/format';
import { TasksResponse } from './dto/stewardship-responses';
import { ReviewContextLoader } from './review-context';
import { stageRank } from './review-policy';
import { StewardshipTask, TASK_SOURCES, TaskSource } from './stewardship-extensions';

const MAX_PER_QUERY = 500;

/**
 * Reviews that are due: the signed-in editor's own articles, and, for coordinators (or the
 * kennisregisseur where a department has none), the articles without an active owner that their
 * reminders go to. Urgency: due 1, overdue 2, escalated 3.
 */
@Injectable()
export class ReviewTaskSource extends TaskSource {
  constructor(
    private readonly contexts: ReviewContextLoader,
    private readonly reviews: ArticleReviewsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async tasksFor(actor: Actor, now: Date): Promise<StewardshipTask[]> {
    const ctx = await this.contexts.load(now);
    const dueBefore = ctx.stagedBefore('due');
    const covered = ctx.departmentsCoveredBy(actor.email);
    const [own, fallback] = await Promise.all([
      this.reviews.liveBatch(null, MAX_PER_QUERY, { ownerId: actor.userId, dueBefore }),
      covered.length > 0 ? this.reviews.liveBatch(null, MAX_PER_QUERY, { withoutActiveOwnerIn: covered, dueBefore }) : Promise.resolve([]),
    ]);
    const seen = new Set<string>();
    return [...own, ...fallback].flatMap((article) => {
      const stage = ctx.stageOf(article);
      if (!stage || stage === 'upcoming' || seen.has(article.id)) return [];
      seen.add(article.id);
      const department = ctx.department(article.departmentId);
      return [
        {
          kind: 'review',
          urgency: stageRank(stage),
          title: article.title,
          article: { id: article.id, title: article.title, department: { slug: department?.slug ?? '', name: department?.name ?? '' } },
          since: article.reviewDueAt!.toISOString(),
          details: {
            stage,
            reviewDueAt: article.reviewDueAt!.toISOString(),
            daysOverdue: Math.max(0, -calendarDaysUntil(article.reviewDueAt!, now)),
            owner: article.owner ? { email: article.owner.email, name: article.owner.name, active: article.owner.active } : null,
          },
          links: { ...articleLinks(this.config.http.publicBaseUrl, article.id) },
        },
      ];
    });
  }
}

/** The signed-in editor's task list, from every registered task source, most urgent first. */
@Injectable()
export class StewardshipTasksService {
  constructor(
    private readonly clock: Clock,
    @Inject(TASK_SOURCES) private readonly sources: TaskSource[],
  ) {}

  async tasks(actor: Actor): Promise<TasksResponse> {
    const now = this.clock.now();
    const tasks = (await Promise.all(this.sources.map((s) => s.tasksFor(actor, now)))).flat();
    tasks.sort((a, b) => b.urgency - a.urgency || (a.since ?? '').localeCompare(b.since ?? '') || a.title.localeCompare(b.title, 'nl'));
    const counts: Record<string, number> = {};
    for (const t of tasks) counts[t.kind] = (counts[t.kind] ?? 0) + 1;
    return { tasks, counts };
  }
}

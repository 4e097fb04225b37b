import { Inject, Injectable } from '@nestjs/common';
import { ArticleReviewsService } from '../articles/article-reviews.service';
import type { Actor } from '../common/request-context/actor';
import type { TaskItem } from '../common/tasks/task-item';
import { TaskSource, WorkItemRegistry } from '../common/tasks/work-items';
import { calendarDaysUntil } from '../common/time/calendar-day';
import { Clock } from '../common/time/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DepartmentsService } from '../departments/departments.service';
import { articleLinks } from '../notifications/templates/format';
import { StewardshipTask, TasksResponse } from './dto/stewardship-responses';
import { ReviewContextLoader } from './review-context';
import { stageRank } from './review-policy';

const MAX_PER_QUERY = 500;

/**
 * Reviews that are due: the signed-in editor's own articles, and, for coordinators (or the
 * kennisregisseur where a department has none), the articles without an active owner that their
 * reminders go to. Urgency: due 1, overdue 2, escalated 3.
 */
@Injectable()
export class ReviewTaskSource implements TaskSource {
  /** each item carries its stage's rank */
  readonly urgency = 1;

  constructor(
    private readonly contexts: ReviewContextLoader,
    private readonly reviews: ArticleReviewsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async tasksFor(actor: Actor, now: Date): Promise<TaskItem[]> {
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
      return [
        {
          kind: 'review',
          id: article.id,
          articleId: article.id,
          title: article.title,
          departmentId: article.departmentId,
          since: article.reviewDueAt!.toISOString(),
          summary: article.title,
          link: `/api/articles/${article.id}`,
          urgency: stageRank(stage),
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

/**
 * The signed-in editor's task list: the reviews, and every work item the features registered (feedback,
 * source changes, content gaps, broken links, missing UPLs), most urgent first.
 */
@Injectable()
export class StewardshipTasksService {
  constructor(
    private readonly clock: Clock,
    private readonly reviews: ReviewTaskSource,
    private readonly workItems: WorkItemRegistry,
    private readonly departments: DepartmentsService,
  ) {}

  async tasks(actor: Actor): Promise<TasksResponse> {
    const now = this.clock.now();
    const sources = [this.reviews, ...this.workItems.taskSources()];
    const [perSource, departments] = await Promise.all([
      Promise.all(sources.map(async (source) => ({ source, items: await source.tasksFor(actor, now) }))),
      this.departments.list(),
    ]);
    const byId = new Map(departments.map((d) => [d.id, { slug: d.slug, name: d.name }]));
    const tasks = perSource.flatMap(({ source, items }) => items.map((item) => toTask(item, source.urgency, byId)));
    tasks.sort((a, b) => b.urgency - a.urgency || (a.since ?? '').localeCompare(b.since ?? '') || a.title.localeCompare(b.title, 'nl'));
    const counts: Record<string, number> = {};
    for (const t of tasks) counts[t.kind] = (counts[t.kind] ?? 0) + 1;
    return { tasks, counts };
  }
}

type DepartmentNames = Map<string, { slug: string; name: string }>;

/** A work item as the task list shows it. */
function toTask(item: TaskItem, urgency: number, byId: DepartmentNames): StewardshipTask {
  const department = item.departmentId ? (byId.get(item.departmentId) ?? null) : null;
  return {
    kind: item.kind,
    urgency: item.urgency ?? urgency,
    title: item.summary,
    article: item.articleId ? { id: item.articleId, title: item.title, department: department ?? { slug: '', name: '' } } : null,
    since: item.since,
    details: item.details ?? {
      id: item.id,
      ...(item.articleId ? {} : { query: item.title }),
      ...(item.departmentId ? { department } : {}),
    },
    links: item.links ?? { self: item.link },
  };
}

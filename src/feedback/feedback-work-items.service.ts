import { Injectable } from '@nestjs/common';
import { hasRole } from '../common/request-context/roles';
import type { Actor } from '../common/request-context/actor';
import { TaskItem } from '../common/tasks/task-item';
import type { FigureSource, TaskSource } from '../common/tasks/work-items';
import { departmentFromField, departmentIdsOf } from '../departments/department-field';
import { DepartmentsService } from '../departments/departments.service';
import { FEEDBACK_KIND_LABELS } from '../notifications/templates/feedback-received.template';
import { FeedbackSummaryQueryDto } from './dto/feedback.dto';
import { FeedbackCountsResponse } from './dto/feedback-response';
import { feedbackAccess } from './feedback-access';
import { ActiveCounts, FeedbackRepository } from './feedback.repository';

/** Feedback as work items: the figures for content health and the stewardship task list. */
@Injectable()
export class FeedbackWorkItemsService implements TaskSource, FigureSource {
  /** an agent reported something wrong: as urgent as an overdue review */
  readonly urgency = 2;

  constructor(
    private readonly feedback: FeedbackRepository,
    private readonly departments: DepartmentsService,
  ) {}

  /** Open and in-progress feedback per department id (departments without any are absent). */
  countsByDepartment(): Promise<Map<string, ActiveCounts>> {
    return this.feedback.countsByDepartment();
  }

  async figures(): Promise<Map<string, Record<string, number>>> {
    const counts = await this.countsByDepartment();
    return new Map([...counts].map(([id, c]) => [id, { openFeedback: c.open + c.inProgress }]));
  }

  /** Open and in-progress feedback per article id, for these articles. */
  async countsByArticle(articleIds: string[]): Promise<Map<string, ActiveCounts>> {
    return this.feedback.countsByArticle({ articleIds });
  }

  /**
   * Feedback waiting for this person: active feedback in the departments they edit for, plus
   * feedback routed to them (a coordinator standing in for an article without an active owner).
   */
  async tasksFor(actor: Actor): Promise<TaskItem[]> {
    const departmentIds = hasRole(actor, 'editor') ? await departmentIdsOf(this.departments, actor.departments) : [];
    const items = await this.feedback.active(departmentIds, actor.email);
    return items.map((f) => ({
      kind: 'feedback',
      id: f.id,
      articleId: f.articleId,
      title: f.articleTitle,
      departmentId: f.departmentId,
      since: f.createdAt.toISOString(),
      summary: `Terugmelding (${FEEDBACK_KIND_LABELS[f.kind]})${f.status === 'in_progress' ? ', in behandeling' : ''}`,
      link: `/api/feedback/${f.id}`,
    }));
  }

  /** Per department and per article, optionally for one department. */
  async summary(actor: Actor, query: FeedbackSummaryQueryDto): Promise<FeedbackCountsResponse> {
    const department = query.department ? await departmentFromField(this.departments, query.department) : null;
    if (department) feedbackAccess.assertCanList(actor, department.slug);
    // Without ?department=, a non-coordinator gets their own departments, as FeedbackService.list does.
    const scope = department
      ? new Set([department.id])
      : hasRole(actor, 'coordinator')
        ? null
        : new Set(await departmentIdsOf(this.departments, actor.departments));
    const inScope = (departmentId: string) => !scope || scope.has(departmentId);
    const [all, byDepartment, byArticle] = await Promise.all([
      this.departments.list(),
      this.feedback.countsByDepartment(),
      this.feedback.countsByArticle({ departmentId: department?.id }),
    ]);
    return {
      departments: all
        .filter((d) => byDepartment.has(d.id) && inScope(d.id))
        .map((d) => ({ departmentId: d.id, slug: d.slug, name: d.name, ...byDepartment.get(d.id)! })),
      articles: [...byArticle]
        .filter(([, c]) => inScope(c.departmentId))
        .map(([articleId, c]) => ({
          articleId,
          title: c.title,
          departmentId: c.departmentId,
          open: c.open,
          inProgress: c.inProgress,
        })),
    };
  }
}

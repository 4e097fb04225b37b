import { Injectable } from '@nestjs/common';
import { PublishedArticlesService } from '../articles/published-articles.service';
import { ForbiddenError } from '../auth/auth.errors';
import { hasRole } from '../common/request-context/roles';
import { ifMatchAccepts } from '../common/http/if-match';
import type { Actor } from '../common/request-context/actor';
import { TaskItem } from '../common/tasks/task-item';
import type { FigureSource, TaskSource } from '../common/tasks/work-items';
import { Clock } from '../common/time/clock';
import { Department } from '../departments/department.entity';
import { departmentFromField, departmentIdsOf } from '../departments/department-field';
import { DepartmentsService } from '../departments/departments.service';
import { ContentGapListResponse, ContentGapResponse, contentGapEtag, toContentGapResponse } from './dto/content-gap-response';
import { AssignContentGapDto, DismissContentGapDto, ListContentGapsQueryDto, ResolveContentGapDto } from './dto/content-gap.dto';
import { ContentGap } from './content-gap.entity';
import { ACTIVE_GAPS, ContentGapAction, contentGapWorkflow } from './content-gap-workflow';
import { AnsweringArticleNotPublishedError, ContentGapModifiedError, ContentGapNotFoundError } from './content-gaps.errors';
import { ContentGapsRepository } from './content-gaps.repository';

/** How many unassigned gaps a coordinator's task list shows (the most searched). */
const COORDINATOR_TASKS = 20;

/**
 * Content gaps after the job made them: ranked for the coordinator, assigned to a department,
 * resolved by the article that answers the question (explicitly: a gap closes when someone names
 * that article, not when search numbers happen to improve) or dismissed.
 */
@Injectable()
export class ContentGapsService implements TaskSource, FigureSource {
  /** the task list: below an overdue review */
  readonly urgency = 1;

  constructor(
    private readonly repository: ContentGapsRepository,
    private readonly departments: DepartmentsService,
    private readonly published: PublishedArticlesService,
    private readonly clock: Clock,
  ) {}

  async list(query: ListContentGapsQueryDto): Promise<ContentGapListResponse> {
    const department = query.department ? await departmentFromField(this.departments, query.department) : null;
    const [gaps, lastRun] = await Promise.all([
      this.repository.list({
        statuses: query.status ? [query.status] : ACTIVE_GAPS,
        departmentIds: department ? [department.id] : undefined,
        limit: query.limit ?? 50,
      }),
      this.repository.lastRun(),
    ]);
    return { items: await this.respondMany(gaps), refreshedAt: lastRun?.ranAt.toISOString() ?? null };
  }

  /** For coordinators, and editors of the department it is assigned to. */
  async get(actor: Actor, id: string): Promise<ContentGapResponse> {
    const gap = await this.repository.findById(id);
    if (!gap) throw new ContentGapNotFoundError(id);
    if (!hasRole(actor, 'coordinator') && !(await this.isAssignedToActor(actor, gap))) {
      throw new ForbiddenError('Only a coordinator, or editors of the department it is assigned to, see a content gap');
    }
    return (await this.respondMany([gap]))[0];
  }

  assign(actor: Actor, id: string, dto: AssignContentGapDto, ifMatch?: string): Promise<ContentGapResponse> {
    return this.act(actor, id, 'assign', ifMatch, {}, async (gap, now) => {
      gap.departmentId = (await departmentFromField(this.departments, dto.department)).id;
      gap.assignedAt = now;
    });
  }

  /** By a coordinator, or an editor of the department it is assigned to. */
  resolve(actor: Actor, id: string, dto: ResolveContentGapDto, ifMatch?: string): Promise<ContentGapResponse> {
    return this.act(actor, id, 'resolve', ifMatch, {}, async (gap, now) => {
      if (!(await this.published.liveIds([dto.articleId])).has(dto.articleId)) throw new AnsweringArticleNotPublishedError(dto.articleId);
      gap.resolvedArticleId = dto.articleId;
      gap.closedAt = now;
    });
  }

  dismiss(actor: Actor, id: string, dto: DismissContentGapDto, ifMatch?: string): Promise<ContentGapResponse> {
    return this.act(actor, id, 'dismiss', ifMatch, { reason: dto.reason }, (gap, now) => {
      gap.dismissedReason = dto.reason!.trim();
      gap.closedAt = now;
    });
  }

  /** Gaps assigned to a department (per department id). */
  countsByDepartment(): Promise<Map<string, { assigned: number }>> {
    return this.repository.countsByDepartment();
  }

  async figures(): Promise<Map<string, Record<string, number>>> {
    const counts = await this.countsByDepartment();
    return new Map([...counts].map(([id, c]) => [id, { assignedContentGaps: c.assigned }]));
  }

  /** Editors: gaps assigned to their departments. Coordinators: the most searched unassigned ones too. */
  async tasksFor(actor: Actor): Promise<TaskItem[]> {
    const departmentIds = hasRole(actor, 'editor') ? await departmentIdsOf(this.departments, actor.departments) : [];
    const gaps = [
      ...(departmentIds.length ? await this.repository.list({ statuses: ['assigned'], departmentIds, limit: 200 }) : []),
      ...(hasRole(actor, 'coordinator') ? await this.repository.list({ statuses: ['open'], limit: COORDINATOR_TASKS }) : []),
    ];
    return gaps.map((gap) => ({
      kind: 'content_gap',
      id: gap.id,
      articleId: null,
      title: gap.query,
      departmentId: gap.departmentId,
      since: (gap.assignedAt ?? gap.createdAt).toISOString(),
      summary:
        gap.status === 'assigned'
          ? `Ontbrekende informatie: ${gap.searches}× gezocht zonder antwoord`
          : `Ontbrekende informatie: ${gap.searches}× gezocht zonder antwoord; wijs een afdeling toe`,
      link: `/api/content-gaps/${gap.id}`,
    }));
  }

  private async act(
    actor: Actor,
    id: string,
    action: ContentGapAction,
    ifMatch: string | undefined,
    request: { reason?: string },
    change: (gap: ContentGap, now: Date) => void | Promise<void>,
  ): Promise<ContentGapResponse> {
    const saved = await this.repository.transaction(async (manager) => {
      const gap = await this.repository.lock(manager, id);
      if (!gap) throw new ContentGapNotFoundError(id);
      await this.authorize(actor, gap, action);
      if (!ifMatchAccepts(contentGapEtag(gap), ifMatch)) throw new ContentGapModifiedError(contentGapEtag(gap));
      const to = contentGapWorkflow.apply({ status: gap.status, reason: request.reason }, action);
      const now = this.clock.now();
      await change(gap, now);
      gap.status = to;
      gap.handledById = actor.userId;
      return this.repository.save(manager, gap);
    });
    return (await this.respondMany([saved]))[0];
  }

  private async isAssignedToActor(actor: Actor, gap: ContentGap): Promise<boolean> {
    if (!gap.departmentId || !hasRole(actor, 'editor')) return false;
    return actor.departments.includes((await this.departments.get(gap.departmentId)).slug);
  }

  private async authorize(actor: Actor, gap: ContentGap, action: ContentGapAction): Promise<void> {
    if (hasRole(actor, 'coordinator')) return;
    if (action === 'resolve' && (await this.isAssignedToActor(actor, gap))) return;
    throw new ForbiddenError(
      action === 'resolve'
        ? 'Only editors of the department it is assigned to (or a coordinator) resolve a content gap'
        : `Only a coordinator may ${action} a content gap`,
    );
  }

  private async respondMany(gaps: ContentGap[]): Promise<ContentGapResponse[]> {
    const departments = new Map<string, Department>((await this.departments.list()).map((d) => [d.id, d]));
    return gaps.map((gap) => toContentGapResponse(gap, departments));
  }
}

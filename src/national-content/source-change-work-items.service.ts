import { Injectable } from '@nestjs/common';
import { ForbiddenError } from '../auth/auth.errors';
import { hasRole } from '../common/request-context/roles';
import type { Actor } from '../common/request-context/actor';
import { TaskItem } from '../common/tasks/task-item';
import type { FigureSource, TaskSource } from '../common/tasks/work-items';
import { departmentFromField } from '../departments/department-field';
import { DepartmentsService } from '../departments/departments.service';
import { ArticleFacts } from './article-facts';
import { SourceChangeResponse } from './dto/national-content-response';
import { SourceChangesQueryDto } from './dto/national-content.dto';
import { NationalContentRepository } from './national-content.repository';
import { NationalSourcesService } from './national-sources.service';
import { SourceChangeTask } from './source-change-task.entity';

/** Open bronwijzigingen as work items: content health and the stewardship task list (archived articles left out). */
@Injectable()
export class SourceChangeWorkItemsService implements TaskSource, FigureSource {
  /** the national text changed under the article: as urgent as an overdue review */
  readonly urgency = 2;

  constructor(
    private readonly sources: NationalSourcesService,
    private readonly repository: NationalContentRepository,
    private readonly departments: DepartmentsService,
  ) {}

  /** Open source changes per department id (departments without any are absent). */
  async countsByDepartment(): Promise<Map<string, { open: number }>> {
    const counts = new Map<string, { open: number }>();
    for (const { article } of await this.openWithArticles()) {
      const entry = counts.get(article.department.id) ?? { open: 0 };
      entry.open++;
      counts.set(article.department.id, entry);
    }
    return counts;
  }

  async figures(): Promise<Map<string, Record<string, number>>> {
    const counts = await this.countsByDepartment();
    return new Map([...counts].map(([id, c]) => [id, { openSourceChanges: c.open }]));
  }

  /** The open source change per article id, for these articles. */
  async openByArticle(articleIds: string[]): Promise<Map<string, { taskId: string; since: Date }>> {
    const open = await this.openWithArticles(articleIds);
    return new Map(open.map(({ task }) => [task.articleId, { taskId: task.id, since: task.createdAt }]));
  }

  /** Source changes waiting for this person: their departments' articles, articles they own, or routed to them. */
  async tasksFor(actor: Actor): Promise<TaskItem[]> {
    const departments = hasRole(actor, 'editor') ? actor.departments : [];
    return (await this.openWithArticles())
      .filter(
        ({ task, article }) =>
          departments.includes(article.department.slug) || article.ownerId === actor.userId || task.routedTo.includes(actor.email),
      )
      .map(({ task, article }) => ({
        kind: 'source_change',
        id: task.id,
        articleId: article.id,
        title: article.title,
        departmentId: article.department.id,
        since: task.createdAt.toISOString(),
        summary: 'Bronwijziging: de landelijke tekst is gewijzigd',
        link: `/api/articles/${article.id}/national-source`,
      }));
  }

  /** GET /api/national-content/changes: the open bronwijzigingen, for one department or all the actor may see. */
  async list(actor: Actor, query: SourceChangesQueryDto): Promise<SourceChangeResponse[]> {
    const department = query.department ? await departmentFromField(this.departments, query.department) : null;
    if (department && !hasRole(actor, 'coordinator') && !actor.departments.includes(department.slug)) {
      throw new ForbiddenError(`Only editors of ${department.slug} (or a coordinator) see its source changes`, {
        department: department.slug,
      });
    }
    // Without ?department=, a non-coordinator sees their own departments only: the list carries the
    // routedTo addresses of other departments' people (issue 16 item 6).
    const visible = (slug: string) =>
      department ? slug === department.slug : hasRole(actor, 'coordinator') || actor.departments.includes(slug);
    const open = (await this.openWithArticles()).filter(({ article }) => visible(article.department.slug));
    const versions = await this.repository.versions(open.flatMap(({ task }) => [task.fromVersionId, task.toVersionId]));
    const uris = new Map<string, string>();
    for (const v of versions.values()) if (!uris.has(v.itemId)) uris.set(v.itemId, (await this.repository.findItemById(v.itemId))!.uri);
    return open.map(({ task, article }) => {
      const to = versions.get(task.toVersionId)!;
      return {
        taskId: task.id,
        articleId: article.id,
        title: article.title,
        department: { id: article.department.id, slug: article.department.slug, name: article.department.name },
        sourceUri: uris.get(to.itemId)!,
        fromVersion: versions.get(task.fromVersionId)!.version,
        toVersion: to.version,
        since: task.createdAt.toISOString(),
        routedTo: task.routedTo,
        notifiedAt: task.notifiedAt?.toISOString() ?? null,
      };
    });
  }

  private async openWithArticles(articleIds?: string[]): Promise<{ task: SourceChangeTask; article: ArticleFacts }[]> {
    const { open, facts } = await this.sources.reconcile(articleIds);
    return open.flatMap((task) => {
      const article = facts.get(task.articleId);
      return article && !article.archived ? [{ task, article }] : [];
    });
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { hasRole } from '../../common/request-context/roles';
import type { Actor } from '../../common/request-context/actor';
import type { TaskItem } from '../../common/tasks/task-item';
import type { TaskSource } from '../../common/tasks/work-items';
import { departmentIdsOf } from '../../departments/department-field';
import { DepartmentsService } from '../../departments/departments.service';

/** A product an import kept although its UPL name was unknown, and whose UPL is still empty. */
export interface MissingUplArticle {
  articleId: string;
  title: string;
  slug: string;
  status: string;
  departmentId: string;
  /** the UPL name (or URI) the import could not use */
  importedUpl: string;
  importedAt: string;
}

/**
 * "UPL ontbreekt": imported products whose UPL was left empty (the import event records the value it
 * could not use) until an editor sets one. For the Samenwerkende Catalogi report and the task list.
 */
@Injectable()
export class MissingUplQuery implements TaskSource {
  /** the task list: below an overdue review */
  readonly urgency = 1;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly departments: DepartmentsService,
  ) {}

  async list(departmentIds?: string[]): Promise<MissingUplArticle[]> {
    const rows: (Omit<MissingUplArticle, 'importedAt'> & { importedAt: Date })[] = await this.dataSource.query(
      `SELECT DISTINCT ON (a.id) a.id AS "articleId", a.title, a.slug, a.status, a.department_id AS "departmentId",
              e.details->>'uplLeftEmpty' AS "importedUpl", e.created_at AS "importedAt"
       FROM articles a
       JOIN article_events e ON e.article_id = a.id AND e.details ? 'uplLeftEmpty'
       WHERE a.kind = 'product' AND a.status <> 'archived' AND coalesce(a.content->>'uplName', '') = ''
         AND ($1::uuid[] IS NULL OR a.department_id = ANY($1))
       ORDER BY a.id, e.id DESC`,
      [departmentIds ?? null],
    );
    return rows
      .map((r) => ({ ...r, importedAt: new Date(r.importedAt).toISOString() }))
      .sort((a, b) => a.title.localeCompare(b.title, 'nl'));
  }

  /** Editors' tasks for their departments' products, like the other work items. */
  async tasksFor(actor: Actor): Promise<TaskItem[]> {
    const departmentIds = hasRole(actor, 'editor') ? await departmentIdsOf(this.departments, actor.departments) : [];
    if (departmentIds.length === 0) return [];
    return (await this.list(departmentIds)).map((a) => ({
      kind: 'missing_upl',
      id: a.articleId,
      articleId: a.articleId,
      title: a.title,
      departmentId: a.departmentId,
      since: a.importedAt,
      summary: `UPL ontbreekt: "${a.importedUpl}" staat niet op de Uniforme Productnamenlijst`,
      link: `/api/articles/${a.articleId}`,
    }));
  }
}

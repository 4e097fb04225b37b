import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager } from 'typeorm';
import { keysetPage } from '../common/persistence/keyset-page';
import { lockingQuery } from '../common/persistence/row-lock';
import { Feedback } from './feedback.entity';
import { ACTIVE_FEEDBACK, FeedbackStatus } from './feedback-workflow';

export interface FeedbackListFilter {
  /** restricts to these departments (an editor's own); undefined: all */
  departmentIds?: string[];
  status?: FeedbackStatus;
  articleId?: string;
  reporterId?: string;
  limit: number;
  cursor?: string;
}

export interface ActiveCounts {
  open: number;
  inProgress: number;
}

/** All SQL about feedback. */
@Injectable()
export class FeedbackRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(Feedback);
  }

  save(manager: EntityManager, feedback: Feedback): Promise<Feedback> {
    return this.repo(manager).save(feedback);
  }

  create(values: Partial<Feedback>): Feedback {
    return this.repo().create(values);
  }

  findById(id: string): Promise<Feedback | null> {
    return this.repo().findOneBy({ id });
  }

  /** Row lock for the rest of the transaction. */
  lock(manager: EntityManager, id: string): Promise<Feedback | null> {
    return lockingQuery(manager, Feedback, 'f').where('f.id = :id', { id }).getOne();
  }

  /** Newest first; keyset pagination on (created_at, id). */
  async list(filter: FeedbackListFilter): Promise<{ items: Feedback[]; nextCursor: string | null }> {
    const qb = this.repo().createQueryBuilder('f');
    if (filter.departmentIds) qb.andWhere('f.department_id = ANY(:departmentIds)', { departmentIds: filter.departmentIds });
    if (filter.status) qb.andWhere('f.status = :status', { status: filter.status });
    if (filter.articleId) qb.andWhere('f.article_id = :articleId', { articleId: filter.articleId });
    if (filter.reporterId) qb.andWhere('f.reporter_id = :reporterId', { reporterId: filter.reporterId });
    return keysetPage(qb, 'createdAt', filter);
  }

  /** Open and in-progress feedback per department (departments without any are absent). */
  async countsByDepartment(): Promise<Map<string, ActiveCounts>> {
    const rows: { key: string; open: number; inProgress: number }[] = await this.dataSource.query(
      `SELECT department_id AS key, ${COUNTS} FROM feedback WHERE status = ANY($1) GROUP BY department_id`,
      [ACTIVE_FEEDBACK],
    );
    return new Map(rows.map((r) => [r.key, { open: r.open, inProgress: r.inProgress }]));
  }

  /** Open and in-progress feedback per article, for the given articles or the given department. */
  async countsByArticle(where: {
    articleIds?: string[];
    departmentId?: string;
  }): Promise<Map<string, ActiveCounts & { title: string; departmentId: string }>> {
    const rows: { key: string; title: string; departmentId: string; open: number; inProgress: number }[] = await this.dataSource.query(
      `SELECT article_id AS key, (array_agg(article_title ORDER BY created_at DESC))[1] AS title,
         (array_agg(department_id::text))[1] AS "departmentId", ${COUNTS}
       FROM feedback
       WHERE status = ANY($1) AND ($2::uuid[] IS NULL OR article_id = ANY($2)) AND ($3::uuid IS NULL OR department_id = $3)
       GROUP BY article_id ORDER BY count(*) DESC, article_id`,
      [ACTIVE_FEEDBACK, where.articleIds ?? null, where.departmentId ?? null],
    );
    return new Map(rows.map((r) => [r.key, { title: r.title, departmentId: r.departmentId, open: r.open, inProgress: r.inProgress }]));
  }

  /** Open and in-progress feedback in these departments or routed to this address, oldest first. */
  active(departmentIds: string[], routedTo: string): Promise<Feedback[]> {
    return this.repo()
      .createQueryBuilder('f')
      .where('f.status IN (:...active)', { active: ACTIVE_FEEDBACK })
      .andWhere(
        new Brackets((w) =>
          w.where('f.department_id = ANY(:departmentIds)', { departmentIds }).orWhere(':routedTo = ANY(f.routed_to)', { routedTo }),
        ),
      )
      .orderBy('f.createdAt', 'ASC')
      .addOrderBy('f.id', 'ASC')
      .getMany();
  }

  // Raw SQL on purpose here and below: bookkeeping that must not move the row version (the ETag).
  async markNotified(id: string, at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE feedback SET notified_at = $2 WHERE id = $1`, [id, at]);
  }
}

const COUNTS = `count(*) FILTER (WHERE status = 'open')::int AS open, count(*) FILTER (WHERE status = 'in_progress')::int AS "inProgress"`;

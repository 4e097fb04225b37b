import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { UUID_PATTERN } from '../common/http/cursor';
import { decodeCursor, pageOf } from '../common/http/keyset-cursor';
import { ArticleEvent } from './article-event.entity';
import { ArticleSlug } from './article-slug.entity';
import { ArticleVersion } from './article-version.entity';
import { Article } from './article.entity';
import type { ArticleKind } from './article-content';
import type { ArticleStatus } from './article-workflow';
import { REVIEW_SOON_DAYS, addDays } from './review-interval';

export interface ArticleListFilter {
  departmentId?: string;
  status?: ArticleStatus;
  kind?: ArticleKind;
  ownerId?: string;
  reviewDue?: 'overdue' | 'soon';
  q?: string;
  limit: number;
  cursor?: string;
  now: Date;
}

/** All SQL about articles, their versions, old slugs and audit events. */
@Injectable()
export class ArticlesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** With department, owner and last reviewer loaded. */
  findById(id: string, manager?: EntityManager): Promise<Article | null> {
    if (!UUID_PATTERN.test(id)) return Promise.resolve(null);
    return this.m(manager)
      .getRepository(Article)
      .findOne({
        where: { id },
        relations: { department: true, owner: true, lastReviewedBy: true },
      });
  }

  /** By id, current slug or a retired slug. */
  async findByRef(ref: string, manager?: EntityManager): Promise<Article | null> {
    if (UUID_PATTERN.test(ref)) return this.findById(ref, manager);
    const repo = this.m(manager).getRepository(Article);
    const relations = { department: true, owner: true, lastReviewedBy: true };
    const current = await repo.findOne({ where: { slug: ref }, relations });
    if (current) return current;
    const old = await this.m(manager).getRepository(ArticleSlug).findOneBy({ slug: ref });
    return old ? this.findById(old.articleId, manager) : null;
  }

  findByExternalId(externalId: string, manager?: EntityManager): Promise<Article | null> {
    return this.m(manager).getRepository(Article).findOneBy({ externalId });
  }

  /** Row lock for the rest of the transaction; relations are loaded separately (FOR UPDATE cannot cross outer joins). */
  async lock(manager: EntityManager, id: string): Promise<Article | null> {
    if (!UUID_PATTERN.test(id)) return null;
    const row = await manager
      .getRepository(Article)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.id = :id', { id })
      .getOne();
    return row ? this.findById(id, manager) : null;
  }

  /** Saves and, in the same transaction, records the change in the outbox that search (and others) drain. */
  async save(manager: EntityManager, article: Article): Promise<Article> {
    const saved = await manager.getRepository(Article).save(article);
    await manager.query('INSERT INTO article_outbox (article_id) VALUES ($1)', [article.id]);
    return saved;
  }

  /** Whether another article uses this slug now or used it before. */
  async slugInUse(manager: EntityManager, slug: string, exceptArticleId?: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM articles WHERE slug = $1 AND id IS DISTINCT FROM $2::uuid
       UNION ALL SELECT 1 FROM article_slugs WHERE slug = $1 AND article_id IS DISTINCT FROM $2::uuid LIMIT 1`,
      [slug, exceptArticleId ?? null],
    );
    return rows.length > 0;
  }

  /** Keeps the old slug for redirects; an article taking back one of its own old slugs frees it. */
  async retireSlug(manager: EntityManager, articleId: string, oldSlug: string, newSlug: string): Promise<void> {
    await manager.delete(ArticleSlug, { slug: newSlug, articleId });
    await manager.insert(ArticleSlug, { slug: oldSlug, articleId });
  }

  async oldSlugs(articleId: string): Promise<string[]> {
    const rows = await this.dataSource.getRepository(ArticleSlug).find({ where: { articleId }, order: { retiredAt: 'ASC' } });
    return rows.map((r) => r.slug);
  }

  async existingIds(ids: string[], manager?: EntityManager): Promise<Set<string>> {
    const valid = ids.filter((id) => UUID_PATTERN.test(id));
    if (valid.length === 0) return new Set();
    const rows = await this.m(manager)
      .getRepository(Article)
      .find({ select: { id: true }, where: { id: In(valid) } });
    return new Set(rows.map((r) => r.id));
  }

  insertVersion(manager: EntityManager, version: Partial<ArticleVersion>): Promise<ArticleVersion> {
    return manager.getRepository(ArticleVersion).save(manager.getRepository(ArticleVersion).create(version));
  }

  listVersions(articleId: string): Promise<ArticleVersion[]> {
    return this.dataSource.getRepository(ArticleVersion).find({
      where: { articleId },
      relations: { author: true, approvedBy: true },
      order: { number: 'DESC' },
    });
  }

  findVersion(articleId: string, number: number, manager?: EntityManager): Promise<ArticleVersion | null> {
    return this.m(manager)
      .getRepository(ArticleVersion)
      .findOne({
        where: { articleId, number },
        relations: { author: true, approvedBy: true },
      });
  }

  async insertEvent(manager: EntityManager, event: Partial<ArticleEvent>): Promise<void> {
    await manager.getRepository(ArticleEvent).save(manager.getRepository(ArticleEvent).create(event));
  }

  listEvents(articleId: string): Promise<ArticleEvent[]> {
    return this.dataSource.getRepository(ArticleEvent).find({ where: { articleId }, order: { id: 'ASC' } });
  }

  count(): Promise<number> {
    return this.dataSource.getRepository(Article).count();
  }

  /** Newest change first; keyset pagination on (updated_at, id). */
  async list(filter: ArticleListFilter): Promise<{ items: Article[]; nextCursor: string | null }> {
    const qb = this.dataSource
      .getRepository(Article)
      .createQueryBuilder('a')
      .innerJoinAndSelect('a.department', 'department')
      .leftJoinAndSelect('a.owner', 'owner')
      .orderBy('a.updatedAt', 'DESC')
      .addOrderBy('a.id', 'DESC')
      // Only many-to-one joins, so LIMIT is exact (no row multiplication).
      .limit(filter.limit + 1);
    if (filter.departmentId) qb.andWhere('a.department_id = :departmentId', { departmentId: filter.departmentId });
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    if (filter.kind) qb.andWhere('a.kind = :kind', { kind: filter.kind });
    if (filter.ownerId) qb.andWhere('a.owner_id = :ownerId', { ownerId: filter.ownerId });
    if (filter.reviewDue) {
      qb.andWhere(`a.status <> 'archived' AND a.published_version IS NOT NULL`);
      if (filter.reviewDue === 'overdue') qb.andWhere('a.review_due_at <= :now', { now: filter.now });
      else
        qb.andWhere('a.review_due_at > :now AND a.review_due_at <= :soon', {
          now: filter.now,
          soon: addDays(filter.now, REVIEW_SOON_DAYS),
        });
    }
    if (filter.q?.trim()) {
      const like = `%${filter.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(new Brackets((w) => w.where('a.title ILIKE :like', { like }).orWhere(`a.content->>'summary' ILIKE :like`, { like })));
    }
    if (filter.cursor) {
      const cursor = decodeCursor(filter.cursor);
      qb.andWhere('(a.updated_at, a.id) < (:cursorAt, :cursorId)', { cursorAt: cursor.at, cursorId: cursor.id });
    }
    return pageOf(await qb.getMany(), filter.limit, (a) => a.updatedAt);
  }
}

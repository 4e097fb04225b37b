import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { lockingQuery } from '../common/persistence/row-lock';
import { ArticleNationalSource } from './article-national-source.entity';
import { NationalItem, NationalItemVersion } from './national-item.entity';
import { CloseReason, SourceChangeTask } from './source-change-task.entity';

export interface NationalItemSummary {
  uri: string;
  title: string;
  version: string;
  changedAt: Date;
  linkedArticles: number;
}

/** All SQL about national items, their versions, the articles built on them and the bronwijzigingen. */
@Injectable()
export class NationalContentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  // --- national items ---------------------------------------------------------------------------

  /** The item with this URI, created when new, locked for the rest of the transaction. */
  async lockItem(manager: EntityManager, uri: string, now: Date): Promise<NationalItem> {
    await manager.query(`INSERT INTO national_items (uri, created_at) VALUES ($1, $2) ON CONFLICT (uri) DO NOTHING`, [uri, now]);
    return lockingQuery(manager, NationalItem, 'i').where('i.uri = :uri', { uri }).getOneOrFail();
  }

  findItem(uri: string): Promise<NationalItem | null> {
    return this.m()
      .getRepository(NationalItem)
      .findOne({ where: { uri }, relations: { currentVersion: true } });
  }

  findItemById(id: string, manager?: EntityManager): Promise<NationalItem | null> {
    return this.m(manager)
      .getRepository(NationalItem)
      .findOne({ where: { id }, relations: { currentVersion: true } });
  }

  findVersion(manager: EntityManager, itemId: string, version: string, contentHash: string): Promise<NationalItemVersion | null> {
    return manager.getRepository(NationalItemVersion).findOneBy({ itemId, version, contentHash });
  }

  /** The latest received version with this label (a label may have been re-issued with other text). */
  findVersionByLabel(itemId: string, version: string): Promise<NationalItemVersion | null> {
    return this.m()
      .getRepository(NationalItemVersion)
      .findOne({ where: { itemId, version }, order: { receivedAt: 'DESC' } });
  }

  async versions(ids: string[]): Promise<Map<string, NationalItemVersion>> {
    if (ids.length === 0) return new Map();
    const rows = await this.m()
      .getRepository(NationalItemVersion)
      .findBy({ id: In([...new Set(ids)]) });
    return new Map(rows.map((v) => [v.id, v]));
  }

  insertVersion(manager: EntityManager, values: Omit<NationalItemVersion, 'id' | 'item'>): Promise<NationalItemVersion> {
    const repo = manager.getRepository(NationalItemVersion);
    return repo.save(repo.create(values));
  }

  async setCurrent(manager: EntityManager, itemId: string, versionId: string): Promise<void> {
    await manager.update(NationalItem, { id: itemId }, { currentVersionId: versionId });
  }

  async listItems(q: string | undefined, limit: number): Promise<NationalItemSummary[]> {
    const like = q?.trim() ? `%${q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    return this.dataSource.query(
      `SELECT i.uri, v.title, v.version, v.changed_at AS "changedAt",
         (SELECT count(*)::int FROM article_national_sources s WHERE s.item_id = i.id) AS "linkedArticles"
       FROM national_items i JOIN national_item_versions v ON v.id = i.current_version_id
       WHERE $1::text IS NULL OR v.title ILIKE $1 OR i.uri ILIKE $1
       ORDER BY v.title, i.uri LIMIT $2`,
      [like, limit],
    );
  }

  // --- links ------------------------------------------------------------------------------------

  findLink(articleId: string, manager?: EntityManager): Promise<ArticleNationalSource | null> {
    return this.m(manager).getRepository(ArticleNationalSource).findOneBy({ articleId });
  }

  /** Locked, so a feed and an editor relinking the same article take turns. */
  lockLink(manager: EntityManager, articleId: string): Promise<ArticleNationalSource | null> {
    return lockingQuery(manager, ArticleNationalSource, 's').where('s.article_id = :articleId', { articleId }).getOne();
  }

  /** Locked, see `lockLink`. */
  linksToItem(manager: EntityManager, itemId: string): Promise<ArticleNationalSource[]> {
    return lockingQuery(manager, ArticleNationalSource, 's').where('s.item_id = :itemId', { itemId }).orderBy('s.article_id').getMany();
  }

  saveLink(manager: EntityManager, link: ArticleNationalSource): Promise<ArticleNationalSource> {
    return manager.getRepository(ArticleNationalSource).save(link);
  }

  async deleteLink(manager: EntityManager, articleId: string): Promise<void> {
    await manager.delete(ArticleNationalSource, { articleId });
  }

  async alignLinks(manager: EntityManager, articleIds: string[], versionIds: string[]): Promise<void> {
    await manager.query(
      `UPDATE article_national_sources s SET aligned_version_id = t.version_id
       FROM unnest($1::uuid[], $2::uuid[]) AS t(article_id, version_id) WHERE s.article_id = t.article_id`,
      [articleIds, versionIds],
    );
  }

  // --- bronwijzigingen ----------------------------------------------------------------------------

  openTask(articleId: string, manager?: EntityManager): Promise<SourceChangeTask | null> {
    return this.m(manager).getRepository(SourceChangeTask).findOneBy({ articleId, closedAt: IsNull() });
  }

  /** Open tasks, oldest first; all of them or those of the given articles. */
  openTasks(articleIds?: string[]): Promise<SourceChangeTask[]> {
    return this.m()
      .getRepository(SourceChangeTask)
      .find({
        where: { closedAt: IsNull(), ...(articleIds ? { articleId: In(articleIds) } : {}) },
        order: { createdAt: 'ASC', id: 'ASC' },
      });
  }

  /** Inserts unless this article already has a task for this version (replayed feed): null then. */
  async insertTask(
    manager: EntityManager,
    values: Pick<SourceChangeTask, 'articleId' | 'fromVersionId' | 'toVersionId' | 'articleVersion' | 'routedTo' | 'createdAt'>,
  ): Promise<SourceChangeTask | null> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO source_change_tasks (article_id, from_version_id, to_version_id, article_version, routed_to, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (article_id, to_version_id) DO NOTHING RETURNING id`,
      [values.articleId, values.fromVersionId, values.toVersionId, values.articleVersion, values.routedTo, values.createdAt],
    );
    return rows.length ? manager.getRepository(SourceChangeTask).findOneByOrFail({ id: rows[0].id }) : null;
  }

  /**
   * For an editor linking an article to an older version: the task for (article, version) is made,
   * or reopened when it was closed before — the editor says the article does not agree after all.
   */
  async openTaskFor(
    manager: EntityManager,
    values: Pick<SourceChangeTask, 'articleId' | 'fromVersionId' | 'toVersionId' | 'articleVersion' | 'routedTo' | 'createdAt'>,
  ): Promise<SourceChangeTask> {
    await manager.query(
      `INSERT INTO source_change_tasks (article_id, from_version_id, to_version_id, article_version, routed_to, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (article_id, to_version_id) DO UPDATE SET from_version_id = EXCLUDED.from_version_id, article_version = EXCLUDED.article_version,
         routed_to = EXCLUDED.routed_to, created_at = EXCLUDED.created_at, notified_at = NULL, closed_at = NULL, closed_reason = NULL, closed_by_id = NULL`,
      [values.articleId, values.fromVersionId, values.toVersionId, values.articleVersion, values.routedTo, values.createdAt],
    );
    return manager.getRepository(SourceChangeTask).findOneByOrFail({ articleId: values.articleId, toVersionId: values.toVersionId });
  }

  async closeTasks(manager: EntityManager, ids: string[], reason: CloseReason, at: Date, byId: string | null): Promise<void> {
    if (ids.length === 0) return;
    await manager.update(SourceChangeTask, { id: In(ids), closedAt: IsNull() }, { closedAt: at, closedReason: reason, closedById: byId });
  }

  async markNotified(id: string, at: Date): Promise<void> {
    await this.m().update(SourceChangeTask, { id }, { notifiedAt: at });
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}

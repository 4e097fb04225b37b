import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { ArticleVersion } from './article-version.entity';
import { Article } from './article.entity';
import { isLive, LIVE_ARTICLE_SQL } from './live-article';

/** A live article: its stewardship data plus the published version that agents and the website see. */
export interface LiveArticle {
  article: Article;
  version: ArticleVersion;
}

/**
 * Read access to articles for the modules outside articles/ (search, catalogue, analytics, link
 * check): they ask here instead of querying the table. "Live" is {@link isLive}: a published version
 * and not archived; a pending revision does not change that.
 */
@Injectable()
export class PublishedArticlesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The live ones among `ids`; ids of drafts, archived or deleted articles are simply absent. */
  async findLive(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<LiveArticle[]> {
    if (ids.length === 0) return [];
    const articles = await manager.getRepository(Article).find({
      where: { id: In(ids) },
      relations: { department: true },
    });
    const live = articles.filter((a) => isLive(a));
    if (live.length === 0) return [];
    const versions: ArticleVersion[] = await manager
      .getRepository(ArticleVersion)
      .createQueryBuilder('v')
      .innerJoin(Article, 'a', 'a.id = v.article_id AND a.published_version = v.number')
      .where('v.article_id IN (:...ids)', { ids: live.map((a) => a.id) })
      .getMany();
    const byArticle = new Map(versions.map((v) => [v.articleId, v]));
    return live.filter((a) => byArticle.has(a.id)).map((article) => ({ article, version: byArticle.get(article.id)! }));
  }

  /** Ids of live articles in id order, a page at a time (full reindex). */
  async liveIdsAfter(afterId: string | null, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM articles
       WHERE ${LIVE_ARTICLE_SQL()} AND ($1::uuid IS NULL OR id > $1::uuid)
       ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map((r) => r.id);
  }

  /** How many articles are live right now. */
  async countLive(): Promise<number> {
    const [row]: { n: number }[] = await this.dataSource.query(`SELECT count(*)::int AS n FROM articles WHERE ${LIVE_ARTICLE_SQL()}`);
    return row.n;
  }

  /** The department an article is in now, live or not (null for an unknown article). */
  async departmentIdOf(articleId: string): Promise<string | null> {
    const [row]: { department_id: string }[] = await this.dataSource.query(`SELECT department_id FROM articles WHERE id = $1`, [articleId]);
    return row?.department_id ?? null;
  }

  /** Which of `ids` are live right now (a cheap guard on results from an index that may lag). */
  async liveIds(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM articles WHERE id = ANY($1::uuid[]) AND ${LIVE_ARTICLE_SQL()}`,
      [ids],
    );
    return new Set(rows.map((r) => r.id));
  }
}

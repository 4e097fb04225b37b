import { Injectable } from '@nestjs/common';
import { ArticleNotFoundError } from '../articles/articles.errors';
import { ArticlesService } from '../articles/articles.service';
import { PublishedArticlesService } from '../articles/published-articles.service';
import { Department } from '../departments/department.entity';
import { DepartmentsService } from '../departments/departments.service';

/** What this module needs to know about an article it links to, read through the articles services. */
export interface ArticleFacts {
  id: string;
  title: string;
  live: boolean;
  /** archived: nothing left to keep in step with the national text */
  archived: boolean;
  publishedVersion: number | null;
  lastReviewedAt: Date | null;
  ownerId: string | null;
  department: Department;
}

/** Batches live articles through PublishedArticlesService; drafts and archived ones one by one. */
@Injectable()
export class ArticleFactsReader {
  constructor(
    private readonly published: PublishedArticlesService,
    private readonly articles: ArticlesService,
    private readonly departments: DepartmentsService,
  ) {}

  /** Facts per article id; ids of articles that no longer exist are absent. */
  async read(ids: string[]): Promise<Map<string, ArticleFacts>> {
    const unique = [...new Set(ids)];
    const facts = new Map<string, ArticleFacts>();
    for (const { article, version } of await this.published.findLive(unique)) {
      facts.set(article.id, {
        id: article.id,
        title: version.content.title,
        live: true,
        archived: false,
        publishedVersion: article.publishedVersion,
        lastReviewedAt: article.lastReviewedAt,
        ownerId: article.ownerId,
        department: article.department!,
      });
    }
    const rest = unique.filter((id) => !facts.has(id));
    if (rest.length === 0) return facts;
    const departments = new Map((await this.departments.list()).map((d) => [d.id, d]));
    for (const id of rest) {
      const article = await this.articles.get(id).catch((error: unknown) => {
        if (error instanceof ArticleNotFoundError) return null;
        throw error;
      });
      if (!article) continue;
      facts.set(id, {
        id,
        title: article.title,
        live: false,
        archived: article.status === 'archived',
        publishedVersion: article.publishedVersion,
        lastReviewedAt: article.review.lastReviewedAt ? new Date(article.review.lastReviewedAt) : null,
        ownerId: article.owner?.id ?? null,
        department: departments.get(article.department.id)!,
      });
    }
    return facts;
  }

  /** One article by id or slug; 404 when there is none. */
  async one(ref: string): Promise<ArticleFacts> {
    const article = await this.articles.get(ref);
    const facts = (await this.read([article.id])).get(article.id);
    if (!facts) throw new ArticleNotFoundError(ref);
    return facts;
  }
}

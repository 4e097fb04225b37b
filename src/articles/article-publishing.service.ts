import { Inject, Injectable } from '@nestjs/common';
import { articleAccess } from '../auth/article-access.policy';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { accessSubject } from './article-access';
import { EntityManager } from 'typeorm';
import type { Actor } from '../common/request-context/actor';
import { DepartmentsService } from '../departments/departments.service';
import { Article } from './article.entity';
import { ArticleCommandRunner } from './article-command.runner';
import { ArticlesRepository } from './articles.repository';
import { ArticleVersioning, markReviewed } from './article-versioning';

/** Submit, approve, reject, archive and "inhoud gecontroleerd": the editorial workflow's commands. */
@Injectable()
export class ArticlePublishingService {
  constructor(
    private readonly runner: ArticleCommandRunner,
    private readonly articles: ArticlesRepository,
    private readonly departments: DepartmentsService,
    private readonly versioning: ArticleVersioning,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  submit(actor: Actor, id: string, ifMatch?: string, note?: string): Promise<string> {
    return this.runner.run(
      actor,
      id,
      { action: 'submit', ifMatch, requireIfMatch: false, authorize: this.canEdit(actor) },
      async ({ article, now }) => {
        article.submittedAt = now;
        article.rejectionReason = null;
        if (note?.trim()) article.revisionNote = note.trim();
        return note ? { note } : {};
      },
    );
  }

  approve(actor: Actor, id: string, ifMatch?: string, note?: string): Promise<string> {
    const authorize = async (article: Article) => {
      const department = await this.departments.get(article.departmentId);
      articleAccess.assertCanApprove(actor, accessSubject(article), department.allowSelfApproval, !this.config.auth.open);
    };
    return this.runner.run(
      actor,
      id,
      { action: 'approve', ifMatch, requireIfMatch: false, authorize },
      async ({ manager, article, now }) => {
        const number = await this.publishVersion(manager, article, actor, now, article.revisionNote ?? note ?? '');
        return { version: number, ...(note ? { note } : {}) };
      },
    );
  }

  reject(actor: Actor, id: string, reason: string, ifMatch?: string): Promise<string> {
    return this.runner.run(
      actor,
      id,
      { action: 'reject', ifMatch, requireIfMatch: false, reason, authorize: () => articleAccess.assertCanReject(actor) },
      async ({ article }) => {
        article.rejectionReason = reason.trim();
        article.submittedAt = null;
        return { reason: reason.trim() };
      },
    );
  }

  archive(actor: Actor, id: string, ifMatch?: string, note?: string): Promise<string> {
    return this.runner.run(
      actor,
      id,
      { action: 'archive', ifMatch, requireIfMatch: false, authorize: this.canEdit(actor) },
      async ({ article, now }) => {
        article.archivedAt = now;
        return note ? { note } : {};
      },
    );
  }

  /** "Inhoud gecontroleerd": the live content is still right; moves the review date, no new version. */
  confirmReview(actor: Actor, id: string, ifMatch?: string, note?: string): Promise<string> {
    const authorize = (article: Article) => articleAccess.assertCanConfirmReview(actor, accessSubject(article));
    return this.runner.run(
      actor,
      id,
      { action: 'confirm_review', ifMatch, requireIfMatch: false, authorize },
      async ({ manager, article, now }) => {
        const previousDueAt = article.reviewDueAt?.toISOString() ?? null;
        await this.markReviewed(manager, article, actor, now);
        return { previousDueAt, reviewDueAt: article.reviewDueAt!.toISOString(), ...(note ? { note } : {}) };
      },
    );
  }

  /** Editors of the article's department, or a coordinator. */
  canEdit(actor: Actor): (article: Article) => void {
    return (article) => articleAccess.assertCanEditIn(actor, article.department!.slug);
  }

  /** Freezes the working copy as the next version and makes it live (ArticleVersioning), inside the caller's transaction. */
  async publishVersion(manager: EntityManager, article: Article, actor: Actor, now: Date, reason: string): Promise<number> {
    const department = await this.departments.get(article.departmentId, manager);
    const version = this.versioning.freeze(article, actor.userId, now, reason, department.reviewIntervalDays);
    await this.articles.insertVersion(manager, version);
    return version.number;
  }

  private async markReviewed(manager: EntityManager, article: Article, actor: Actor, now: Date): Promise<void> {
    const department = await this.departments.get(article.departmentId, manager);
    markReviewed(article, actor.userId, now, department.reviewIntervalDays);
  }
}

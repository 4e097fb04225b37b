import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { canApprove, canConfirmReview, canEdit, canReject } from './article-access';
import { EntityManager } from 'typeorm';
import type { Actor } from '../common/request-context/actor';
import { DepartmentsService } from '../departments/departments.service';
import { Article } from './article.entity';
import { ArticleCommandRunner } from './article-command.runner';
import { ALTERNATIVE_QUESTIONS_MAX, type ArticleContent, cleanQuestions, contentHash, questionKey } from './article-content';
import { ArticlesRepository } from './articles.repository';
import { ArticleVersioning, markReviewed } from './article-versioning';
import { ArticleNotFoundError, ArticleNotPublishedError, InvalidArticleContentError } from './articles.errors';
import { isLive } from './live-article';

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
      { action: 'submit', ifMatch, requireIfMatch: false, authorize: canEdit(actor) },
      ({ article, now }) => {
        article.submittedAt = now;
        article.rejectionReason = null;
        if (note?.trim()) article.revisionNote = note.trim();
        return note ? { note } : {};
      },
    );
  }

  approve(actor: Actor, id: string, ifMatch?: string, note?: string): Promise<string> {
    const allowSelfApproval = async (article: Article) => (await this.departments.get(article.departmentId)).allowSelfApproval;
    const authorize = canApprove(actor, allowSelfApproval, !this.config.auth.open);
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
      { action: 'reject', ifMatch, requireIfMatch: false, reason, authorize: canReject(actor) },
      ({ article }) => {
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
      { action: 'archive', ifMatch, requireIfMatch: false, authorize: canEdit(actor) },
      ({ article, now }) => {
        article.archivedAt = now;
        return note ? { note } : {};
      },
    );
  }

  /** "Inhoud gecontroleerd": the live content is still right; moves the review date, no new version. */
  confirmReview(actor: Actor, id: string, ifMatch?: string, note?: string): Promise<string> {
    return this.runner.run(
      actor,
      id,
      { action: 'confirm_review', ifMatch, requireIfMatch: false, authorize: canConfirmReview(actor) },
      async ({ manager, article, now }) => {
        const previousDueAt = article.reviewDueAt?.toISOString() ?? null;
        await this.markReviewed(manager, article, actor, now);
        return { previousDueAt, reviewDueAt: article.reviewDueAt!.toISOString(), ...(note ? { note } : {}) };
      },
    );
  }

  /** Freezes the working copy as the next version and makes it live (ArticleVersioning), inside the caller's transaction. */
  async publishVersion(manager: EntityManager, article: Article, actor: Actor, now: Date, reason: string): Promise<number> {
    const department = await this.departments.get(article.departmentId, manager);
    const version = this.versioning.freeze(article, actor.userId, now, reason, department.reviewIntervalDays);
    await this.articles.insertVersion(manager, version);
    return version.number;
  }

  /**
   * Adds a question variant to the live content as the next version, inside the caller's transaction
   * (a coordinator accepted it from agents' searches: that decision is the review, so no draft and no
   * new review cycle). A revision in progress keeps its status and gets the variant too, so approving
   * it later does not drop it. Null when the live version has it already. The caller signals the
   * change after commit ({@link ArticleChangeSignal}).
   */
  async addQuestionVariant(manager: EntityManager, actor: Actor, id: string, question: string, reason: string): Promise<number | null> {
    const article = await this.articles.lock(manager, id);
    if (!article) throw new ArticleNotFoundError(id);
    if (!isLive(article)) throw new ArticleNotPublishedError(id);
    const live = await this.articles.findVersion(article.id, article.publishedVersion, manager);
    if (!live) throw new ArticleNotPublishedError(id);
    const content = withQuestion(live.content, question);
    if (!content) return null;
    const version = this.versioning.render(article, content, actor.userId, actor.userId, reason);
    const number = version.number;
    await this.articles.insertVersion(manager, version);
    article.latestVersion = number;
    article.publishedVersion = number;
    const working = article.status === 'published' ? content : (withQuestion(article.content, question) ?? article.content);
    article.content = working;
    article.contentHash = contentHash(working);
    await this.articles.save(manager, article);
    await this.articles.insertEvent(manager, {
      articleId: article.id,
      action: 'add_question_variant',
      fromStatus: article.status,
      toStatus: article.status,
      actorId: actor.userId,
      version: number,
      details: { question, reason },
    });
    return number;
  }

  private async markReviewed(manager: EntityManager, article: Article, actor: Actor, now: Date): Promise<void> {
    const department = await this.departments.get(article.departmentId, manager);
    markReviewed(article, actor.userId, now, department.reviewIntervalDays);
  }
}

/** The content with one more question variant; null when it has it already; 400 when the list is full. */
function withQuestion(content: ArticleContent, question: string): ArticleContent | null {
  const current = content.alternativeQuestions ?? [];
  if (current.some((q) => questionKey(q) === questionKey(question))) return null;
  const alternativeQuestions = cleanQuestions([...current, question]);
  if (alternativeQuestions.length > ALTERNATIVE_QUESTIONS_MAX)
    throw new InvalidArticleContentError([
      { field: 'alternativeQuestions', code: 'TOO_MANY', message: `at most ${ALTERNATIVE_QUESTIONS_MAX} question variants per article` },
    ]);
  return { ...content, alternativeQuestions };
}

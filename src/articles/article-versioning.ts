import { Injectable } from '@nestjs/common';
import type { User } from '../users/user.entity';
import type { Article } from './article.entity';
import { contentHash } from './article-content';
import type { ArticleVersion } from './article-version.entity';
import { MarkdownRenderer, type RenderedContent } from './markdown/markdown-renderer';
import { addDays, effectiveReviewInterval } from './review-interval';

/** What a version stores of its content besides the content itself: computed once, kept with the version. */
export interface RenderedVersion {
  rendered: RenderedContent;
  plainText: string;
}

/** What the caller already computed from exactly the content being frozen. */
export interface KnownFromContent {
  hash?: string;
  rendered?: RenderedVersion;
}

/**
 * What approving a working copy does to it, without I/O: freeze it as the next immutable version
 * (rendered once), make that version live and start a new review cycle. The caller writes the
 * returned version row, one at a time (approve) or many per statement (a bulk import).
 */
@Injectable()
export class ArticleVersioning {
  constructor(private readonly renderer: MarkdownRenderer) {}

  /**
   * Changes `article` and returns the version row to insert. `departmentIntervalDays` is the department's
   * review interval; `known`, what the caller has just computed from `article.content` (its hash, its rendering).
   */
  freeze(
    article: Article,
    approverId: string,
    now: Date,
    reason: string,
    departmentIntervalDays: number | null,
    known: KnownFromContent = {},
  ): Partial<ArticleVersion> & { number: number } {
    const version = this.render(article, article.content, article.revisionAuthorId ?? approverId, approverId, reason, known);
    const number = version.number;
    article.latestVersion = number;
    article.publishedVersion = number;
    article.status = 'published';
    article.revisionAuthorId = null;
    article.revisionNote = null;
    article.rejectionReason = null;
    article.submittedAt = null;
    article.archivedAt = null;
    markReviewed(article, approverId, now, departmentIntervalDays);
    return version;
  }

  /** The next version row of `article` with this content, rendered once; the article's own state is the caller's. */
  render(
    article: Article,
    content: Article['content'],
    authorId: string,
    approverId: string,
    reason: string,
    known: KnownFromContent = {},
  ): Partial<ArticleVersion> & { number: number } {
    const { rendered, plainText } = known.rendered ?? this.renderVersion(article.kind, content);
    return {
      articleId: article.id,
      number: article.latestVersion + 1,
      content,
      rendered,
      plainText,
      contentHash: known.hash ?? contentHash(content),
      reason,
      authorId,
      approvedById: approverId,
    };
  }

  /** The rendering a version of this content stores (pure; a bulk import computes it ahead of its batch). */
  renderVersion(kind: Article['kind'], content: Article['content']): RenderedVersion {
    const rendered = this.renderer.renderContent(kind, content);
    return { rendered, plainText: this.renderer.publicText(content, rendered) };
  }
}

/** "Inhoud gecontroleerd" (and every approval): the next review falls one interval from now. */
export function markReviewed(article: Article, reviewerId: string, now: Date, departmentIntervalDays: number | null): void {
  const interval = effectiveReviewInterval(article.kind, article.reviewIntervalDays, departmentIntervalDays);
  article.reviewDueAt = addDays(now, interval);
  article.lastReviewedAt = now;
  article.lastReviewedById = reviewerId;
  article.lastReviewedBy = { id: reviewerId } as User;
}

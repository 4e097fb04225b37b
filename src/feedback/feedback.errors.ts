import { DomainError, InvalidFieldError, modifiedError, notFoundError } from '../common/errors/domain-error';

export enum FeedbackErrorCode {
  NotFound = 'FEEDBACK_NOT_FOUND',
  ArticleNotPublished = 'ARTICLE_NOT_PUBLISHED',
  InvalidSection = 'INVALID_SECTION',
  Modified = 'FEEDBACK_MODIFIED',
}

export class FeedbackNotFoundError extends notFoundError(FeedbackErrorCode.NotFound, 'feedback') {}

/** Agents report on what they read: only a live article can get feedback. */
export class FeedbackArticleNotPublishedError extends DomainError {
  constructor(articleId: string) {
    super('not_found', FeedbackErrorCode.ArticleNotPublished, `Article ${JSON.stringify(articleId)} is not published`);
  }
}

export class InvalidFeedbackSectionError extends InvalidFieldError {
  constructor(section: string, allowed: string[]) {
    const message = `This article has no section ${JSON.stringify(section)}`;
    super(FeedbackErrorCode.InvalidSection, message, 'section', `must be one of: ${allowed.join(', ')}`, { allowedSections: allowed });
  }
}

export class FeedbackModifiedError extends modifiedError(FeedbackErrorCode.Modified, 'This feedback') {}

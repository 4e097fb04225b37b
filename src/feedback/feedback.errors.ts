import { DomainError } from '../common/errors/domain-error';

export enum FeedbackErrorCode {
  NotFound = 'FEEDBACK_NOT_FOUND',
  ArticleNotPublished = 'ARTICLE_NOT_PUBLISHED',
  InvalidSection = 'INVALID_SECTION',
  Modified = 'FEEDBACK_MODIFIED',
}

export class FeedbackNotFoundError extends DomainError {
  constructor(id: string) {
    super('not_found', FeedbackErrorCode.NotFound, `No feedback ${JSON.stringify(id)}`);
  }
}

/** Agents report on what they read: only a live article can get feedback. */
export class FeedbackArticleNotPublishedError extends DomainError {
  constructor(articleId: string) {
    super('not_found', FeedbackErrorCode.ArticleNotPublished, `Article ${JSON.stringify(articleId)} is not published`);
  }
}

export class InvalidFeedbackSectionError extends DomainError {
  constructor(section: string, allowed: string[]) {
    super(
      'invalid',
      FeedbackErrorCode.InvalidSection,
      `This article has no section ${JSON.stringify(section)}`,
      { allowedSections: allowed },
      [{ field: 'section', code: FeedbackErrorCode.InvalidSection, message: `must be one of: ${allowed.join(', ')}` }],
    );
  }
}

export class FeedbackModifiedError extends DomainError {
  constructor(currentEtag: string) {
    super(
      'precondition_failed',
      FeedbackErrorCode.Modified,
      'This feedback was changed by someone else since you loaded it; reload and try again',
      {
        currentEtag,
      },
    );
  }
}

import { InvalidFieldError, modifiedError, notFoundError } from '../common/errors/domain-error';

export enum ContentGapErrorCode {
  NotFound = 'CONTENT_GAP_NOT_FOUND',
  ArticleNotPublished = 'ARTICLE_NOT_PUBLISHED',
  Modified = 'CONTENT_GAP_MODIFIED',
}

export class ContentGapNotFoundError extends notFoundError(ContentGapErrorCode.NotFound, 'content gap') {}

/** A gap is answered by what agents can find: a live article. */
export class AnsweringArticleNotPublishedError extends InvalidFieldError {
  constructor(articleId: string) {
    const message = `Article ${JSON.stringify(articleId)} is not published`;
    super(ContentGapErrorCode.ArticleNotPublished, message, 'articleId', 'must be a published article');
  }
}

export class ContentGapModifiedError extends modifiedError(ContentGapErrorCode.Modified, 'This content gap') {}

import { DomainError } from '../common/errors/domain-error';

export enum ContentGapErrorCode {
  NotFound = 'CONTENT_GAP_NOT_FOUND',
  ArticleNotPublished = 'ARTICLE_NOT_PUBLISHED',
  Modified = 'CONTENT_GAP_MODIFIED',
}

export class ContentGapNotFoundError extends DomainError {
  constructor(id: string) {
    super('not_found', ContentGapErrorCode.NotFound, `No content gap ${JSON.stringify(id)}`);
  }
}

/** A gap is answered by what agents can find: a live article. */
export class AnsweringArticleNotPublishedError extends DomainError {
  constructor(articleId: string) {
    super('invalid', ContentGapErrorCode.ArticleNotPublished, `Article ${JSON.stringify(articleId)} is not published`, {}, [
      { field: 'articleId', code: ContentGapErrorCode.ArticleNotPublished, message: 'must be a published article' },
    ]);
  }
}

export class ContentGapModifiedError extends DomainError {
  constructor(currentEtag: string) {
    super(
      'precondition_failed',
      ContentGapErrorCode.Modified,
      'This content gap was changed by someone else since you loaded it; reload and try again',
      { currentEtag },
    );
  }
}

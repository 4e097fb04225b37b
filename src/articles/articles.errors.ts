import { DomainError, FieldProblem, modifiedError, notFoundError, ValueTakenError } from '../common/errors/domain-error';
import type { WorkflowAction } from './article-workflow';

export enum ArticleErrorCode {
  NotFound = 'ARTICLE_NOT_FOUND',
  VersionNotFound = 'ARTICLE_VERSION_NOT_FOUND',
  NotPublished = 'ARTICLE_NOT_PUBLISHED',
  SlugTaken = 'ARTICLE_SLUG_TAKEN',
  ExternalIdTaken = 'ARTICLE_EXTERNAL_ID_TAKEN',
  PreconditionFailed = 'ARTICLE_MODIFIED',
  PreconditionRequired = 'IF_MATCH_REQUIRED',
  InvalidContent = 'ARTICLE_CONTENT_INVALID',
}

export class ArticleNotFoundError extends notFoundError(ArticleErrorCode.NotFound, 'article') {}

export class ArticleVersionNotFoundError extends DomainError {
  constructor(articleId: string, number: number | string) {
    super('not_found', ArticleErrorCode.VersionNotFound, `Article ${articleId} has no version ${number}`);
  }
}

export class ArticleNotPublishedError extends DomainError {
  constructor(articleId: string) {
    super('not_found', ArticleErrorCode.NotPublished, `Article ${articleId} has no published version`);
  }
}

export class ArticleSlugTakenError extends ValueTakenError {
  constructor(slug: string) {
    super(ArticleErrorCode.SlugTaken, `The slug ${JSON.stringify(slug)} is already in use`, 'slug', 'article');
  }
}

export class ArticleExternalIdTakenError extends ValueTakenError {
  constructor(externalId: string) {
    const message = `An article with externalId ${JSON.stringify(externalId)} already exists`;
    super(ArticleErrorCode.ExternalIdTaken, message, 'externalId', 'article');
  }
}

export class ArticleModifiedError extends modifiedError(
  ArticleErrorCode.PreconditionFailed,
  'The article',
  'reload, merge and try again',
) {}

export class IfMatchRequiredError extends DomainError {
  constructor() {
    super(
      'precondition_required',
      ArticleErrorCode.PreconditionRequired,
      'Send the If-Match header with the ETag you loaded, so concurrent edits cannot overwrite each other',
    );
  }
}

export class InvalidArticleContentError extends DomainError {
  constructor(fields: FieldProblem[]) {
    super('invalid', ArticleErrorCode.InvalidContent, 'The article content is not valid', {}, fields);
  }
}

/** A workflow action that is not possible from the article's current state (or without a reason). */
export class IllegalTransitionError extends DomainError {
  constructor(code: string, message: string, status: string, allowedActions: WorkflowAction[]) {
    const missingReason = code === 'REASON_REQUIRED';
    super(
      missingReason ? 'invalid' : 'conflict',
      code,
      message,
      { status, allowedActions },
      missingReason ? [{ field: 'reason', code: 'REQUIRED', message: 'a reason is required' }] : [],
    );
  }
}

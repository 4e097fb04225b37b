import { DomainError, notFoundError } from '../common/errors/domain-error';
import type { SuggestionStatus } from './learning-suggestion.entity';

export enum SearchLearningErrorCode {
  NotFound = 'LEARNING_SUGGESTION_NOT_FOUND',
  AlreadyDecided = 'LEARNING_SUGGESTION_DECIDED',
  ArticleNotLive = 'LEARNING_SUGGESTION_ARTICLE_NOT_LIVE',
}

export class SuggestionNotFoundError extends notFoundError(SearchLearningErrorCode.NotFound, 'learning suggestion') {}

/** A decision is final: accepting or rejecting twice (or both) is a conflict, not a no-op. */
export class SuggestionAlreadyDecidedError extends DomainError {
  constructor(status: SuggestionStatus) {
    super('conflict', SearchLearningErrorCode.AlreadyDecided, `This suggestion was ${status} already`, { status });
  }
}

/** A question variant goes into the live version; an article that was archived since cannot take it. */
export class SuggestionArticleNotLiveError extends DomainError {
  constructor(articleId: string) {
    super('conflict', SearchLearningErrorCode.ArticleNotLive, `Article ${articleId} has no live version to add the question to`, {
      articleId,
    });
  }
}

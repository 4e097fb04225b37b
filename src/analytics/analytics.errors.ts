import { DomainError } from '../common/errors/domain-error';

export enum AnalyticsErrorCode {
  SearchNotFound = 'SEARCH_NOT_FOUND',
}

export class SearchNotFoundError extends DomainError {
  constructor(queryId: string) {
    super('not_found', AnalyticsErrorCode.SearchNotFound, `No search ${queryId}`);
  }
}

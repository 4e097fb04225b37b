import { DomainError } from '../common/errors/domain-error';

export enum CatalogErrorCode {
  NotFound = 'CATALOG_ITEM_NOT_FOUND',
  Gone = 'CATALOG_ITEM_GONE',
}

/** No public product or FAQ has (or ever had) this slug. Drafts and internal articles answer this too. */
export class CatalogItemNotFoundError extends DomainError {
  constructor(kind: 'product' | 'faq', slug: string) {
    super('not_found', CatalogErrorCode.NotFound, `No public ${kind} ${JSON.stringify(slug)}`);
  }
}

/** It was in the catalogue and has been withdrawn (archived, or made internal): 410 so websites drop it. */
export class CatalogItemGoneError extends DomainError {
  constructor(kind: 'product' | 'faq', slug: string) {
    super('gone', CatalogErrorCode.Gone, `The ${kind} ${JSON.stringify(slug)} is no longer in the catalogue`);
  }
}

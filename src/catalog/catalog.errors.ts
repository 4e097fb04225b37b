import { DomainError } from '../common/errors/domain-error';

export enum CatalogErrorCode {
  NotFound = 'CATALOG_ITEM_NOT_FOUND',
  Gone = 'CATALOG_ITEM_GONE',
}

/** No public product or FAQ has (or ever had) this slug. Drafts and internal articles answer this too. */
export class CatalogItemNotFoundError extends DomainError {
  constructor(kind: 'product' | 'faq', ref: 'slug' | 'uuid' = 'slug') {
    super('not_found', CatalogErrorCode.NotFound, `No ${kind} in the catalogue has this ${ref}`);
  }
}

/** It was in the catalogue and has been withdrawn (archived, or made internal): 410 so websites drop it. */
export class CatalogItemGoneError extends DomainError {
  constructor(kind: 'product' | 'faq') {
    super('gone', CatalogErrorCode.Gone, `This ${kind} is no longer in the catalogue`);
  }
}

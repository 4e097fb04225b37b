import { DomainError, notFoundError } from '../common/errors/domain-error';

export enum StewardshipErrorCode {
  DeliveryNotFound = 'DELIVERY_NOT_FOUND',
  NotDeadLetter = 'DELIVERY_NOT_DEAD',
  NoRecipient = 'DELIVERY_NO_RECIPIENT',
}

export class DeliveryNotFoundError extends notFoundError(StewardshipErrorCode.DeliveryNotFound, 'dead letter') {}

/** Only dead letters can be retried; the others are being handled (or are done). */
export class NotDeadLetterError extends DomainError {
  constructor(id: string, status: string) {
    super('conflict', StewardshipErrorCode.NotDeadLetter, `Delivery ${id} is ${status}, not a dead letter`, { status });
  }
}

export class NoRecipientError extends DomainError {
  constructor(id: string) {
    super(
      'conflict',
      StewardshipErrorCode.NoRecipient,
      `Still nobody to send delivery ${id} to: give the article an active owner, the department coordinators, or set KENNISREGISSEUR_EMAIL`,
    );
  }
}

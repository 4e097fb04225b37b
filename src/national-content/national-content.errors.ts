import { DomainError, InvalidFieldError } from '../common/errors/domain-error';

export enum NationalContentErrorCode {
  NotLinked = 'NATIONAL_SOURCE_NOT_LINKED',
  UnknownSource = 'UNKNOWN_SOURCE',
  UnknownVersion = 'UNKNOWN_SOURCE_VERSION',
  NoSourceChange = 'NO_SOURCE_CHANGE',
}

export class NationalSourceNotLinkedError extends DomainError {
  constructor(articleId: string) {
    super('not_found', NationalContentErrorCode.NotLinked, `Article ${JSON.stringify(articleId)} does not build on a national source`);
  }
}

export class UnknownNationalSourceError extends InvalidFieldError {
  constructor(uri: string) {
    const message = `No national content with URI ${JSON.stringify(uri)}: import its feed first`;
    super(NationalContentErrorCode.UnknownSource, message, 'sourceUri', 'is not in the national content received so far');
  }
}

export class UnknownNationalVersionError extends InvalidFieldError {
  constructor(uri: string, version: string) {
    const message = `National content ${JSON.stringify(uri)} has no version ${JSON.stringify(version)}`;
    super(NationalContentErrorCode.UnknownVersion, message, 'sourceVersion', 'is not a version received for this source');
  }
}

/** Confirming needs a bronwijziging to confirm. */
export class NoSourceChangeError extends DomainError {
  constructor(articleId: string) {
    super(
      'conflict',
      NationalContentErrorCode.NoSourceChange,
      `The national source of article ${articleId} has not changed since it was last confirmed`,
    );
  }
}

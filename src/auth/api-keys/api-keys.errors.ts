import { DomainError, ValidationFailedError } from '../../common/errors/domain-error';

export class ApiKeyNotFoundError extends DomainError {
  constructor(id: string) {
    super('not_found', 'API_KEY_NOT_FOUND', `No API key ${JSON.stringify(id)}`);
  }
}

export class ApiKeyInvalidError extends ValidationFailedError {
  constructor(field: string, code: string, message: string) {
    super([{ field, code, message }]);
  }
}

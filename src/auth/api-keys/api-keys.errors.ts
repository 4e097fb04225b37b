import { notFoundError, ValidationFailedError } from '../../common/errors/domain-error';

export class ApiKeyNotFoundError extends notFoundError('API_KEY_NOT_FOUND', 'API key') {}

export class ApiKeyInvalidError extends ValidationFailedError {
  constructor(field: string, code: string, message: string) {
    super([{ field, code, message }]);
  }
}

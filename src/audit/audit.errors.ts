import { ValidationFailedError } from '../common/errors/domain-error';

export class InvalidAuditCursorError extends ValidationFailedError {
  constructor() {
    super([{ field: 'cursor', code: 'INVALID_CURSOR', message: 'is not a cursor this API handed out' }]);
  }
}

export class InvalidAuditPeriodError extends ValidationFailedError {
  constructor() {
    super([{ field: 'to', code: 'BEFORE_FROM', message: 'must not be before from' }]);
  }
}

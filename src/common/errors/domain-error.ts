/** How a domain error maps to HTTP; the global filter switches over this exhaustively. */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'precondition_failed'
  | 'precondition_required'
  | 'rate_limited'
  | 'unavailable';

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/**
 * Services throw these, never HttpException. `code` is stable and machine-readable
 * (e.g. ARTICLE_NOT_FOUND); `details` is merged into the response body.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationFailedError extends DomainError {
  constructor(fields: FieldProblem[], message = 'The request is not valid') {
    super('invalid', 'VALIDATION_FAILED', message, {}, fields);
  }
}

/**
 * The not-found error of one kind of record, looked up by id, slug or other reference (`No <what> "<ref>"`):
 * `export class FeedbackNotFoundError extends notFoundError(FeedbackErrorCode.NotFound, 'feedback') {}`.
 */
export function notFoundError(code: string, what: string) {
  return class extends DomainError {
    constructor(ref: string) {
      super('not_found', code, `No ${what} ${JSON.stringify(ref)}`);
    }
  };
}

/**
 * 412 for one kind of record: someone else changed it since the client loaded it (its ETag no longer
 * matches If-Match). `subject` starts the message (`This feedback`), `retry` ends it.
 */
export function modifiedError(code: string, subject: string, retry = 'reload and try again') {
  return class extends DomainError {
    constructor(currentEtag: string) {
      super('precondition_failed', code, `${subject} was changed by someone else since you loaded it; ${retry}`, { currentEtag });
    }
  };
}

/** 409 on a unique field: its value is already used by another record of the kind `what`. */
export class ValueTakenError extends DomainError {
  constructor(code: string, message: string, field: string, what: string) {
    super('conflict', code, message, {}, [{ field, code: 'TAKEN', message: `is already used by another ${what}` }]);
  }
}

/** 400 for one field whose value names something that does not fit; the field problem repeats the code. */
export class InvalidFieldError extends DomainError {
  constructor(code: string, message: string, field: string, fieldMessage: string, details: Record<string, unknown> = {}) {
    super('invalid', code, message, details, [{ field, code, message: fieldMessage }]);
  }
}

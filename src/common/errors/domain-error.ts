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

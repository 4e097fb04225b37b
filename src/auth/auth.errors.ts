import { DomainError } from '../common/errors/domain-error';

export enum AuthErrorCode {
  Unauthenticated = 'UNAUTHENTICATED',
  InvalidToken = 'INVALID_TOKEN',
  InvalidApiKey = 'INVALID_API_KEY',
  Forbidden = 'FORBIDDEN',
}

/** How a refused credential counts against the failed sign-in limits. */
export enum CredentialFault {
  /** forged, unknown or unreadable (bad signature, unknown key, garbage): counts as a guess */
  Untrusted = 'untrusted',
  /** genuinely issued by us or the identity provider, but expired, revoked or meant elsewhere: a client to fix, not a guess */
  Authentic = 'authentic',
}

/** 401: no credentials, or credentials we cannot trust (expired, wrong audience, bad signature). */
export class UnauthenticatedError extends DomainError {
  constructor(
    code: AuthErrorCode.Unauthenticated | AuthErrorCode.InvalidToken | AuthErrorCode.InvalidApiKey,
    message: string,
    readonly fault: CredentialFault = CredentialFault.Untrusted,
  ) {
    super('unauthenticated', code, message);
  }
}

/** 403: who you are is clear; this is not yours to do. */
export class ForbiddenError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('forbidden', AuthErrorCode.Forbidden, message, details);
  }
}

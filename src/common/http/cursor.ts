import { ValidationFailedError } from '../errors/domain-error';

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An opaque page token: the keyset values of the last item, as base64url JSON. */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * Reads a token made by `encodeCursor`; `read` checks the values' shape and returns null when they
 * are wrong. Anything that is not a token this API handed out is a 400 on `field`.
 */
export function decodeCursor<T>(raw: string, read: (values: unknown[]) => T | null, field = 'cursor'): T {
  try {
    const values: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    const result = Array.isArray(values) ? read(values) : null;
    if (result !== null) return result;
  } catch {
    // fall through: not base64url JSON
  }
  throw new ValidationFailedError([{ field, code: 'INVALID_CURSOR', message: 'is not a cursor this API handed out' }]);
}

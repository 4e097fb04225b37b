import { ValidationFailedError } from '../errors/domain-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Position in a list ordered by (timestamp, id) descending: the last row of the previous page. */
export interface KeysetCursor {
  at: string;
  id: string;
}

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');
}

/** 400 on the `cursor` field for anything this API did not hand out. */
export function decodeCursor(raw: string): KeysetCursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && !Number.isNaN(Date.parse(at)) && typeof id === 'string' && UUID.test(id)) return { at, id };
  } catch {
    // fall through
  }
  throw new ValidationFailedError([{ field: 'cursor', code: 'INVALID_CURSOR', message: 'is not a cursor this API handed out' }]);
}

/** One page from `limit + 1` rows, with the cursor for the next when there is one. */
export function pageOf<T extends { id: string }>(rows: T[], limit: number, at: (row: T) => Date): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ at: at(last).toISOString(), id: last.id }) : null };
}

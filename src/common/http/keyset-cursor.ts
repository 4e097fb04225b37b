import { UUID_PATTERN, decodeCursor as decodeValues, encodeCursor as encodeValues } from './cursor';

/** Position in a list ordered by (timestamp, id) descending: the last row of the previous page. */
export interface KeysetCursor {
  at: string;
  id: string;
}

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

// Exactly what encodeCursor wrote (toISOString of a stored time): other dates can be out of
// PostgreSQL's range or impossible (30 February), which it would refuse with an error.
const isRoundTrip = (iso: string): boolean => {
  const date = new Date(iso);
  return CURSOR_TIME.test(iso) && !Number.isNaN(date.getTime()) && date.getUTCFullYear() >= 1 && date.toISOString() === iso;
};

export function encodeCursor(cursor: KeysetCursor): string {
  return encodeValues([cursor.at, cursor.id]);
}

/** 400 on the `cursor` field for anything this API did not hand out. */
export function decodeCursor(raw: string): KeysetCursor {
  return decodeValues(raw, ([at, id, ...rest]) =>
    rest.length === 0 && typeof at === 'string' && isRoundTrip(at) && typeof id === 'string' && UUID_PATTERN.test(id) ? { at, id } : null,
  );
}

/** One page from `limit + 1` rows, with the cursor for the next when there is one. */
export function pageOf<T extends { id: string }>(
  rows: T[],
  limit: number,
  at: (row: T) => Date,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ at: at(last).toISOString(), id: last.id }) : null };
}

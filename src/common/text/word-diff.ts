import { diffArrays } from 'diff';

export interface DiffChange {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/**
 * Bounds on one diff (issue 16 item 4). The diff runs on the event loop and its cost grows with the
 * square of the number of edits: two unrelated 16,000-word texts took 38 s. Past these bounds the text
 * is shown as replaced whole, which is also what a reader makes of that many edits.
 * - MAX_TOKENS: words and blanks per side (about 100,000 characters of prose).
 * - MAX_EDITS: words inserted or deleted; a real revision of a section stays far below.
 * - TIMEOUT_MS: what is left (long common runs between the edits) is bounded by time.
 */
const MAX_TOKENS = 30_000;
const MAX_EDITS = 1_000;
const TIMEOUT_MS = 40;

/**
 * Word diff of two texts, old → new. Words are whitespace-delimited (whitespace is kept), so
 * "84,85" → "87,50" reads as one replaced amount rather than digits and commas.
 */
export function wordDiff(before: string, after: string): DiffChange[] {
  const a = before.split(/(\s+)/);
  const b = after.split(/(\s+)/);
  const parts =
    a.length <= MAX_TOKENS && b.length <= MAX_TOKENS
      ? // `timeout` is in diff 7 but not in its type declarations.
        diffArrays(a, b, { maxEditLength: MAX_EDITS, timeout: TIMEOUT_MS } as { maxEditLength: number })
      : undefined;
  if (!parts) return replaced(before, after);
  return parts
    .map((part) => ({
      op: part.added ? ('insert' as const) : part.removed ? ('delete' as const) : ('equal' as const),
      text: part.value.join(''),
    }))
    .filter((part) => part.text !== '');
}

function replaced(before: string, after: string): DiffChange[] {
  return [
    { op: 'delete' as const, text: before },
    { op: 'insert' as const, text: after },
  ].filter((part) => part.text !== '');
}

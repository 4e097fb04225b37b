import { diffArrays } from 'diff';

export interface DiffChange {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/**
 * Word diff of two texts, old → new. Words are whitespace-delimited (whitespace is kept), so
 * "84,85" → "87,50" reads as one replaced amount rather than digits and commas.
 */
export function wordDiff(before: string, after: string): DiffChange[] {
  return diffArrays(before.split(/(\s+)/), after.split(/(\s+)/))
    .map((part) => ({
      op: part.added ? ('insert' as const) : part.removed ? ('delete' as const) : ('equal' as const),
      text: part.value.join(''),
    }))
    .filter((part) => part.text !== '');
}

/**
 * What a personal-data rule is: the kinds it finds, the sentinel character that stands in for a finding
 * until the end of the scrub, and the decision a rule takes about one match. Shared by the rules and the
 * scrubber that applies them.
 */

export type PersonalDataKind = 'bsn' | 'iban' | 'email' | 'phone' | 'postcode' | 'plate' | 'number' | 'date';

export const PERSONAL_DATA_PLACEHOLDERS: Readonly<Record<PersonalDataKind, string>> = {
  bsn: '[bsn]',
  iban: '[iban]',
  email: '[e-mail]',
  phone: '[telefoon]',
  postcode: '[postcode]',
  plate: '[kenteken]',
  number: '[nummer]',
  date: '[datum]',
};

const KINDS: readonly PersonalDataKind[] = ['bsn', 'iban', 'email', 'phone', 'postcode', 'plate', 'number', 'date'];
const SENTINEL_BASE = 0xe000;
export const PRIVATE_USE = /[\ue000-\uf8ff]/gu;

export function mark(kind: PersonalDataKind): string {
  return String.fromCharCode(SENTINEL_BASE + KINDS.indexOf(kind));
}

export function kindOfSentinel(ch: string): PersonalDataKind | undefined {
  const index = ch.charCodeAt(0) - SENTINEL_BASE;
  return index >= 0 && index < KINDS.length ? KINDS[index] : undefined;
}

export interface Decision {
  /** How many characters from the match start are replaced. */
  length: number;
  replacement: string;
}

/**
 * One pass of the scrubber: every match of `pattern` (searched from left to right) is handed to `decide`,
 * which may replace all of it, part of it (the rest is searched again) or decline it (null: search again
 * from the next character). Without `decide` the whole match becomes `kind`. Every pattern is bounded
 * (no unbounded repetition next to an overlapping one), so each pass is linear in its input.
 */
export interface ScrubRule {
  kind: PersonalDataKind;
  pattern: RegExp;
  decide?: (m: RegExpExecArray, text: string) => Decision | null;
}

export function whole(m: RegExpExecArray, kind: PersonalDataKind): Decision {
  return { length: m[0].length, replacement: mark(kind) };
}

export const SP = '[ \\t\\u00a0]';
export const NOT_AFTER_ALNUM = '(?<![\\p{L}\\p{N}])';
export const NOT_BEFORE_ALNUM = '(?![\\p{L}\\p{N}])';

/**
 * Context is looked for only this far before (or after) a match: searching the whole text before every
 * candidate made a long run of candidates quadratic.
 */
const CONTEXT_WINDOW = 32;

export function textBefore(full: string, index: number): string {
  return full.slice(Math.max(0, index - CONTEXT_WINDOW), index);
}

export function textAfter(full: string, index: number): string {
  return full.slice(index, index + CONTEXT_WINDOW);
}

/**
 * The scrubber's rules as data: one entry per pass, most specific first (see personal-data-scrubber.ts
 * for the design decisions). A rule is a bounded pattern, the kind it finds and, where the pattern alone
 * is not enough, a decision that checks a match (checksum, valid day and month, word lists, context).
 */
import { NUMBER_RULE } from './number-rule';
import { Decision, NOT_AFTER_ALNUM, NOT_BEFORE_ALNUM, ScrubRule, SP, mark, textBefore, whole } from './scrub-rule';
import { IBAN_LENGTHS, isValidIban } from './validators';

function digitCount(s: string): number {
  return s.replace(/\D/g, '').length;
}

// --- e-mail ------------------------------------------------------------------------------------------

/**
 * RFC 5321: a local part has at most 64 characters and a domain at most 255. Unbounded, the local part
 * was tried from every position of a long run without `@`, quadratic in its length (200 ms for 16 KB);
 * bounded, each attempt looks at most 64 characters ahead. A longer local part loses its last 64
 * characters and the domain, which is enough to make the address useless.
 */
const EMAIL = /[\p{L}\p{N}._%+=-]{1,64}@[\p{L}\p{N}](?:[\p{L}\p{N}.-]{0,253}[\p{L}\p{N}])?/gu;

// --- IBAN --------------------------------------------------------------------------------------------

/**
 * An IBAN has at most 34 characters, so the candidate needs at most 30 more after the check digits and
 * at most 31 further groups (the decision below stops past 34 characters anyway). Unbounded, every
 * declined candidate was matched (and split) to the end of a long run of groups: quadratic.
 */
const IBAN_CANDIDATE = new RegExp(`${NOT_AFTER_ALNUM}[A-Za-z]{2}\\d{2}[A-Za-z0-9]{0,30}(?:${SP}[A-Za-z0-9]{1,34}){0,31}`, 'gu');

function decideIban(m: RegExpExecArray, full: string): Decision | null {
  // Split into tokens; a token after the first must contain a digit (the bank code "ABNA" right
  // after a 4-character "NL91" is the exception), so a following ordinary word is never swallowed.
  const parts = m[0].split(new RegExp(`(${SP})`, 'u'));
  const country = parts[0].slice(0, 2).toUpperCase();
  const expected = IBAN_LENGTHS[country];
  const candidates: { end: number; compact: string; printFormat: boolean }[] = [];
  let compact = '';
  let end = 0;
  let groupsOfFour = true;
  for (let i = 0; i < parts.length; i += 2) {
    const token = parts[i];
    if (i > 0) {
      const bankCode = i === 2 && parts[0].length === 4 && /^[A-Za-z]{4}$/.test(token);
      if (!bankCode && !/\d/.test(token)) break;
      end += parts[i - 1].length;
    }
    compact += token.toUpperCase();
    end += token.length;
    if (compact.length > 34) break;
    // Compact, or the print format: groups of four with a shorter last group.
    const printFormat = i === 0 || (groupsOfFour && token.length <= 4);
    groupsOfFour &&= token.length === 4;
    const next = full.charAt(m.index + end);
    if (compact.length >= 14 && !/[\p{L}\p{N}]/u.test(next)) candidates.push({ end, compact, printFormat });
  }
  const valid = candidates.filter((c) => isValidIban(c.compact));
  if (valid.length > 0) return { length: valid[valid.length - 1].end, replacement: mark('iban') };
  // Wrong checksum (a typo, or made up): still an IBAN when it is written like one. Take the candidate
  // closest to the country's length if we know it, else the longest.
  const shaped = candidates.filter((c) => c.printFormat);
  if (shaped.length === 0) return null;
  const chosen =
    expected === undefined
      ? shaped[shaped.length - 1]
      : [...shaped].sort((a, b) => Math.abs(a.compact.length - expected) - Math.abs(b.compact.length - expected) || b.end - a.end)[0];
  return { length: chosen.end, replacement: mark('iban') };
}

// --- dates -------------------------------------------------------------------------------------------

const DATE_DMY = /(?<![\p{N}])(\d{1,2})([-/.])(\d{1,2})\2((?:19|20)\d{2})(?![\p{N}])/gu;
const DATE_YMD = /(?<![\p{N}])((?:19|20)\d{2})([-/.])(\d{1,2})\2(\d{1,2})(?![\p{N}])/gu;

function validDayMonth(day: string, month: string): boolean {
  const d = Number(day);
  const mo = Number(month);
  return d >= 1 && d <= 31 && mo >= 1 && mo <= 12;
}

// --- phone numbers -----------------------------------------------------------------------------------

/** One optional separator between digits: a space, or a hyphen/dot/slash/closing parenthesis with optional spaces. */
const PSEP = `(?:${SP}?[-./)]${SP}?|${SP})?`;
const NOT_AFTER_DIGIT_OR_PLUS = '(?<![\\p{N}+])';

/** +31 / 0031 with optional (0) or 0, then the 9 digits of the national number. */
const PHONE_NL_INTERNATIONAL = new RegExp(
  `${NOT_AFTER_DIGIT_OR_PLUS}(?:\\+|00)${SP}?31${SP}?(?:\\(0\\)|0)?${PSEP}[1-9](?:${PSEP}\\d){8}(?!\\d)`,
  'gu',
);
/** 0800 / 0900 / 0906 / 0909 + 4-7 digits. */
const PHONE_SERVICE = new RegExp(`${NOT_AFTER_DIGIT_OR_PLUS}0(?:800|90[069])${PSEP}\\d{3,4}(?:${PSEP}\\d{2,4})?(?!\\d)`, 'gu');
/** Dutch national number: 0 + 9 digits, e.g. 06-12345678, 010-1234567, (010) 123 45 67, 071 - 512 3456. */
const PHONE_NL_NATIONAL = new RegExp(`${NOT_AFTER_DIGIT_OR_PLUS}\\(?0${PSEP}[1-9](?:${PSEP}\\d){8}(?!\\d)`, 'gu');
/** Any international number: + or 00, country code, groups; 9-15 digits in total. */
const PHONE_INTERNATIONAL = new RegExp(
  `${NOT_AFTER_DIGIT_OR_PLUS}(?:\\+|00)${SP}?[1-9]\\d{0,2}(?:${SP}?\\(0\\))?${PSEP}\\(?\\d{1,4}(?:${PSEP}\\d{2,4}){1,5}(?!\\d)`,
  'gu',
);

function decideServiceNumber(m: RegExpExecArray): Decision | null {
  const subscriber = digitCount(m[0]) - 4;
  return subscriber >= 4 && subscriber <= 7 ? whole(m, 'phone') : null;
}

function decideInternationalNumber(m: RegExpExecArray): Decision | null {
  const n = digitCount(m[0]);
  return n >= 9 && n <= 15 ? whole(m, 'phone') : null;
}

// --- postcode (+ house number) -----------------------------------------------------------------------

/** Letter pairs that are never issued in postcodes. */
const NEVER_ISSUED = new Set(['SA', 'SD', 'SS']);

/**
 * Lower-case letter pairs (after four digits) that are words, units or abbreviations rather than
 * postcode letters: "2026 en 12", "1500kg", "12 nr 3"...
 */
const COMMON_PAIRS = new Set([
  'en',
  'of',
  'in',
  'op',
  'te',
  'om',
  'na',
  'al',
  'is',
  'ik',
  'je',
  'ze',
  'we',
  'er',
  'nu',
  'uw',
  'zo',
  'ja',
  'de',
  'ex',
  'ca',
  'mr',
  'dr',
  'km',
  'kg',
  'cm',
  'mm',
  'ml',
  'cl',
  'dl',
  'ha',
  'pp',
  'st',
  'nr',
  'am',
  'pm',
  'gb',
  'mb',
  'kb',
  'kw',
  'pk',
  'jr',
  'mw',
  'hr',
  'vs',
  'eu',
  'nl',
  'be',
  'to',
  'at',
  'on',
  'or',
  'by',
  'as',
  'an',
  'it',
  'if',
  'so',
  'no',
  'do',
  'go',
  'up',
  'us',
  'me',
  'my',
  'he',
  'tm',
  'wk',
  'vd',
  'ok',
]);

// The blanks before a house number are bounded, so a postcode followed by a long run of blanks costs
// no more than a short one.
const POSTCODE = new RegExp(
  `${NOT_AFTER_ALNUM}([1-9]\\d{3})(${SP}?)([A-Za-z]{2})${NOT_BEFORE_ALNUM}` +
    `(?:(?:${SP}{0,3},${SP}{0,3}|${SP}{1,3})(\\d{1,5}(?:-?[A-Za-z]{1,3}|-\\d{1,4})?)${NOT_BEFORE_ALNUM})?`,
  'gu',
);

function decidePostcode(m: RegExpExecArray): Decision | null {
  const [, , space, letters, houseNumber] = m;
  if (NEVER_ISSUED.has(letters.toUpperCase())) return null;
  const upper = letters === letters.toUpperCase();
  if (!upper) {
    if (COMMON_PAIRS.has(letters.toLowerCase())) return null;
    if (space !== '' && houseNumber === undefined) return null;
  }
  return whole(m, 'postcode');
}

// --- licence plates (kentekens) ----------------------------------------------------------------------

/** Letter/digit patterns of the Dutch side-codes 1-14 (L = letter, D = digit), without hyphens. */
const SIDECODES = new Set([
  'LLDDDD',
  'DDDDLL',
  'DDLLDD',
  'LLDDLL',
  'LLLLDD',
  'DDLLLL',
  'DDLLLD',
  'DLLLDD',
  'LLDDDL',
  'LDDDLL',
  'LLLDDL',
  'LDDLLL',
  'DLLDDD',
  'DDDLLD',
]);

const PLATE_HYPHENATED = new RegExp(
  `(?<![\\p{L}\\p{N}-])([A-Za-z]{1,3}|\\d{1,3})-([A-Za-z]{1,3}|\\d{1,3})-([A-Za-z]{1,3}|\\d{1,3})(?![\\p{L}\\p{N}]|-[\\p{L}\\p{N}])`,
  'gu',
);
const PLATE_COMPACT = new RegExp(`${NOT_AFTER_ALNUM}[A-Za-z0-9]{6}${NOT_BEFORE_ALNUM}`, 'gu');
const KENTEKEN_CONTEXT = /kenteken\p{L}{0,12}[\s:]{0,4}$/iu;
function shapeOf(s: string): string {
  return s.replace(/[A-Za-z]/g, 'L').replace(/\d/g, 'D');
}

function decideHyphenatedPlate(m: RegExpExecArray): Decision | null {
  const plain = m[1] + m[2] + m[3];
  const hasBoth = /[A-Za-z]/.test(plain) && /\d/.test(plain);
  return hasBoth && (plain.length === 6 || plain.length === 7) ? whole(m, 'plate') : null;
}

function decideCompactPlate(m: RegExpExecArray, full: string): Decision | null {
  const plate = m[0];
  if (!SIDECODES.has(shapeOf(plate))) return null;
  if (plate !== plate.toUpperCase() && !KENTEKEN_CONTEXT.test(textBefore(full, m.index))) {
    const letterGroups = plate.toLowerCase().match(/[a-z]+/g) ?? [];
    if (/[aeiou]/i.test(plate)) return null;
    if (letterGroups.some((g) => COMMON_PAIRS.has(g) || ['tel', 'blz', 'pag', 'art'].includes(g))) return null;
  }
  return whole(m, 'plate');
}

/** The passes, in order: each sees the text with the findings of the ones before it already replaced. */
export const PERSONAL_DATA_RULES: readonly ScrubRule[] = [
  { kind: 'email', pattern: EMAIL },
  { kind: 'iban', pattern: IBAN_CANDIDATE, decide: decideIban },
  { kind: 'date', pattern: DATE_DMY, decide: (m) => (validDayMonth(m[1], m[3]) ? whole(m, 'date') : null) },
  { kind: 'date', pattern: DATE_YMD, decide: (m) => (validDayMonth(m[4], m[3]) ? whole(m, 'date') : null) },
  { kind: 'phone', pattern: PHONE_NL_INTERNATIONAL },
  { kind: 'phone', pattern: PHONE_SERVICE, decide: decideServiceNumber },
  { kind: 'phone', pattern: PHONE_NL_NATIONAL },
  { kind: 'phone', pattern: PHONE_INTERNATIONAL, decide: decideInternationalNumber },
  { kind: 'postcode', pattern: POSTCODE, decide: decidePostcode },
  { kind: 'plate', pattern: PLATE_HYPHENATED, decide: decideHyphenatedPlate },
  { kind: 'plate', pattern: PLATE_COMPACT, decide: decideCompactPlate },
  NUMBER_RULE,
];

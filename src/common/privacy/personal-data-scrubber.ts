/**
 * Scrubs personal data out of free-text search queries before they are stored for analytics
 * ("rapportages op zoektermen"). KCC agents type queries while on the phone with a citizen, so a query
 * can contain a BSN, an IBAN, a phone number, an address, a licence plate, a date of birth, ...
 *
 * Pure and dependency-free: `scrubPersonalData(input)` replaces every finding with a placeholder in
 * square brackets and reports the kinds it found (unique, in order of first appearance in the text).
 *
 * The scrubber errs on the side of removing too much: a false positive costs a slightly less useful
 * search report, a false negative stores personal data. Design decisions (see also the spec):
 *
 * - Passes run from most to least specific: e-mail, IBAN, date, phone, postcode (+ house number),
 *   licence plate, and finally runs of digits (BSN or generic `[nummer]`). Each pass replaces what it
 *   finds with a private-use sentinel character, so later passes never see (or re-match) digits that
 *   were already scrubbed, and the order of first appearance can be read off the final string.
 * - BSN: 9 digits (or 8, leading zero dropped) passing the elf-proef, contiguous or grouped with
 *   spaces, dots or hyphens (`1234.56.782`, `123 456 782`, `12 34 56 782`). A number that fails the
 *   elf-proef is not a BSN but is still removed as `[nummer]` when it has 6 or more digits.
 * - Generic numbers: any run of 6+ digits, possibly grouped (`123 456 789`, `0363 0123 4567`,
 *   `123-456-789`), becomes `[nummer]`. Groups are joined by a dot or hyphen, or by a space when the
 *   left group has at most 4 digits and the right group 2-4 digits; a year-like group (19xx/20xx) is
 *   never joined, so `2025-2026` or `huisnummer 12 2026` stay. Amounts stay: a number preceded or
 *   followed by a currency sign/word (`€ 350000`, `350000 euro`, `EUR 1.250,00`) or written with
 *   thousand separators and at most 7 digits (`350.000`, `1.250.000`), and so do opening hours
 *   (`9.00-17.00`). A bare `350000` is removed.
 * - Phone: Dutch numbers (0 + 9 digits, also as +31 / 0031, with `(0)`, spaces, hyphens, dots,
 *   parentheses), international numbers (+/00, 9-15 digits) and 0800/0900/0906/0909 service numbers
 *   (which may be shorter than 9 digits, e.g. `0800-1234`). Other short numbers such as the municipal
 *   number `14 071` stay.
 * - Postcode: `1234 AB`, `1234AB`, optionally followed by a house number (`12`, `12a`, `12-3`, after a
 *   space or comma). Upper-case letters are always accepted (except SA/SD/SS, never issued); lower-case
 *   or mixed-case letters only when written without a space (`1234ab`) or followed by a house number,
 *   and never when the pair is a common word or unit (`2026 en`, `1500kg`).
 * - Licence plate: with hyphens any three groups of 1-3 letters or digits, 6 or 7 characters in total
 *   and containing both letters and digits (`12-ABC-3`, `AB-12-34`, lower case too). Without hyphens
 *   only the 6-character letter/digit patterns of the official side-codes; lower-case ones must also
 *   be vowel-free (real plates have no vowels; this keeps `week12`/`test12` out) unless the word
 *   "kenteken" precedes them.
 * - Dates: `12-03-1985`, `12/3/1985`, `12.03.1985`, `1985-03-12` (four-digit year 1900-2099, valid
 *   day and month). Two-digit years and written-out months (`1 januari 2026`, usually a policy date)
 *   are not treated as dates.
 * - E-mail: anything `local@domain` (any TLD, plus-addressing, even a forgotten TLD like `jan@ziggo`).
 * - IBAN: country code + 2 check digits + 10-30 alphanumerics, compact or in groups, any case. A valid
 *   mod-97 checksum (and country length, for the countries we know) decides where the IBAN ends when
 *   it is followed by more tokens; an IBAN-shaped string with a wrong checksum is still removed.
 * - Whitespace: runs of whitespace are collapsed to one space and the result is trimmed; everything
 *   else is kept exactly as typed.
 * - Cost: every pattern is bounded (no unbounded repetition next to an overlapping one, context
 *   look-ups in a fixed window), so the scrubber runs in time linear in the input. It runs on every
 *   request's URL before the access log line is written, so a super-linear pattern would let anyone
 *   stall the API with one long URL (issue 16).
 */

export type PersonalDataKind = 'bsn' | 'iban' | 'email' | 'phone' | 'postcode' | 'plate' | 'number' | 'date';

export interface ScrubResult {
  text: string;
  found: PersonalDataKind[];
}

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
const PRIVATE_USE = /[\ue000-\uf8ff]/gu;

function mark(kind: PersonalDataKind): string {
  return String.fromCharCode(SENTINEL_BASE + KINDS.indexOf(kind));
}

function kindOfSentinel(ch: string): PersonalDataKind | undefined {
  const index = ch.charCodeAt(0) - SENTINEL_BASE;
  return index >= 0 && index < KINDS.length ? KINDS[index] : undefined;
}

/** Elf-proef for a BSN: 9 digits (or 8, leading zero dropped); separators (space, dot, hyphen) are ignored. */
export function isValidBsn(value: string): boolean {
  let digits = value.replace(/[\s.-]/g, '');
  if (!/^\d{8,9}$/.test(digits)) return false;
  if (digits.length === 8) digits = '0' + digits;
  if (/^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(digits[i]);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

/** IBAN lengths of the countries KCC agents run into most; other countries only get the mod-97 check. */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  NL: 18,
  BE: 16,
  DE: 22,
  FR: 27,
  GB: 22,
  LU: 20,
  ES: 24,
  IT: 27,
  PT: 25,
  AT: 20,
  CH: 21,
  IE: 22,
  DK: 18,
  SE: 24,
  NO: 15,
  FI: 18,
  PL: 28,
  TR: 26,
  MA: 28,
};

function ibanMod97(compact: string): number {
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of value) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder;
}

/** Mod-97 check of an IBAN (spaces ignored, any case), including the length for known countries. */
export function isValidIban(value: string): boolean {
  const compact = value.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(compact)) return false;
  const expected = IBAN_LENGTHS[compact.slice(0, 2)];
  if (expected !== undefined && compact.length !== expected) return false;
  return ibanMod97(compact) === 1;
}

// --- scanning helper -------------------------------------------------------------------------------

interface Decision {
  /** How many characters from the match start are replaced. */
  length: number;
  replacement: string;
}

/**
 * Like String.replace with a callback, but the callback may decline (null: search again from the next
 * character) or consume only part of the match (the rest is searched again).
 */
function scan(text: string, pattern: RegExp, decide: (m: RegExpExecArray, text: string) => Decision | null): string {
  const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g');
  let out = '';
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const decision = decide(m, text);
    if (decision === null || decision.length <= 0) {
      re.lastIndex = m.index + 1;
      continue;
    }
    out += text.slice(last, m.index) + decision.replacement;
    last = m.index + decision.length;
    re.lastIndex = last;
  }
  return out + text.slice(last);
}

function whole(m: RegExpExecArray, kind: PersonalDataKind): Decision {
  return { length: m[0].length, replacement: mark(kind) };
}

const SP = '[ \\t\\u00a0]';
const NOT_AFTER_ALNUM = '(?<![\\p{L}\\p{N}])';
const NOT_BEFORE_ALNUM = '(?![\\p{L}\\p{N}])';

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

function scrubEmail(text: string): string {
  return scan(text, EMAIL, (m) => whole(m, 'email'));
}

// --- IBAN --------------------------------------------------------------------------------------------

/**
 * An IBAN has at most 34 characters, so the candidate needs at most 30 more after the check digits and
 * at most 31 further groups (the decision below stops past 34 characters anyway). Unbounded, every
 * declined candidate was matched (and split) to the end of a long run of groups: quadratic.
 */
const IBAN_CANDIDATE = new RegExp(`${NOT_AFTER_ALNUM}[A-Za-z]{2}\\d{2}[A-Za-z0-9]{0,30}(?:${SP}[A-Za-z0-9]{1,34}){0,31}`, 'gu');

function scrubIban(text: string): string {
  return scan(text, IBAN_CANDIDATE, (m, full) => {
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
  });
}

// --- dates -------------------------------------------------------------------------------------------

const DATE_DMY = /(?<![\p{N}])(\d{1,2})([-/.])(\d{1,2})\2((?:19|20)\d{2})(?![\p{N}])/gu;
const DATE_YMD = /(?<![\p{N}])((?:19|20)\d{2})([-/.])(\d{1,2})\2(\d{1,2})(?![\p{N}])/gu;

function validDayMonth(day: string, month: string): boolean {
  const d = Number(day);
  const mo = Number(month);
  return d >= 1 && d <= 31 && mo >= 1 && mo <= 12;
}

function scrubDates(text: string): string {
  const dmy = scan(text, DATE_DMY, (m) => (validDayMonth(m[1], m[3]) ? whole(m, 'date') : null));
  return scan(dmy, DATE_YMD, (m) => (validDayMonth(m[4], m[3]) ? whole(m, 'date') : null));
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

function scrubPhones(text: string): string {
  let out = scan(text, PHONE_NL_INTERNATIONAL, (m) => whole(m, 'phone'));
  out = scan(out, PHONE_SERVICE, (m) => {
    const subscriber = digitCount(m[0]) - 4;
    return subscriber >= 4 && subscriber <= 7 ? whole(m, 'phone') : null;
  });
  out = scan(out, PHONE_NL_NATIONAL, (m) => whole(m, 'phone'));
  out = scan(out, PHONE_INTERNATIONAL, (m) => {
    const n = digitCount(m[0]);
    return n >= 9 && n <= 15 ? whole(m, 'phone') : null;
  });
  return out;
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

function scrubPostcodes(text: string): string {
  return scan(text, POSTCODE, (m) => {
    const [, , space, letters, houseNumber] = m;
    if (NEVER_ISSUED.has(letters.toUpperCase())) return null;
    const upper = letters === letters.toUpperCase();
    if (!upper) {
      if (COMMON_PAIRS.has(letters.toLowerCase())) return null;
      if (space !== '' && houseNumber === undefined) return null;
    }
    return whole(m, 'postcode');
  });
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
/**
 * Context is looked for only this far before (or after) a match: searching the whole text before every
 * candidate made a long run of candidates quadratic.
 */
const CONTEXT_WINDOW = 32;

function textBefore(full: string, index: number): string {
  return full.slice(Math.max(0, index - CONTEXT_WINDOW), index);
}

function textAfter(full: string, index: number): string {
  return full.slice(index, index + CONTEXT_WINDOW);
}

function shapeOf(s: string): string {
  return s.replace(/[A-Za-z]/g, 'L').replace(/\d/g, 'D');
}

function scrubPlates(text: string): string {
  const hyphenated = scan(text, PLATE_HYPHENATED, (m) => {
    const plain = m[1] + m[2] + m[3];
    const hasBoth = /[A-Za-z]/.test(plain) && /\d/.test(plain);
    return hasBoth && (plain.length === 6 || plain.length === 7) ? whole(m, 'plate') : null;
  });
  return scan(hyphenated, PLATE_COMPACT, (m, full) => {
    const plate = m[0];
    if (!SIDECODES.has(shapeOf(plate))) return null;
    if (plate !== plate.toUpperCase() && !KENTEKEN_CONTEXT.test(textBefore(full, m.index))) {
      const letterGroups = plate.toLowerCase().match(/[a-z]+/g) ?? [];
      if (/[aeiou]/i.test(plate)) return null;
      if (letterGroups.some((g) => COMMON_PAIRS.has(g) || ['tel', 'blz', 'pag', 'art'].includes(g))) return null;
    }
    return whole(m, 'plate');
  });
}

// --- BSN and other long numbers ----------------------------------------------------------------------

const DIGIT_RUN = new RegExp(`(?<!\\d)\\d+(?:[ \\t\\u00a0.-]\\d+)*(?!\\d)`, 'gu');
const CURRENCY_BEFORE = /(?:€|\beur|\beuro)\s{0,4}$/iu;
const CURRENCY_AFTER = /^\s{0,4}(?:,\d{1,2}|,-)?\s{0,4}(?:€|eur\b|euro)/iu;

/** Opening hours such as 9.00-17.00 are not a number. */
const TIME_RANGE = /^(?:[01]?\d|2[0-3])\.[0-5]\d-(?:[01]?\d|2[0-3])\.[0-5]\d$/;

function isYear(group: string): boolean {
  return /^(?:19|20)\d{2}$/.test(group);
}

/** Whether two neighbouring digit groups belong to one number. */
function joins(left: string, sep: string, right: string): boolean {
  if (isYear(left) || isYear(right)) return false;
  if (sep === '.' || sep === '-') return true;
  return left.length <= 4 && right.length >= 2 && right.length <= 4;
}

interface DigitRun {
  groups: string[];
  /** seps[i] sits between groups[i] and groups[i + 1]. */
  seps: string[];
  /** Start offset of every group in the full text. */
  starts: number[];
}

function scrubNumbers(text: string): string {
  return scan(text, DIGIT_RUN, (m, full) => {
    const parts = m[0].split(/([ \t\u00a0.-])/);
    const run: DigitRun = { groups: [], seps: [], starts: [] };
    let offset = m.index;
    parts.forEach((part, i) => {
      if (i % 2 === 0) {
        run.groups.push(part);
        run.starts.push(offset);
      } else {
        run.seps.push(part);
      }
      offset += part.length;
    });
    return { length: m[0].length, replacement: scrubRun(run, 0, run.groups.length - 1, full) };
  });
}

function original(run: DigitRun, from: number, to: number): string {
  let s = '';
  for (let i = from; i <= to; i++) s += run.groups[i] + (i < to ? run.seps[i] : '');
  return s;
}

function hasCurrencyContext(run: DigitRun, from: number, to: number, full: string): boolean {
  const start = run.starts[from];
  const end = run.starts[to] + run.groups[to].length;
  return CURRENCY_BEFORE.test(textBefore(full, start)) || CURRENCY_AFTER.test(textAfter(full, end));
}

/**
 * Groups from..to (inclusive): every (grouped) 9-digit BSN, leftmost first; what lies between them is
 * classified by `scrubGroups`. A loop, not recursion: a long run of BSNs must not exhaust the stack.
 */
function scrubRun(run: DigitRun, from: number, to: number, full: string): string {
  let out = '';
  let pending = from;
  for (let i = from; i <= to; i++) {
    const end = bsnEnd(run, i, to, full);
    if (end === -1) continue;
    if (i > pending) out += scrubGroups(run, pending, i - 1, full) + run.seps[i - 1];
    out += mark('bsn');
    if (end < to) out += run.seps[end];
    pending = end + 1;
    i = end;
  }
  if (pending <= to) out += scrubGroups(run, pending, to, full);
  return out;
}

/** The last group of a BSN that starts at group `i` and ends at or before `to`, or -1. */
function bsnEnd(run: DigitRun, i: number, to: number, full: string): number {
  let digits = '';
  for (let j = i; j <= to; j++) {
    if (j > i && (run.groups[i].length < 2 || run.groups[j].length < 2)) break;
    digits += run.groups[j];
    if (digits.length > 9) break;
    if (digits.length === 9 && isValidBsn(digits) && !hasCurrencyContext(run, i, j, full)) return j;
  }
  return -1;
}

/** Groups from..to (no BSN among them): joined into numbers, each kept or removed by `classifySegment`. */
function scrubGroups(run: DigitRun, from: number, to: number, full: string): string {
  let out = '';
  let segmentStart = from;
  for (let i = from; i <= to; i++) {
    if (i < to && joins(run.groups[i], run.seps[i], run.groups[i + 1])) continue;
    out += classifySegment(run, segmentStart, i, full);
    if (i < to) out += run.seps[i];
    segmentStart = i + 1;
  }
  return out;
}

function classifySegment(run: DigitRun, from: number, to: number, full: string): string {
  const text = original(run, from, to);
  const digits = run.groups.slice(from, to + 1).join('');
  if (digits.length < 6) return text;
  if (hasCurrencyContext(run, from, to, full)) return text;
  const thousands =
    to > from &&
    run.seps.slice(from, to).every((s) => s === '.') &&
    run.groups[from].length <= 3 &&
    run.groups.slice(from + 1, to + 1).every((g) => g.length === 3);
  if (thousands && digits.length <= 7) return text;
  if (TIME_RANGE.test(text)) return text;
  if (digits.length === 8 && isValidBsn(digits)) return mark('bsn');
  return mark('number');
}

// --- entry point -------------------------------------------------------------------------------------

export function scrubPersonalData(input: string): ScrubResult {
  let text = input.replace(PRIVATE_USE, '');
  text = scrubEmail(text);
  text = scrubIban(text);
  text = scrubDates(text);
  text = scrubPhones(text);
  text = scrubPostcodes(text);
  text = scrubPlates(text);
  text = scrubNumbers(text);

  const found: PersonalDataKind[] = [];
  let out = '';
  for (const ch of text) {
    const kind = kindOfSentinel(ch);
    if (kind === undefined) {
      out += ch;
      continue;
    }
    if (!found.includes(kind)) found.push(kind);
    out += PERSONAL_DATA_PLACEHOLDERS[kind];
  }
  return { text: out.replace(/\s+/g, ' ').trim(), found };
}

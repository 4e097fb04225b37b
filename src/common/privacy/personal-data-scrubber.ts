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
import { PERSONAL_DATA_RULES } from './personal-data-rules';
import { Decision, kindOfSentinel, PERSONAL_DATA_PLACEHOLDERS, PersonalDataKind, PRIVATE_USE, ScrubRule, whole } from './scrub-rule';

export interface ScrubResult {
  text: string;
  found: PersonalDataKind[];
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

function apply(text: string, rule: ScrubRule): string {
  return scan(text, rule.pattern, rule.decide ?? ((m) => whole(m, rule.kind)));
}

export function scrubPersonalData(input: string): ScrubResult {
  let text = input.replace(PRIVATE_USE, '');
  for (const rule of PERSONAL_DATA_RULES) text = apply(text, rule);

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

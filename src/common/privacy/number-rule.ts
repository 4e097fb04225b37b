import { isValidBsn } from './validators';
import { Decision, mark, ScrubRule, textAfter, textBefore } from './scrub-rule';

/**
 * The last pass: runs of digits, possibly grouped, become `[bsn]` when they pass the elf-proef and
 * `[nummer]` when they have 6 or more digits, unless they read as an amount, a year or opening hours.
 */

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

function decideDigitRun(m: RegExpExecArray, full: string): Decision {
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

/** BSNs (elf-proef) and other numbers of 6 or more digits, grouped or not; amounts and times stay. */
export const NUMBER_RULE: ScrubRule = { kind: 'number', pattern: DIGIT_RUN, decide: decideDigitRun };

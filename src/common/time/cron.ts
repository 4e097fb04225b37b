import { wallClock } from './calendar-day';

// Five-field cron patterns (minute hour day-of-month month day-of-week) evaluated in Amsterdam time.
// BullMQ fires the schedules; this is only used to validate patterns at start-up and to tell whether
// a scheduled run was missed (Redis was down, no worker ran), so the run can be caught up.

interface Field {
  min: number;
  max: number;
}

const FIELDS: Field[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12 },
  { min: 0, max: 7 }, // 0 and 7 are both Sunday
];

export interface CronPattern {
  source: string;
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: Set<number>;
  months: Set<number>;
  daysOfWeek: Set<number>;
  /** both day fields restricted: a day matches when either does (classic cron) */
  eitherDay: boolean;
}

export class InvalidCronError extends Error {}

function parseField(text: string, field: Field): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!match) throw new InvalidCronError(`"${part}" is not a cron field`);
    const from = match[1] === '*' ? field.min : Number(match[2]);
    const to = match[1] === '*' ? field.max : match[3] !== undefined ? Number(match[3]) : match[4] !== undefined ? field.max : from;
    const step = match[4] !== undefined ? Number(match[4]) : 1;
    if (from < field.min || to > field.max || from > to || step < 1) {
      throw new InvalidCronError(`"${part}" is outside ${field.min}-${field.max}`);
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

/** Parses `30 6 * * *`-style patterns; throws InvalidCronError with a reason. */
export function parseCron(source: string): CronPattern {
  const parts = source.trim().split(/\s+/);
  if (parts.length !== 5) throw new InvalidCronError('needs five fields: minute hour day-of-month month day-of-week');
  const [minutes, hours, daysOfMonth, months, daysOfWeek] = parts.map((p, i) => parseField(p, FIELDS[i]));
  if (daysOfWeek.has(7)) daysOfWeek.add(0);
  return { source, minutes, hours, daysOfMonth, months, daysOfWeek, eitherDay: parts[2] !== '*' && parts[4] !== '*' };
}

export function cronMatches(pattern: CronPattern, date: Date): boolean {
  const t = wallClock(date);
  if (!pattern.minutes.has(t.minute) || !pattern.hours.has(t.hour) || !pattern.months.has(t.month)) return false;
  const dom = pattern.daysOfMonth.has(t.dayOfMonth);
  const dow = pattern.daysOfWeek.has(t.dayOfWeek);
  return pattern.eitherDay ? dom || dow : dom && dow;
}

const MINUTE_MS = 60_000;

/**
 * The latest minute at or before `now` the pattern fires, looking back at most `lookBackDays`
 * (null when it did not fire in that window).
 */
export function lastOccurrence(pattern: CronPattern, now: Date, lookBackDays = 8): Date | null {
  let t = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  const stop = t - lookBackDays * 1440 * MINUTE_MS;
  for (; t > stop; t -= MINUTE_MS) {
    const candidate = new Date(t);
    if (cronMatches(pattern, candidate)) return candidate;
  }
  return null;
}

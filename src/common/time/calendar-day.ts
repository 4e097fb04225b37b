// Calendar days as they are in the Netherlands. Review stages, digests and snapshots are about days
// ("over 14 dagen", "vandaag"), not 24-hour blocks: a job that runs at 06:30 must see the same day as
// an editor reading the mail, also across the switch to and from summer time.

export const TIME_ZONE = 'Europe/Amsterdam';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const WALL_CLOCK = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

// Offsets only change on the hour, so one Intl call per hour is enough; the cache keeps a scan over
// 100,000 articles from formatting 100,000 dates.
const offsets = new Map<number, number>();

/** Milliseconds Amsterdam is ahead of UTC at `ms` (3,600,000 in winter, 7,200,000 in summer). */
function offsetAt(ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  const cached = offsets.get(hour);
  if (cached !== undefined) return cached;
  const parts = Object.fromEntries(WALL_CLOCK.formatToParts(new Date(hour * HOUR_MS)).map((p) => [p.type, p.value]));
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  const offset = wall - hour * HOUR_MS;
  if (offsets.size > 50_000) offsets.clear();
  offsets.set(hour, offset);
  return offset;
}

/** The Amsterdam calendar day of an instant, as days since 1970-01-01. */
export function dayNumber(date: Date): number {
  const ms = date.getTime();
  return Math.floor((ms + offsetAt(ms)) / DAY_MS);
}

/**
 * Calendar days from `now` to `date` in Amsterdam: positive when `date` is ahead, negative when it
 * has passed, 0 on the same day.
 */
export function calendarDaysUntil(date: Date, now: Date): number {
  return dayNumber(date) - dayNumber(now);
}

/** The instant Amsterdam's calendar day `day` begins (local midnight; never ambiguous, DST switches at 02:00). */
export function startOfDay(day: number): Date {
  const utcMidnight = day * DAY_MS;
  let instant = utcMidnight - offsetAt(utcMidnight);
  const corrected = utcMidnight - offsetAt(instant);
  if (corrected !== instant) instant = corrected;
  return new Date(instant);
}

/** `2026-11-23` for a day number. */
export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The day number of `YYYY-MM-DD`, or null when it is not a real date. */
export function parseIsoDay(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const ms = Date.parse(`${text}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) return null;
  return ms / DAY_MS;
}

/** The Monday of the week `day` falls in (1970-01-01 was a Thursday). */
export function mondayOf(day: number): number {
  return day - ((day + 3) % 7);
}

/** Local wall-clock fields of an instant in Amsterdam (for cron matching). */
export function wallClock(date: Date): { minute: number; hour: number; dayOfMonth: number; month: number; dayOfWeek: number } {
  const local = new Date(date.getTime() + offsetAt(date.getTime()));
  return {
    minute: local.getUTCMinutes(),
    hour: local.getUTCHours(),
    dayOfMonth: local.getUTCDate(),
    month: local.getUTCMonth() + 1,
    dayOfWeek: local.getUTCDay(),
  };
}

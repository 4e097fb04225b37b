import { dayNumber, isoDay, mondayOf, startOfDay } from '../common/time/calendar-day';

export interface LevelingItem {
  id: string;
  dueAt: Date;
}

export interface LevelingOptions {
  /** review dates per week above which a week is a storm */
  weeklyCap: number;
  /** how far (days) a review date may move */
  spreadDays: number;
  /** no review date is moved, or moved to, before this instant (editors keep their advance notice) */
  notBefore: Date;
  /** may dates move later than they are? Only then, and every such move says by how much */
  allowLater: boolean;
}

export interface LevelingMove {
  id: string;
  from: Date;
  to: Date;
  /** days later than the original date: past the article's review interval (only with allowLater) */
  laterByDays?: number;
}

export interface LevelingResult {
  moves: LevelingMove[];
  /** weeks (their Monday) still above the cap afterwards, with their load */
  stormWeeks: { week: string; before: number; after: number }[];
}

const WEEK = 7;

/** The same local time of day, `days` calendar days away (Amsterdam). */
function shiftDays(date: Date, days: number): Date {
  const day = dayNumber(date);
  return new Date(startOfDay(day + days).getTime() + (date.getTime() - startOfDay(day).getTime()));
}

/**
 * Review storms: spreads the review dates of overfull weeks over the weeks around them.
 *
 * The rule: a review date is the latest day the DVO term allows (last review + interval), so
 * levelling moves dates EARLIER, by whole weeks (same weekday and time), at most `spreadDays`, and
 * never before `notBefore`: an earlier check is always within the term. Only with `allowLater` may
 * a date move later (again at most `spreadDays`), and each such move reports `laterByDays`: the
 * days it goes past the interval. Weeks are filled up to the cap, the nearest week first; what
 * cannot be placed stays where it is and its week is reported as still stormy.
 * Deterministic: the same input gives the same moves.
 */
export function levelReviewDates(items: LevelingItem[], options: LevelingOptions): LevelingResult {
  const cap = options.weeklyCap;
  const maxWeeks = Math.floor(options.spreadDays / WEEK);
  const notBefore = options.notBefore.getTime();
  const load = new Map<number, number>();
  const byWeek = new Map<number, LevelingItem[]>();
  for (const item of [...items].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id.localeCompare(b.id))) {
    const week = mondayOf(dayNumber(item.dueAt));
    load.set(week, (load.get(week) ?? 0) + 1);
    if (!byWeek.has(week)) byWeek.set(week, []);
    byWeek.get(week)!.push(item);
  }
  const before = new Map(load);
  const moves: LevelingMove[] = [];
  const hasRoom = (week: number) => (load.get(week) ?? 0) < cap;

  for (const week of [...byWeek.keys()].sort((a, b) => a - b)) {
    // The week's latest dates move first: they lose the least when brought forward.
    const movable = byWeek
      .get(week)!
      .filter((i) => i.dueAt.getTime() >= notBefore)
      .reverse();
    for (const item of movable) {
      if ((load.get(week) ?? 0) <= cap) break;
      let to: Date | null = null;
      let shift = 0;
      for (let k = 1; k <= maxWeeks && !to; k++) {
        const candidate = shiftDays(item.dueAt, -WEEK * k);
        if (candidate.getTime() < notBefore) break;
        if (hasRoom(week - WEEK * k)) [to, shift] = [candidate, -WEEK * k];
      }
      for (let k = 1; options.allowLater && k <= maxWeeks && !to; k++) {
        if (hasRoom(week + WEEK * k)) [to, shift] = [shiftDays(item.dueAt, WEEK * k), WEEK * k];
      }
      if (!to) continue;
      load.set(week, load.get(week)! - 1);
      load.set(week + shift, (load.get(week + shift) ?? 0) + 1);
      moves.push({ id: item.id, from: item.dueAt, to, ...(shift > 0 ? { laterByDays: shift } : {}) });
    }
  }

  const stormWeeks = [...load.entries()]
    .filter(([, count]) => count > cap)
    .sort(([a], [b]) => a - b)
    .map(([week, after]) => ({ week: isoDay(week), before: before.get(week) ?? 0, after }));
  return { moves, stormWeeks };
}

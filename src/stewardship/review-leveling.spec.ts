import { calendarDaysUntil, dayNumber, mondayOf } from '../common/time/calendar-day';
import { LevelingItem, levelReviewDates } from './review-leveling';

const DAY = 86_400_000;
const now = new Date('2026-11-23T09:00:00Z'); // a Monday
const notBefore = new Date(now.getTime() + 15 * DAY);
const at = (days: number, hour = 9) => new Date(Date.parse('2026-11-23T00:00:00Z') + days * DAY + hour * 3_600_000);
const items = (count: number, days: number, prefix = 'a'): LevelingItem[] =>
  Array.from({ length: count }, (_, i) => ({ id: `${prefix}${String(i).padStart(3, '0')}`, dueAt: at(days, 8 + (i % 8)) }));
const weekLoad = (list: { dueAt: Date }[]) => {
  const load = new Map<number, number>();
  for (const { dueAt } of list) load.set(mondayOf(dayNumber(dueAt)), (load.get(mondayOf(dayNumber(dueAt))) ?? 0) + 1);
  return load;
};
const apply = (list: LevelingItem[], moves: { id: string; to: Date }[]) =>
  list.map((i) => ({ ...i, dueAt: moves.find((m) => m.id === i.id)?.to ?? i.dueAt }));

describe('levelReviewDates', () => {
  const options = { weeklyCap: 10, spreadDays: 56, notBefore, allowLater: false };

  it('leaves calm weeks alone', () => {
    expect(levelReviewDates([...items(10, 180), ...items(5, 187, 'b')], options)).toEqual({ moves: [], stormWeeks: [] });
  });

  it('spreads a bulk import over the weeks before it, nearest first, never above the cap', () => {
    const imported = items(45, 180); // 45 articles imported the same day, all due in 180 days
    const { moves, stormWeeks } = levelReviewDates(imported, options);
    expect(moves).toHaveLength(35);
    expect(stormWeeks).toEqual([]);
    const after = weekLoad(apply(imported, moves));
    expect([...after.values()].every((n) => n <= 10)).toBe(true);
    expect([...after.keys()].sort((a, b) => b - a).map((w) => after.get(w))).toEqual([10, 10, 10, 10, 5]);
  });

  it('only moves dates earlier, by whole weeks, keeping weekday and time of day', () => {
    const imported = items(25, 180);
    for (const move of levelReviewDates(imported, options).moves) {
      const days = calendarDaysUntil(move.to, move.from);
      expect(days).toBeLessThan(0);
      expect(Math.abs(days) % 7).toBe(0);
      expect(move.to.getUTCHours()).toBe(move.from.getUTCHours());
      expect(move.laterByDays).toBeUndefined();
    }
  });

  it('respects the window and notBefore, and reports what is still a storm', () => {
    const soon = items(30, 22); // Tuesday 15 Dec; only one earlier week lies after notBefore (8 Dec)
    const { moves, stormWeeks } = levelReviewDates(soon, options);
    expect(moves.every((m) => m.to >= notBefore)).toBe(true);
    expect(stormWeeks).toEqual([{ week: '2026-12-14', before: 30, after: 30 - moves.length }]);
    expect(moves.length).toBeLessThan(20);

    const narrow = levelReviewDates(items(40, 180), { ...options, spreadDays: 13 });
    expect(narrow.moves).toHaveLength(10);
    expect(narrow.stormWeeks).toEqual([{ week: '2027-05-17', before: 40, after: 30 }]);
  });

  it('moves later only when allowed, and then says by how many days past the interval', () => {
    const soon = items(30, 22);
    const { moves, stormWeeks } = levelReviewDates(soon, { ...options, allowLater: true });
    expect(stormWeeks).toEqual([]);
    const later = moves.filter((m) => m.laterByDays);
    expect(later.length).toBeGreaterThan(0);
    for (const m of later) expect(calendarDaysUntil(m.to, m.from)).toBe(m.laterByDays);
  });

  it('never moves a date that is already before notBefore', () => {
    const due = items(30, 10);
    expect(levelReviewDates(due, options).moves).toEqual([]);
  });

  it('is deterministic', () => {
    const input = [...items(33, 180), ...items(17, 183, 'b')];
    expect(levelReviewDates([...input].reverse(), options)).toEqual(levelReviewDates(input, options));
  });
});

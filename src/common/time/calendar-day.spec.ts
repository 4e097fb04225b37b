import { calendarDaysUntil, dayNumber, isoDay, mondayOf, parseIsoDay, startOfDay, wallClock } from './calendar-day';

describe('calendar days in Amsterdam', () => {
  it('numbers days as they are in Amsterdam, not in UTC', () => {
    expect(isoDay(dayNumber(new Date('2026-11-22T22:59:59Z')))).toBe('2026-11-22');
    expect(isoDay(dayNumber(new Date('2026-11-22T23:00:00Z')))).toBe('2026-11-23');
    // summer time: UTC+2
    expect(isoDay(dayNumber(new Date('2026-07-14T21:59:59Z')))).toBe('2026-07-14');
    expect(isoDay(dayNumber(new Date('2026-07-14T22:00:00Z')))).toBe('2026-07-15');
  });

  it('counts whole calendar days across the switches to and from summer time', () => {
    expect(calendarDaysUntil(new Date('2026-04-05T07:00:00Z'), new Date('2026-03-22T08:00:00Z'))).toBe(14);
    expect(calendarDaysUntil(new Date('2026-10-20T05:00:00Z'), new Date('2026-10-30T23:30:00Z'))).toBe(-11);
  });

  it('finds local midnight, in winter, in summer and on the days the clock changes', () => {
    expect(startOfDay(parseIsoDay('2026-11-23')!).toISOString()).toBe('2026-11-22T23:00:00.000Z');
    expect(startOfDay(parseIsoDay('2026-07-15')!).toISOString()).toBe('2026-07-14T22:00:00.000Z');
    expect(startOfDay(parseIsoDay('2026-03-29')!).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfDay(parseIsoDay('2026-03-30')!).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfDay(parseIsoDay('2026-10-25')!).toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(startOfDay(parseIsoDay('2026-10-26')!).toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('is consistent: every instant lies in the day whose midnight precedes it', () => {
    for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += 3_599_000) {
      const day = dayNumber(new Date(t));
      expect(startOfDay(day).getTime()).toBeLessThanOrEqual(t);
      expect(startOfDay(day + 1).getTime()).toBeGreaterThan(t);
    }
  });

  it('parses ISO days strictly', () => {
    expect(parseIsoDay('2026-02-28')).toBe(Date.parse('2026-02-28T00:00:00Z') / 86_400_000);
    for (const bad of ['2026-02-30', '2026-2-1', '26-02-01', '2026-02-01T00:00', '', 'gisteren']) expect(parseIsoDay(bad)).toBeNull();
  });

  it('finds the Monday of a week', () => {
    expect(isoDay(mondayOf(parseIsoDay('2026-11-23')!))).toBe('2026-11-23');
    expect(isoDay(mondayOf(parseIsoDay('2026-11-29')!))).toBe('2026-11-23');
    expect(isoDay(mondayOf(parseIsoDay('2026-11-30')!))).toBe('2026-11-30');
  });

  it('reads the local wall clock', () => {
    expect(wallClock(new Date('2026-11-23T05:30:00Z'))).toEqual({ minute: 30, hour: 6, dayOfMonth: 23, month: 11, dayOfWeek: 1 });
    expect(wallClock(new Date('2026-07-14T22:15:00Z'))).toEqual({ minute: 15, hour: 0, dayOfMonth: 15, month: 7, dayOfWeek: 3 });
  });
});

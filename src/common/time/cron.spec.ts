import { InvalidCronError, cronMatches, lastOccurrence, parseCron } from './cron';

describe('cron patterns (Amsterdam time)', () => {
  it('parses lists, ranges and steps', () => {
    const p = parseCron('*/15 6-8 1,15 * 1-5');
    expect([...p.minutes]).toEqual([0, 15, 30, 45]);
    expect([...p.hours]).toEqual([6, 7, 8]);
    expect([...p.daysOfMonth]).toEqual([1, 15]);
    expect(p.months.size).toBe(12);
    expect([...p.daysOfWeek]).toEqual([1, 2, 3, 4, 5]);
    expect([...parseCron('5/20 * * * *').minutes]).toEqual([5, 25, 45]);
    expect(parseCron('0 7 * * 7').daysOfWeek.has(0)).toBe(true);
  });

  it('rejects what is not a five-field pattern', () => {
    for (const bad of [
      '',
      '30 6 * *',
      '30 6 * * * *',
      '60 6 * * *',
      '30 24 * * *',
      '0 0 0 * *',
      '0 0 * 13 *',
      '0 0 * * 8',
      '5-1 * * * *',
      '*/0 * * * *',
      'x 6 * * *',
      '@daily',
    ]) {
      expect(() => parseCron(bad)).toThrow(InvalidCronError);
    }
  });

  it('matches local time: 06:30 in Amsterdam is 05:30 UTC in winter and 04:30 UTC in summer', () => {
    const daily = parseCron('30 6 * * *');
    expect(cronMatches(daily, new Date('2026-11-23T05:30:00Z'))).toBe(true);
    expect(cronMatches(daily, new Date('2026-11-23T06:30:00Z'))).toBe(false);
    expect(cronMatches(daily, new Date('2026-07-14T04:30:00Z'))).toBe(true);
  });

  it('treats restricted day-of-month and day-of-week as either/or, like cron', () => {
    const p = parseCron('0 7 1 * 1');
    expect(cronMatches(p, new Date('2026-12-01T06:00:00Z'))).toBe(true); // Tuesday the 1st
    expect(cronMatches(p, new Date('2026-11-23T06:00:00Z'))).toBe(true); // a Monday
    expect(cronMatches(p, new Date('2026-11-24T06:00:00Z'))).toBe(false);
  });

  it('finds the last time a schedule fired', () => {
    const mondays = parseCron('0 7 * * 1');
    expect(lastOccurrence(mondays, new Date('2026-11-25T12:00:00Z'))?.toISOString()).toBe('2026-11-23T06:00:00.000Z');
    expect(lastOccurrence(mondays, new Date('2026-11-23T06:00:00Z'))?.toISOString()).toBe('2026-11-23T06:00:00.000Z');
    expect(lastOccurrence(mondays, new Date('2026-11-23T05:59:00Z'))?.toISOString()).toBe('2026-11-16T06:00:00.000Z');
    expect(lastOccurrence(parseCron('0 0 29 2 *'), new Date('2026-11-23T05:59:00Z'))).toBeNull();
  });
});

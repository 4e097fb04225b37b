import { parseCron } from '../../common/time/cron';
import { missedRun } from './stewardship-schedule';

describe('missedRun', () => {
  const daily = parseCron('30 6 * * *');
  const now = new Date('2026-11-23T09:00:00Z'); // 10:00 in Amsterdam, the 06:30 run is due

  it('wants a run when none ever completed, or the last one is older than the last scheduled time', () => {
    expect(missedRun(daily, null, now)).toBe(true);
    expect(missedRun(daily, new Date('2026-11-22T05:30:10Z'), now)).toBe(true);
  });

  it('is satisfied by a run at (or just before) the scheduled time', () => {
    expect(missedRun(daily, new Date('2026-11-23T05:30:02Z'), now)).toBe(false);
    expect(missedRun(daily, new Date('2026-11-23T05:28:00Z'), now)).toBe(false);
    expect(missedRun(daily, new Date('2026-11-23T05:30:00Z'), new Date('2026-11-23T05:29:00Z'))).toBe(false);
  });

  it('does not run before the first scheduled time in its window', () => {
    expect(missedRun(parseCron('0 0 29 2 *'), null, now)).toBe(false);
  });
});

import { DEFAULT_REVIEW_TERMS, ReviewTerms } from '../departments/review-terms';
import { REVIEW_STAGES, reviewStage, stageCutoffs, stageForDays, stageFromCutoffs, stageOffsetDays } from './review-policy';

const DAY = 86_400_000;
const terms = DEFAULT_REVIEW_TERMS;

describe('review policy', () => {
  describe('stageForDays', () => {
    it.each([
      [30, null],
      [15, null],
      [14, 'upcoming'],
      [1, 'upcoming'],
      [0, 'due'],
      [-6, 'due'],
      [-7, 'overdue'],
      [-20, 'overdue'],
      [-21, 'escalated'],
      [-400, 'escalated'],
    ])('%i days before the review date → %s (default terms 14/7/21)', (days, stage) => {
      expect(stageForDays(days, terms)).toBe(stage);
    });

    it('follows the department terms', () => {
      const dvo: ReviewTerms = { upcomingDays: 30, overdueDays: 3, escalationDays: 10 };
      expect(stageForDays(30, dvo)).toBe('upcoming');
      expect(stageForDays(-3, dvo)).toBe('overdue');
      expect(stageForDays(-10, dvo)).toBe('escalated');
      // no advance notice at all: the first reminder is on the day itself
      expect(stageForDays(1, { ...dvo, upcomingDays: 0 })).toBeNull();
      expect(stageForDays(0, { ...dvo, upcomingDays: 0 })).toBe('due');
    });
  });

  describe('reviewStage', () => {
    const due = new Date('2027-03-23T09:00:00Z'); // 10:00 in Amsterdam

    it('is none without a review date', () => {
      expect(reviewStage(null, terms, new Date('2027-03-23T05:30:00Z'))).toBeNull();
    });

    it('counts calendar days, so the 06:30 scan on the review date already says "due"', () => {
      expect(reviewStage(due, terms, new Date('2027-03-23T05:30:00Z'))).toBe('due');
      expect(reviewStage(due, terms, new Date('2027-03-22T22:59:00Z'))).toBe('upcoming');
      expect(reviewStage(due, terms, new Date('2027-03-09T05:30:00Z'))).toBe('upcoming');
      expect(reviewStage(due, terms, new Date('2027-03-08T05:30:00Z'))).toBeNull();
    });

    it('keeps whole days across the switch to summer time (28 March 2027)', () => {
      expect(reviewStage(due, terms, new Date('2027-03-30T04:30:00Z'))).toBe('overdue'); // 06:30 CEST, 7 days after
      expect(reviewStage(due, terms, new Date('2027-04-13T04:30:00Z'))).toBe('escalated');
      expect(reviewStage(due, terms, new Date('2027-04-12T21:59:00Z'))).toBe('overdue');
    });
  });

  it('orders the stage offsets', () => {
    expect(REVIEW_STAGES.map((s) => stageOffsetDays(s, terms))).toEqual([-14, 0, 7, 21]);
  });

  describe('stageCutoffs', () => {
    it('gives the same stage as reviewStage for every due time around now, in every season', () => {
      const variants: ReviewTerms[] = [
        terms,
        { upcomingDays: 0, overdueDays: 1, escalationDays: 2 },
        { upcomingDays: 60, overdueDays: 30, escalationDays: 90 },
      ];
      const mismatches: string[] = [];
      for (const now of ['2027-03-27T05:30:00Z', '2027-03-28T23:59:00Z', '2026-10-25T00:30:00Z', '2026-07-01T12:00:00Z'].map(
        (s) => new Date(s),
      )) {
        for (const t of variants) {
          const cutoffs = stageCutoffs(t, now);
          for (let offset = -130 * DAY; offset <= 130 * DAY; offset += 3 * 3_600_000 + 17 * 60_000) {
            const dueAt = new Date(now.getTime() + offset);
            if (stageFromCutoffs(dueAt, cutoffs) !== reviewStage(dueAt, t, now))
              mismatches.push(`${now.toISOString()} ${dueAt.toISOString()}`);
          }
        }
      }
      expect(mismatches).toEqual([]);
    });

    it('puts the cutoffs on local midnights', () => {
      const cutoffs = stageCutoffs(terms, new Date('2026-11-23T05:30:00Z'));
      expect(cutoffs).toEqual({
        upcoming: new Date('2026-12-07T23:00:00Z'),
        due: new Date('2026-11-23T23:00:00Z'),
        overdue: new Date('2026-11-16T23:00:00Z'),
        escalated: new Date('2026-11-02T23:00:00Z'),
      });
    });
  });
});

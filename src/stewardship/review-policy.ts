import { calendarDaysUntil, dayNumber, startOfDay } from '../common/time/calendar-day';
import type { ReviewTerms } from '../departments/review-terms';

/** The stages of one review cycle, in the order they are reached. */
export const REVIEW_STAGES = ['upcoming', 'due', 'overdue', 'escalated'] as const;
export type ReviewStage = (typeof REVIEW_STAGES)[number];

export const stageRank = (stage: ReviewStage): number => REVIEW_STAGES.indexOf(stage);

/**
 * The stage a review is in, `daysUntilDue` calendar days (Amsterdam) before its review date
 * (negative: after it). With the default terms (14/7/21):
 *   14..1 days before → upcoming; the day itself up to 6 days after → due;
 *   7..20 days after → overdue; 21 days after and later → escalated; earlier than 14 days → none.
 */
export function stageForDays(daysUntilDue: number, terms: ReviewTerms): ReviewStage | null {
  if (daysUntilDue <= -terms.escalationDays) return 'escalated';
  if (daysUntilDue <= -terms.overdueDays) return 'overdue';
  if (daysUntilDue <= 0) return 'due';
  if (daysUntilDue <= terms.upcomingDays) return 'upcoming';
  return null;
}

/** The stage of a review due at `dueAt`, as of `now`; null without a review date or before the first reminder. */
export function reviewStage(dueAt: Date | null, terms: ReviewTerms, now: Date): ReviewStage | null {
  return dueAt ? stageForDays(calendarDaysUntil(dueAt, now), terms) : null;
}

/** Days between a review's due day and the first day of `stage` (negative: before the due day). */
export function stageOffsetDays(stage: ReviewStage, terms: ReviewTerms): number {
  switch (stage) {
    case 'upcoming':
      return -terms.upcomingDays;
    case 'due':
      return 0;
    case 'overdue':
      return terms.overdueDays;
    case 'escalated':
      return terms.escalationDays;
  }
}

/**
 * For queries: a review is at `stage` or later exactly when its review date lies before
 * `cutoffs[stage]` (the local midnight after the stage's last qualifying due day). Equivalent to
 * {@link reviewStage}, which the spec checks, but comparable in SQL and without a date per row.
 */
export function stageCutoffs(terms: ReviewTerms, now: Date): Record<ReviewStage, Date> {
  const today = dayNumber(now);
  const cutoff = (stage: ReviewStage) => startOfDay(today - stageOffsetDays(stage, terms) + 1);
  return { upcoming: cutoff('upcoming'), due: cutoff('due'), overdue: cutoff('overdue'), escalated: cutoff('escalated') };
}

/** Stage from precomputed cutoffs: the same answer as {@link reviewStage}, one comparison per stage. */
export function stageFromCutoffs(dueAt: Date | null, cutoffs: Record<ReviewStage, Date>): ReviewStage | null {
  if (!dueAt) return null;
  const t = dueAt.getTime();
  for (let i = REVIEW_STAGES.length - 1; i >= 0; i--) {
    if (t < cutoffs[REVIEW_STAGES[i]].getTime()) return REVIEW_STAGES[i];
  }
  return null;
}

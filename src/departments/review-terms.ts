import type { FieldProblem } from '../common/errors/domain-error';

/**
 * A department's review terms from its dienstverleningsovereenkomst (DVO): how many days before the
 * review date the first reminder goes out, and how many days after it a review counts as overdue
 * and is escalated to the KCC.
 */
export interface ReviewTerms {
  upcomingDays: number;
  overdueDays: number;
  escalationDays: number;
}

export const DEFAULT_REVIEW_TERMS: Readonly<ReviewTerms> = { upcomingDays: 14, overdueDays: 7, escalationDays: 21 };

export interface ReviewTermSettings {
  reviewUpcomingDays: number | null;
  reviewOverdueDays: number | null;
  reviewEscalationDays: number | null;
}

/** The department's own terms where it set them, the defaults elsewhere. */
export function reviewTermsOf(settings: ReviewTermSettings): ReviewTerms {
  return {
    upcomingDays: settings.reviewUpcomingDays ?? DEFAULT_REVIEW_TERMS.upcomingDays,
    overdueDays: settings.reviewOverdueDays ?? DEFAULT_REVIEW_TERMS.overdueDays,
    escalationDays: settings.reviewEscalationDays ?? DEFAULT_REVIEW_TERMS.escalationDays,
  };
}

/** Escalation must come after "overdue", or the overdue stage would never be reached. */
export function reviewTermProblems(settings: ReviewTermSettings): FieldProblem[] {
  const terms = reviewTermsOf(settings);
  return terms.escalationDays > terms.overdueDays
    ? []
    : [
        {
          field: settings.reviewEscalationDays !== null ? 'reviewEscalationDays' : 'reviewOverdueDays',
          code: 'ESCALATION_NOT_AFTER_OVERDUE',
          message: `escalation (${terms.escalationDays} days) must come after overdue (${terms.overdueDays} days)`,
        },
      ];
}

import type { ArticleKind } from './article-content';

/** Default review intervals per kind (products and FAQs twice a year, instructions quarterly). */
export const DEFAULT_REVIEW_INTERVAL_DAYS: Record<ArticleKind, number> = { product: 180, faq: 180, instruction: 90 };

/** How far ahead a review counts as "due soon" in lists and on the article. */
export const REVIEW_SOON_DAYS = 14;

const DAY_MS = 86_400_000;

/** Article override, else the department's DVO term, else the kind's default. */
export function effectiveReviewInterval(kind: ArticleKind, articleDays: number | null, departmentDays: number | null): number {
  return articleDays ?? departmentDays ?? DEFAULT_REVIEW_INTERVAL_DAYS[kind];
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

export type ReviewState = 'none' | 'ok' | 'soon' | 'overdue';

export function reviewState(dueAt: Date | null, now: Date): ReviewState {
  if (!dueAt) return 'none';
  if (dueAt.getTime() <= now.getTime()) return 'overdue';
  if (dueAt.getTime() <= addDays(now, REVIEW_SOON_DAYS).getTime()) return 'soon';
  return 'ok';
}

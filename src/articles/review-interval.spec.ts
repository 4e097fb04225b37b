import { addDays, effectiveReviewInterval, reviewState } from './review-interval';

describe('review interval', () => {
  it('prefers the article, then the department, then the kind default', () => {
    expect(effectiveReviewInterval('product', 30, 120)).toBe(30);
    expect(effectiveReviewInterval('product', null, 120)).toBe(120);
    expect(effectiveReviewInterval('product', null, null)).toBe(180);
    expect(effectiveReviewInterval('instruction', null, null)).toBe(90);
  });

  it('classifies due dates relative to now', () => {
    const now = new Date('2026-03-01T10:00:00Z');
    expect(reviewState(null, now)).toBe('none');
    expect(reviewState(addDays(now, -1), now)).toBe('overdue');
    expect(reviewState(now, now)).toBe('overdue');
    expect(reviewState(addDays(now, 14), now)).toBe('soon');
    expect(reviewState(addDays(now, 15), now)).toBe('ok');
  });
});

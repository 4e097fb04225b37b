import { settledBy } from './source-change-policy';

const task = { createdAt: new Date('2026-12-01T08:00:00Z'), articleVersion: 3 };

describe('settledBy', () => {
  it('is settled by a newer approved version', () => {
    expect(settledBy(task, { publishedVersion: 4, lastReviewedAt: new Date('2026-12-01T08:00:00Z') })).toBe('new_version');
  });

  it('is settled by the first approval of an article that had none when the change came in', () => {
    expect(settledBy({ ...task, articleVersion: null }, { publishedVersion: 1, lastReviewedAt: null })).toBe('new_version');
  });

  it('is settled by "inhoud gecontroleerd" after the change came in, not before or at the same moment', () => {
    expect(settledBy(task, { publishedVersion: 3, lastReviewedAt: new Date('2026-12-01T08:00:00.001Z') })).toBe('reviewed');
    expect(settledBy(task, { publishedVersion: 3, lastReviewedAt: new Date('2026-12-01T08:00:00Z') })).toBeNull();
    expect(settledBy(task, { publishedVersion: 3, lastReviewedAt: null })).toBeNull();
  });

  it('is not settled by the version it was raised against', () => {
    expect(settledBy(task, { publishedVersion: 3, lastReviewedAt: new Date('2026-11-01T08:00:00Z') })).toBeNull();
  });
});

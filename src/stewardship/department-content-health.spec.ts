import { DEFAULT_REVIEW_TERMS } from '../departments/review-terms';
import { ContentHealthAccumulator, ContentHealthRow, contentHealthFigures } from './department-content-health';

const now = new Date('2026-11-23T05:30:00Z'); // 06:30 in Amsterdam
const day = (offset: number) => new Date(Date.parse('2026-11-23T10:00:00Z') + offset * 86_400_000);
const anna = { id: 'u-anna', email: 'anna@lindeveen.nl', name: 'Anna', active: true };
const bert = { id: 'u-bert', email: 'bert@lindeveen.nl', name: 'Bert', active: true };
const gone = { id: 'u-gone', email: 'gone@lindeveen.nl', name: 'Gone', active: false };

let n = 0;
const row = (dept: string, due: number | null, extra: Partial<ContentHealthRow> = {}): ContentHealthRow => ({
  id: `a${++n}`,
  title: `Artikel ${n}`,
  departmentId: dept,
  reviewDueAt: due === null ? null : day(due),
  owner: anna,
  opens: 0,
  remindedStages: 0,
  ...extra,
});

describe(ContentHealthAccumulator.name, () => {
  const strict = { upcomingDays: 14, overdueDays: 3, escalationDays: 10 };
  const build = () => {
    n = 0;
    const acc = new ContentHealthAccumulator((d) => (d === 'afval' ? strict : DEFAULT_REVIEW_TERMS), now);
    // burgerzaken: 6 articles
    acc.add(row('bz', 40, { opens: 10 })); // a1 fine
    acc.add(row('bz', 30, { opens: 5 })); // a2 due in 30 days
    acc.add(row('bz', 0, { opens: 1, remindedStages: 2 })); // a3 due today: within; Anna reminded twice
    acc.add(row('bz', -3, { opens: 20, owner: bert, remindedStages: 1 })); // a4 overdue 3
    acc.add(row('bz', -25, { opens: 4, remindedStages: 4 })); // a5 overdue 25, escalated (21)
    acc.add(row('bz', null, { opens: 0 })); // a6 no review date
    // afval (terms 14/3/10): 3 articles
    acc.add(row('afval', -10, { owner: gone, remindedStages: 3 })); // a7 escalated (10); inactive owner does not count as not acting
    acc.add(row('afval', -9, { opens: 2 })); // a8 overdue, not escalated
    acc.add(row('afval', 100)); // a9
    return acc;
  };

  it('counts a department by hand-checked truth', () => {
    const bz = build().byDepartment(['bz']).get('bz')!;
    expect(contentHealthFigures(bz)).toEqual({
      published: 6,
      withinReviewDate: 3,
      withoutReviewDate: 1,
      trustScore: 0.5,
      opens: 40,
      trustScoreByOpens: 0.4, // (10 + 5 + 1) / 40
      dueIn30Days: 2,
      overdue: 2,
      escalated: 1,
      medianDaysOverdue: 14, // (3 + 25) / 2
      editorsNotActing: 1,
    });
    expect(bz.editorsNotActingList).toEqual([{ userId: 'u-anna', email: 'anna@lindeveen.nl', name: 'Anna', articles: 2 }]);
    expect(bz.mostUrgent.map((a) => [a.id, a.opens, a.daysOverdue])).toEqual([
      ['a4', 20, 3],
      ['a5', 4, 25],
    ]);
  });

  it("applies each department's own terms, and never counts inactive owners as not acting", () => {
    const afval = build().byDepartment(['afval']).get('afval')!;
    expect(afval).toMatchObject({
      published: 3,
      overdue: 2,
      escalated: 1,
      medianDaysOverdue: 9.5,
      editorsNotActing: 0,
      trustScore: 0.333,
      trustScoreByOpens: 0,
    });
  });

  it('adds everything up overall, and gives empty departments zeros and nulls', () => {
    const acc = build();
    expect(acc.total()).toMatchObject({
      published: 9,
      withinReviewDate: 4,
      overdue: 4,
      escalated: 2,
      medianDaysOverdue: 9.5,
      opens: 42,
      editorsNotActing: 1,
    });
    expect(acc.total().mostUrgent.map((a) => a.id)).toEqual(['a4', 'a5', 'a8', 'a7']);
    expect(contentHealthFigures(acc.byDepartment(['leeg']).get('leeg')!)).toEqual({
      published: 0,
      withinReviewDate: 0,
      withoutReviewDate: 0,
      trustScore: null,
      opens: 0,
      trustScoreByOpens: null,
      dueIn30Days: 0,
      overdue: 0,
      escalated: 0,
      medianDaysOverdue: null,
      editorsNotActing: 0,
    });
  });

  it('keeps only the five most opened overdue articles', () => {
    n = 0;
    const acc = new ContentHealthAccumulator(() => DEFAULT_REVIEW_TERMS, now);
    for (const opens of [3, 9, 1, 7, 5, 8, 2]) acc.add(row('bz', -5, { opens }));
    expect(acc.total().mostUrgent.map((a) => a.opens)).toEqual([9, 8, 7, 5, 3]);
  });
});

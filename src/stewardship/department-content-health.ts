import { calendarDaysUntil } from '../common/time/calendar-day';
import type { ReviewTerms } from '../departments/review-terms';
import { stageForDays } from './review-policy';

/** One live article as the content-health figures see it. */
export interface ContentHealthRow {
  id: string;
  title: string;
  departmentId: string;
  reviewDueAt: Date | null;
  owner: { id: string; email: string; name: string; active: boolean } | null;
  /** times agents opened it from search in the opens window */
  opens: number;
  /** distinct reminder stages recorded for its current review cycle */
  remindedStages: number;
}

/** The numbers of the dashboard, per department or overall; also what a daily snapshot keeps. */
export interface ContentHealthFigures {
  published: number;
  /** review date today or later */
  withinReviewDate: number;
  withoutReviewDate: number;
  /** share of published articles within their review date (null without articles) */
  trustScore: number | null;
  /** opens in the window, all published articles together */
  opens: number;
  /** the same share, each article weighted by its opens (null when nothing was opened) */
  trustScoreByOpens: number | null;
  /** review date between today and 30 days ahead */
  dueIn30Days: number;
  /** review date has passed */
  overdue: number;
  /** in the escalated stage of the department's terms */
  escalated: number;
  medianDaysOverdue: number | null;
  editorsNotActing: number;
}

export interface EditorNotActing {
  userId: string;
  email: string;
  name: string;
  /** their articles reminded at two or more stages of the current cycle without a review */
  articles: number;
}

export interface UrgentArticle {
  id: string;
  title: string;
  opens: number;
  daysOverdue: number;
  owner: { email: string; name: string } | null;
}

export interface DepartmentContentHealth extends ContentHealthFigures {
  editorsNotActingList: EditorNotActing[];
  mostUrgent: UrgentArticle[];
}

export const DUE_SOON_DAYS = 30;
export const MOST_URGENT = 5;
/** Reminded at this many stages of one cycle without a review: the owner is not acting. */
export const NOT_ACTING_STAGES = 2;

const round3 = (n: number): number => Math.round(n * 1000) / 1000;

class Tally {
  published = 0;
  within = 0;
  withoutDate = 0;
  opens = 0;
  opensWithin = 0;
  dueSoon = 0;
  escalated = 0;
  daysOverdue: number[] = [];
  notActing = new Map<string, EditorNotActing>();
  urgent: UrgentArticle[] = [];

  add(row: ContentHealthRow, daysUntil: number | null, terms: ReviewTerms): void {
    this.published++;
    this.opens += row.opens;
    if (daysUntil === null) {
      this.withoutDate++;
    } else if (daysUntil >= 0) {
      this.within++;
      this.opensWithin += row.opens;
      if (daysUntil <= DUE_SOON_DAYS) this.dueSoon++;
    } else {
      this.daysOverdue.push(-daysUntil);
      if (stageForDays(daysUntil, terms) === 'escalated') this.escalated++;
      this.considerUrgent({
        id: row.id,
        title: row.title,
        opens: row.opens,
        daysOverdue: -daysUntil,
        owner: row.owner ? { email: row.owner.email, name: row.owner.name } : null,
      });
    }
    if (row.owner?.active && row.remindedStages >= NOT_ACTING_STAGES) {
      const entry = this.notActing.get(row.owner.id) ?? { userId: row.owner.id, email: row.owner.email, name: row.owner.name, articles: 0 };
      entry.articles++;
      this.notActing.set(row.owner.id, entry);
    }
  }

  // Most opened first, then the longest overdue; only the top few are kept.
  private considerUrgent(article: UrgentArticle): void {
    const before = (a: UrgentArticle, b: UrgentArticle) => b.opens - a.opens || b.daysOverdue - a.daysOverdue || a.id.localeCompare(b.id);
    if (this.urgent.length === MOST_URGENT && before(article, this.urgent[MOST_URGENT - 1]) >= 0) return;
    this.urgent.push(article);
    this.urgent.sort(before);
    if (this.urgent.length > MOST_URGENT) this.urgent.pop();
  }

  result(): DepartmentContentHealth {
    const sorted = [...this.daysOverdue].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    const median = sorted.length === 0 ? null : sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    const notActing = [...this.notActing.values()].sort((a, b) => b.articles - a.articles || a.email.localeCompare(b.email));
    return {
      published: this.published,
      withinReviewDate: this.within,
      withoutReviewDate: this.withoutDate,
      trustScore: this.published === 0 ? null : round3(this.within / this.published),
      opens: this.opens,
      trustScoreByOpens: this.opens === 0 ? null : round3(this.opensWithin / this.opens),
      dueIn30Days: this.dueSoon,
      overdue: sorted.length,
      escalated: this.escalated,
      medianDaysOverdue: median,
      editorsNotActing: notActing.length,
      editorsNotActingList: notActing,
      mostUrgent: this.urgent,
    };
  }
}

/**
 * Content health per department and overall, fed one live article at a time (a scan over 100,000
 * articles keeps only counts, the overdue day counts and a top five). Pure: `now` and each
 * department's terms come in.
 */
export class ContentHealthAccumulator {
  private readonly tallies = new Map<string, Tally>();
  private readonly overall = new Tally();

  constructor(
    private readonly termsOf: (departmentId: string) => ReviewTerms,
    private readonly now: Date,
  ) {}

  add(row: ContentHealthRow): void {
    const daysUntil = row.reviewDueAt ? calendarDaysUntil(row.reviewDueAt, this.now) : null;
    const terms = this.termsOf(row.departmentId);
    let tally = this.tallies.get(row.departmentId);
    if (!tally) this.tallies.set(row.departmentId, (tally = new Tally()));
    tally.add(row, daysUntil, terms);
    this.overall.add(row, daysUntil, terms);
  }

  /** Every department asked for (zeros for those without live articles). */
  byDepartment(departmentIds: string[]): Map<string, DepartmentContentHealth> {
    return new Map(departmentIds.map((id) => [id, (this.tallies.get(id) ?? new Tally()).result()]));
  }

  total(): DepartmentContentHealth {
    return this.overall.result();
  }
}

/** The numbers a snapshot keeps (the lists are for today's dashboard only). */
export function contentHealthFigures(health: DepartmentContentHealth): ContentHealthFigures {
  const { editorsNotActingList: _list, mostUrgent: _urgent, ...figures } = health;
  return figures;
}

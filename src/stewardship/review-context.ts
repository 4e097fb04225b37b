import { Inject, Injectable } from '@nestjs/common';
import type { ReviewSubject } from '../articles/article-reviews.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Department } from '../departments/department.entity';
import { DepartmentsService } from '../departments/departments.service';
import { ReviewTerms, reviewTermsOf } from '../departments/review-terms';
import { UsersService } from '../users/users.service';
import { Person, Recipient, reminderRecipients } from './reminder-recipients';
import { ReviewStage, stageCutoffs, stageFromCutoffs } from './review-policy';

/**
 * What a scan, a delivery run or a dashboard request needs to know besides the articles, loaded
 * once: every department with its terms and coordinators, the kennisregisseur, and "now".
 */
export class ReviewContext {
  private readonly cutoffCache = new Map<string, Record<ReviewStage, Date>>();
  private readonly byId: Map<string, Department>;

  constructor(
    readonly now: Date,
    readonly departments: Department[],
    private readonly coordinatorsOf: Map<string, Person[]>,
    readonly kennisregisseur: Person | null,
  ) {
    this.byId = new Map(departments.map((d) => [d.id, d]));
  }

  department(id: string): Department | undefined {
    return this.byId.get(id);
  }

  termsOf(departmentId: string): ReviewTerms {
    const department = this.byId.get(departmentId);
    return department
      ? reviewTermsOf(department)
      : reviewTermsOf({ reviewUpcomingDays: null, reviewOverdueDays: null, reviewEscalationDays: null });
  }

  stageOf(article: Pick<ReviewSubject, 'departmentId' | 'reviewDueAt'>): ReviewStage | null {
    let cutoffs = this.cutoffCache.get(article.departmentId);
    if (!cutoffs) this.cutoffCache.set(article.departmentId, (cutoffs = stageCutoffs(this.termsOf(article.departmentId), this.now)));
    return stageFromCutoffs(article.reviewDueAt, cutoffs);
  }

  /** Review dates before this are at `stage` or later in some department today (a query bound). */
  stagedBefore(stage: ReviewStage = 'upcoming'): Date {
    const cutoff = (departmentId: string) => stageCutoffs(this.termsOf(departmentId), this.now)[stage].getTime();
    return new Date(Math.max(cutoff(''), ...this.departments.map((d) => cutoff(d.id))));
  }

  /** Review dates before this are at `stage` or later in this department today. */
  cutoff(departmentId: string, stage: ReviewStage): Date {
    return stageCutoffs(this.termsOf(departmentId), this.now)[stage];
  }

  coordinators(departmentId: string): Person[] {
    return this.coordinatorsOf.get(departmentId) ?? [];
  }

  recipients(stage: ReviewStage, article: ReviewSubject, ownerWantsDigest: boolean): Recipient[] {
    return reminderRecipients(stage, {
      owner: article.owner,
      ownerWantsDigest,
      coordinators: this.coordinators(article.departmentId),
      kennisregisseur: this.kennisregisseur,
    });
  }

  /** Departments whose fallback reminders reach `email`: those it coordinates, all without coordinators for the kennisregisseur. */
  departmentsCoveredBy(email: string): string[] {
    return this.departments
      .filter(
        (d) =>
          this.coordinators(d.id).some((c) => c.email === email) ||
          (this.coordinators(d.id).length === 0 && this.kennisregisseur?.email === email),
      )
      .map((d) => d.id);
  }
}

@Injectable()
export class ReviewContextLoader {
  constructor(
    private readonly departments: DepartmentsService,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async load(now: Date): Promise<ReviewContext> {
    const departments = await this.departments.list();
    const regie = this.config.stewardship.kennisregisseurEmail;
    const known = await this.users.findByEmails([...departments.flatMap((d) => d.coordinators), ...(regie ? [regie] : [])]);
    const person = (email: string): Person => ({ email, name: known.get(email)?.name ?? '', userId: known.get(email)?.id ?? null });
    return new ReviewContext(
      now,
      departments,
      new Map(departments.map((d) => [d.id, d.coordinators.map(person)])),
      regie ? person(regie) : null,
    );
  }
}

import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { NullableColumn, TextArrayColumn } from '../common/persistence/columns';

/** A vakafdeling: owns articles and agrees review terms with the KCC (its DVO). */
@Entity('departments')
@Check('ck_departments_review_interval', 'review_interval_days IS NULL OR review_interval_days BETWEEN 1 AND 3650')
@Check('ck_departments_review_upcoming', 'review_upcoming_days IS NULL OR review_upcoming_days BETWEEN 0 AND 365')
@Check('ck_departments_review_overdue', 'review_overdue_days IS NULL OR review_overdue_days BETWEEN 1 AND 365')
@Check('ck_departments_review_escalation', 'review_escalation_days IS NULL OR review_escalation_days BETWEEN 2 AND 730')
export class Department {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_departments_slug', { unique: true })
  @Column('text')
  slug: string;

  @Column('text')
  name: string;

  @Column('text', { default: '' })
  contactEmail: string;

  /** E-mail addresses of the department's content coordinators (reminder fallback and escalation). */
  @TextArrayColumn()
  coordinators: string[];

  /** Default review interval for this department's articles; null falls back to the per-kind default. */
  @NullableColumn('int')
  reviewIntervalDays: number | null;

  /** Days before the review date that the first reminder goes out; null: the default (14). */
  @NullableColumn('int')
  reviewUpcomingDays: number | null;

  /** Days after the review date that a review counts as overdue; null: the default (7). */
  @NullableColumn('int')
  reviewOverdueDays: number | null;

  /** Days after the review date that it is escalated to the coordinators; null: the default (21). */
  @NullableColumn('int')
  reviewEscalationDays: number | null;

  /** Whether an editor may approve their own change (the department's choice). */
  @Column('boolean', { default: false })
  allowSelfApproval: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  rowVersion: number;
}

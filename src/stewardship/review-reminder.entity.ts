import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { NullableColumn } from '../common/persistence/columns';
import type { ReviewStage } from './review-policy';

/**
 * One reminder stage reached by one review cycle of one article. The unique key is the exactly-once
 * guard: whoever inserts the row (INSERT … ON CONFLICT DO NOTHING) records its deliveries in the same
 * transaction; everyone else inserts nothing and sends nothing.
 */
@Entity('review_reminders')
@Check('ck_review_reminders_stage', `stage IN ('upcoming', 'due', 'overdue', 'escalated')`)
@Index('uq_review_reminders_cycle_stage', ['articleId', 'cycle', 'stage'], { unique: true })
export class ReviewReminder {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  articleId: string;

  /** The review date this cycle is for; confirming a review or approving a version starts a new cycle. */
  @Column('timestamptz')
  cycle: Date;

  @Column('text')
  stage: ReviewStage;

  @Column('uuid')
  departmentId: string;

  /** The owner when the reminder was recorded (the dashboard's "editors not acting"). */
  @NullableColumn('uuid')
  ownerId: string | null;

  @Column('timestamptz')
  recordedAt: Date;
}

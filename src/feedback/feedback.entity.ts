import { Check, Column, Entity, Index, PrimaryColumn, VersionColumn, type Relation } from 'typeorm';
import { ForeignKey, NullableColumn, TextArrayColumn } from '../common/persistence/columns';
import { Article } from '../articles/article.entity';
import { Department } from '../departments/department.entity';
import { User } from '../users/user.entity';
import type { FeedbackKind } from '../notifications/templates/feedback-received.template';
import type { FeedbackStatus } from './feedback-workflow';

/** A terugmelding: an agent reports that a published article is wrong, incomplete, unclear, ... */
@Entity('feedback')
@Check('ck_feedback_kind', `kind IN ('incorrect', 'incomplete', 'unclear', 'outdated', 'cannot-find')`)
@Check('ck_feedback_status', `status IN ('open', 'in_progress', 'resolved', 'rejected')`)
@Index('ix_feedback_department_status', ['departmentId', 'status'])
@Index('ix_feedback_article_status', ['articleId', 'status'])
@Index('ix_feedback_reporter_created', ['reporterId', 'createdAt'])
@Index('ix_feedback_created_id', ['createdAt', 'id'])
export class Feedback {
  @PrimaryColumn('uuid')
  id: string;

  @ForeignKey(() => Article, 'CASCADE')
  articleId: string;
  article?: Relation<Article>;

  /** the live version the agent read */
  @Column('int')
  articleVersion: number;

  /** the title the agent saw (the article may be renamed or archived later) */
  @Column('text')
  articleTitle: string;

  /** the department responsible; follows the article when it moves */
  @ForeignKey(() => Department, 'RESTRICT')
  departmentId: string;
  department?: Relation<Department>;

  @ForeignKey(() => User, 'SET NULL')
  reporterId: string | null;
  reporter?: Relation<User> | null;

  @Column('text')
  kind: FeedbackKind;

  /** a part of the article (`kosten`, `answer`, ...), valid for its kind */
  @NullableColumn('text')
  section: string | null;

  @Column('text')
  comment: string;

  /** what the agent searched for, scrubbed of personal data */
  @NullableColumn('text')
  searchQuery: string | null;

  @Column('text')
  status: FeedbackStatus;

  /** the answer the agent sees */
  @NullableColumn('text')
  reply: string | null;

  @ForeignKey(() => User, 'SET NULL')
  handledById: string | null;
  handledBy?: Relation<User> | null;

  /** who was told: the owner, else the department's coordinators (decided when reported) */
  @TextArrayColumn()
  routedTo: string[];

  /** when a channel accepted the notification; null while not (yet) delivered */
  @NullableColumn('timestamptz')
  notifiedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @NullableColumn('timestamptz')
  startedAt: Date | null;

  @NullableColumn('timestamptz')
  closedAt: Date | null;

  @VersionColumn()
  rowVersion: number;
}

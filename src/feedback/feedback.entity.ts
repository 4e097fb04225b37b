import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, VersionColumn, type Relation } from 'typeorm';
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

  @Column('uuid')
  articleId: string;

  @ManyToOne(() => Article, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'article_id' })
  article?: Relation<Article>;

  /** the live version the agent read */
  @Column('int')
  articleVersion: number;

  /** the title the agent saw (the article may be renamed or archived later) */
  @Column('text')
  articleTitle: string;

  /** the department responsible; follows the article when it moves */
  @Column('uuid')
  departmentId: string;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id' })
  department?: Relation<Department>;

  @Column('uuid', { nullable: true })
  reporterId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'reporter_id' })
  reporter?: Relation<User> | null;

  @Column('text')
  kind: FeedbackKind;

  /** a part of the article (`kosten`, `answer`, ...), valid for its kind */
  @Column('text', { nullable: true })
  section: string | null;

  @Column('text')
  comment: string;

  /** what the agent searched for, scrubbed of personal data */
  @Column('text', { nullable: true })
  searchQuery: string | null;

  @Column('text')
  status: FeedbackStatus;

  /** the answer the agent sees */
  @Column('text', { nullable: true })
  reply: string | null;

  @Column('uuid', { nullable: true })
  handledById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'handled_by_id' })
  handledBy?: Relation<User> | null;

  /** who was told: the owner, else the department's coordinators (decided when reported) */
  @Column('text', { array: true, default: () => "'{}'" })
  routedTo: string[];

  /** when a channel accepted the notification; null while not (yet) delivered */
  @Column('timestamptz', { nullable: true })
  notifiedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @Column('timestamptz', { nullable: true })
  startedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  closedAt: Date | null;

  @VersionColumn()
  rowVersion: number;
}

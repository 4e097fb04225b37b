import { Check, Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn, type Relation } from 'typeorm';
import { AggregationRun } from '../common/persistence/aggregation-run';
import { ForeignKey, NullableColumn } from '../common/persistence/columns';
import { Article } from '../articles/article.entity';
import { Department } from '../departments/department.entity';
import { User } from '../users/user.entity';
import type { ContentGapStatus } from './content-gap-workflow';

/**
 * Something agents search for and do not find (no results, or nothing worth opening): a question the
 * kennisbank does not answer yet. One row per search intent; the job refreshes the figures.
 */
@Entity('content_gaps')
@Check('ck_content_gaps_status', `status IN ('open', 'assigned', 'resolved', 'dismissed')`)
@Index('ix_content_gaps_status_searches', ['status', 'searches'])
@Index('ix_content_gaps_department_status', ['departmentId', 'status'])
export class ContentGap {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** the normalised intent (sorted words): the upsert key */
  @Index('uq_content_gaps_intent_key', { unique: true })
  @Column('text')
  intentKey: string;

  /** how agents typed it most often (scrubbed of personal data) */
  @Column('text')
  query: string;

  /** failed searches in the job's window (zero results + no click) */
  @Column('int')
  searches: number;

  @Column('int')
  zeroResults: number;

  @Column('int')
  noClicks: number;

  @Column('timestamptz')
  firstSeenAt: Date;

  @Column('timestamptz')
  lastSeenAt: Date;

  /** from the departments of the articles agents opened next */
  @ForeignKey(() => Department, 'SET NULL')
  suggestedDepartmentId: string | null;
  suggestedDepartment?: Relation<Department> | null;

  @Column('text')
  status: ContentGapStatus;

  /** the department asked to write the answer */
  @ForeignKey(() => Department, 'SET NULL')
  departmentId: string | null;
  department?: Relation<Department> | null;

  @NullableColumn('timestamptz')
  assignedAt: Date | null;

  /** the article that answers it */
  @ForeignKey(() => Article, 'SET NULL')
  resolvedArticleId: string | null;
  resolvedArticle?: Relation<Article> | null;

  @NullableColumn('text')
  dismissedReason: string | null;

  @NullableColumn('timestamptz')
  closedAt: Date | null;

  /** who assigned, resolved or dismissed it last */
  @ForeignKey(() => User, 'SET NULL')
  handledById: string | null;
  handledBy?: Relation<User> | null;

  @Column('timestamptz')
  createdAt: Date;

  @VersionColumn()
  rowVersion: number;
}

/** One run of the aggregation job: when, over which window, with what outcome. */
@Entity('content_gap_runs')
@Index('ix_content_gap_runs_ran_at', ['ranAt'])
export class ContentGapRun extends AggregationRun {
  @Column('int')
  failedSearches: number;

  /** gaps made or refreshed */
  @Column('int')
  gaps: number;
}

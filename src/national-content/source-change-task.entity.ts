import { Check, Column, Entity, Index, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ForeignKey, NullableColumn, TextArrayColumn } from '../common/persistence/columns';
import { Article } from '../articles/article.entity';
import { User } from '../users/user.entity';
import { NationalItemVersion } from './national-item.entity';

export const CLOSE_REASONS = ['confirmed', 'new_version', 'reviewed', 'superseded', 'unlinked'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/**
 * A bronwijziging: the national text an article builds on has a version the article does not agree
 * with yet. One per article per national version (the unique key makes replaying a feed harmless),
 * and at most one open per article (a newer national version supersedes the open one).
 */
@Entity('source_change_tasks')
@Check(
  'ck_source_change_tasks_reason',
  `closed_reason IS NULL OR closed_reason IN ('confirmed', 'new_version', 'reviewed', 'superseded', 'unlinked')`,
)
@Index('uq_source_change_tasks_article_version', ['articleId', 'toVersionId'], { unique: true })
@Index('uq_source_change_tasks_open', ['articleId'], { unique: true, where: 'closed_at IS NULL' })
export class SourceChangeTask {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey(() => Article, 'CASCADE')
  articleId: string;
  article?: Relation<Article>;

  /** the version the article agreed with when the change came in */
  @ForeignKey(() => NationalItemVersion, 'CASCADE')
  fromVersionId: string;
  fromVersion?: Relation<NationalItemVersion>;

  @ForeignKey(() => NationalItemVersion, 'CASCADE')
  toVersionId: string;
  toVersion?: Relation<NationalItemVersion>;

  /** the article's live version when the change came in; approving a later one closes the task */
  @NullableColumn('int')
  articleVersion: number | null;

  @TextArrayColumn()
  routedTo: string[];

  @NullableColumn('timestamptz')
  notifiedAt: Date | null;

  @Column('timestamptz')
  createdAt: Date;

  @NullableColumn('timestamptz')
  closedAt: Date | null;

  @NullableColumn('text')
  closedReason: CloseReason | null;

  @ForeignKey(() => User, 'SET NULL')
  closedById: string | null;
  closedBy?: Relation<User> | null;
}

import { Check, Column, Entity, Index, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ForeignKey, NullableColumn } from '../common/persistence/columns';
import { Article } from '../articles/article.entity';
import { Department } from '../departments/department.entity';
import type { LinkStatus } from './url-checker';

export type LinkCheckRunStatus = 'running' | 'completed' | 'failed';

/** One run of the link check over all published content. At most one runs at a time. */
@Entity('link_check_runs')
@Check('ck_link_check_runs_status', `status IN ('running', 'completed', 'failed')`)
@Index('uq_link_check_runs_running', ['status'], { unique: true, where: `status = 'running'` })
@Index('ix_link_check_runs_started', ['startedAt'])
export class LinkCheckRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  status: LinkCheckRunStatus;

  /** `schedule`, or the e-mail address of who started it */
  @Column('text')
  trigger: string;

  @Column('timestamptz')
  startedAt: Date;

  @NullableColumn('timestamptz')
  finishedAt: Date | null;

  @Column('int', { default: 0 })
  articles: number;

  /** distinct URLs checked */
  @Column('int', { default: 0 })
  links: number;

  /** distinct URLs found broken or unreachable */
  @Column('int', { default: 0 })
  broken: number;

  @NullableColumn('text')
  error: string | null;
}

/** What every row a run records is about: a URL, in that run (and deleted with it). */
abstract class LinkCheckRunRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey(() => LinkCheckRun, 'CASCADE')
  runId: string;
  run?: Relation<LinkCheckRun>;

  @Column('text')
  url: string;
}

/** The status of one URL in one run (each URL is checked once per run, however often it is used). */
@Entity('link_check_results')
@Index('uq_link_check_results_run_url', ['runId', 'url'], { unique: true })
export class LinkCheckResult extends LinkCheckRunRow {
  @Column('text')
  status: LinkStatus;

  @NullableColumn('int')
  httpStatus: number | null;

  @NullableColumn('text')
  finalUrl: string | null;

  @NullableColumn('text')
  error: string | null;

  @Column('int')
  attempts: number;

  @Column('timestamptz')
  checkedAt: Date;
}

/** Where a URL is used: an article (its department at the time of the run) and the part of it. */
@Entity('link_check_occurrences')
@Index('ix_link_check_occurrences_run_department', ['runId', 'departmentId'])
@Index('ix_link_check_occurrences_run_article', ['runId', 'articleId'])
@Index('ix_link_check_occurrences_run_url', ['runId', 'url'])
export class LinkCheckOccurrence extends LinkCheckRunRow {
  @ForeignKey(() => Article, 'CASCADE')
  articleId: string;
  article?: Relation<Article>;

  @Column('text')
  articleTitle: string;

  @ForeignKey(() => Department, 'CASCADE')
  departmentId: string;
  department?: Relation<Department>;

  /** `sections.kosten`, `answer`, ... */
  @Column('text')
  part: string;
}

import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
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

  @Column('timestamptz', { nullable: true })
  finishedAt: Date | null;

  @Column('int', { default: 0 })
  articles: number;

  /** distinct URLs checked */
  @Column('int', { default: 0 })
  links: number;

  /** distinct URLs found broken or unreachable */
  @Column('int', { default: 0 })
  broken: number;

  @Column('text', { nullable: true })
  error: string | null;
}

/** The status of one URL in one run (each URL is checked once per run, however often it is used). */
@Entity('link_check_results')
@Index('uq_link_check_results_run_url', ['runId', 'url'], { unique: true })
export class LinkCheckResult {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  runId: string;

  @ManyToOne(() => LinkCheckRun, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id' })
  run?: Relation<LinkCheckRun>;

  @Column('text')
  url: string;

  @Column('text')
  status: LinkStatus;

  @Column('int', { nullable: true })
  httpStatus: number | null;

  @Column('text', { nullable: true })
  finalUrl: string | null;

  @Column('text', { nullable: true })
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
export class LinkCheckOccurrence {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  runId: string;

  @ManyToOne(() => LinkCheckRun, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id' })
  run?: Relation<LinkCheckRun>;

  @Column('uuid')
  articleId: string;

  @ManyToOne(() => Article, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'article_id' })
  article?: Relation<Article>;

  @Column('text')
  articleTitle: string;

  @Column('uuid')
  departmentId: string;

  @ManyToOne(() => Department, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'department_id' })
  department?: Relation<Department>;

  @Column('text')
  url: string;

  /** `sections.kosten`, `answer`, ... */
  @Column('text')
  part: string;
}

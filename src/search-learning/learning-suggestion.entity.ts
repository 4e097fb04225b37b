import { Check, Column, Entity, Index, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AggregationRun } from '../common/persistence/aggregation-run';
import { ForeignKey, NullableColumn } from '../common/persistence/columns';
import { Article } from '../articles/article.entity';
import { User } from '../users/user.entity';

export const SUGGESTION_KINDS = ['question', 'synonym'] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

export const SUGGESTION_STATUSES = ['open', 'accepted', 'rejected'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

/** A failed search and the reformulation that found something, as shown to the coordinator. */
export interface SuggestionExample {
  failed: string;
  found: string;
}

/**
 * What the kennisbank learned from agents' reformulations, waiting for a coordinator: a question
 * variant for one article, or a pair of synonyms. One row per `key` for good: once accepted or
 * rejected, the job never reopens it, so a rejected pair never comes back.
 */
@Entity('learning_suggestions')
@Check('ck_learning_suggestions_kind', `kind IN ('question', 'synonym')`)
@Check('ck_learning_suggestions_status', `status IN ('open', 'accepted', 'rejected')`)
@Check(
  'ck_learning_suggestions_shape',
  `(kind = 'question' AND article_id IS NOT NULL AND question IS NOT NULL AND terms IS NULL) OR ` +
    `(kind = 'synonym' AND article_id IS NULL AND question IS NULL AND cardinality(terms) = 2)`,
)
@Index('ix_learning_suggestions_status_kind', ['status', 'kind', 'searchers'])
@Index('ix_learning_suggestions_article', ['articleId'])
export class LearningSuggestion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** `question:<article>:<question key>` or `synonym:<keys>|<keys>`: the upsert key and the memory of decisions */
  @Index('uq_learning_suggestions_key', { unique: true })
  @Column('text')
  key: string;

  @Column('text')
  kind: SuggestionKind;

  /** question variants: the article agents opened after the failed search */
  @ForeignKey(() => Article, 'CASCADE', { nullable: true })
  articleId: string | null;
  article?: Relation<Article> | null;

  /** question variants: the failed query as agents typed it (scrubbed, checked for personal data) */
  @NullableColumn('text')
  question: string | null;

  /** synonyms: the failed query's term and the term that found the article */
  @Column('text', { array: true, nullable: true })
  terms: string[] | null;

  /** distinct daily pseudonyms behind the evidence */
  @Column('int')
  searchers: number;

  /** distinct days with evidence */
  @Column('int')
  days: number;

  /** reformulations (failed search → next search → click) seen */
  @Column('int')
  reformulations: number;

  @Column('jsonb', { default: () => "'[]'" })
  examples: SuggestionExample[];

  @Column('timestamptz')
  firstSeenAt: Date;

  @Column('timestamptz')
  lastSeenAt: Date;

  @Column('text')
  status: SuggestionStatus;

  @ForeignKey(() => User, 'SET NULL')
  decidedById: string | null;
  decidedBy?: Relation<User> | null;

  @NullableColumn('timestamptz')
  decidedAt: Date | null;

  @NullableColumn('text')
  rejectReason: string | null;

  /** question variants: the article version that took it in on acceptance */
  @NullableColumn('int')
  appliedVersion: number | null;

  @Column('timestamptz')
  createdAt: Date;
}

/** One run of the learning job: when, over which window, with what outcome. */
@Entity('learning_runs')
@Index('ix_learning_runs_ran_at', ['ranAt'])
export class LearningRun extends AggregationRun {
  /** reformulations found in the window, before filtering */
  @Column('int')
  reformulations: number;

  /** dropped for personal data */
  @Column('int')
  withPersonalData: number;

  /** question-variant and synonym candidates that met the thresholds */
  @Column('int')
  questions: number;

  @Column('int')
  synonyms: number;

  /** new suggestions opened by this run */
  @Column('int')
  created: number;
}

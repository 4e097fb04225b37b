import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ForeignKey, NullableColumn } from '../common/persistence/columns';
import { Article } from './article.entity';

/** Audit trail: one row per state change or edit of an article, with who did it. */
@Entity('article_events')
@Index('ix_article_events_article', ['articleId', 'id'])
@Index('ix_article_events_tx', ['txId', 'id'])
export class ArticleEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @ForeignKey(() => Article, 'CASCADE')
  articleId: string;
  article?: Relation<Article>;

  @Column('text')
  action: string;

  @NullableColumn('text')
  fromStatus: string | null;

  @NullableColumn('text')
  toStatus: string | null;

  @NullableColumn('uuid')
  actorId: string | null;

  @NullableColumn('int')
  version: number | null;

  @Column('jsonb', { default: () => "'{}'" })
  details: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** The writing transaction (set by the database): orders the catalogue change feed by commit safety. */
  @Column({ type: 'bigint', default: () => 'current_tx_id()', insert: false, update: false, select: false })
  txId: string;
}

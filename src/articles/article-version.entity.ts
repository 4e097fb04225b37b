import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from '../users/user.entity';
import { Article } from './article.entity';
import { type ArticleContent, CONTENT_COLUMN_TRANSFORMER } from './article-content';
import type { RenderedContent } from './markdown/markdown-renderer';

/** An approved revision. Never updated after insert. */
@Entity('article_versions')
@Index('uq_article_versions_article_number', ['articleId', 'number'], { unique: true })
export class ArticleVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  articleId: string;

  @ManyToOne(() => Article, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'article_id' })
  article?: Relation<Article>;

  @Column('int')
  number: number;

  @Column('jsonb', { transformer: CONTENT_COLUMN_TRANSFORMER })
  content: ArticleContent;

  /** Sanitised HTML and plain text per part, rendered once at approval. */
  @Column('jsonb')
  rendered: RenderedContent;

  /** Public plain text (no KCC notes): for search and "kopieer antwoord". */
  @Column('text')
  plainText: string;

  @Column('text')
  contentHash: string;

  @Column('text', { default: '' })
  reason: string;

  @Column('uuid', { nullable: true })
  authorId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id' })
  author?: Relation<User> | null;

  @Column('uuid', { nullable: true })
  approvedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'approved_by_id' })
  approvedBy?: Relation<User> | null;

  @Column('int', { nullable: true })
  restoredFrom: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

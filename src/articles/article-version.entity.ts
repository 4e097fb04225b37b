import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ForeignKey, NullableColumn } from '../common/persistence/columns';
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

  @ForeignKey(() => Article, 'CASCADE')
  articleId: string;
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

  @ForeignKey(() => User, 'SET NULL')
  authorId: string | null;
  author?: Relation<User> | null;

  @ForeignKey(() => User, 'SET NULL')
  approvedById: string | null;
  approvedBy?: Relation<User> | null;

  @NullableColumn('int')
  restoredFrom: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

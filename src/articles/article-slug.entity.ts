import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Article } from './article.entity';

/** A slug an article used to have; kept so old links redirect. */
@Entity('article_slugs')
export class ArticleSlug {
  @PrimaryColumn('text')
  slug: string;

  @Index('ix_article_slugs_article')
  @Column('uuid')
  articleId: string;

  @ManyToOne(() => Article, { onDelete: 'CASCADE' })
  article?: Relation<Article>;

  @CreateDateColumn({ type: 'timestamptz' })
  retiredAt: Date;
}

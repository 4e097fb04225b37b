import { CreateDateColumn, Entity, Index, PrimaryColumn, type Relation } from 'typeorm';
import { ForeignKey } from '../common/persistence/columns';
import { Article } from './article.entity';

/** A slug an article used to have; kept so old links redirect. */
@Entity('article_slugs')
export class ArticleSlug {
  @PrimaryColumn('text')
  slug: string;

  @Index('ix_article_slugs_article')
  @ForeignKey(() => Article, 'CASCADE')
  articleId: string;
  article?: Relation<Article>;

  @CreateDateColumn({ type: 'timestamptz' })
  retiredAt: Date;
}

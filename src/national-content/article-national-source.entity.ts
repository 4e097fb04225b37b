import { Column, Entity, Index, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { ForeignKey, NullableColumn } from '../common/persistence/columns';
import { Article } from '../articles/article.entity';
import { User } from '../users/user.entity';
import { NationalItem, NationalItemVersion } from './national-item.entity';

/**
 * The national text a local article builds on, and the version of it the article is known to agree
 * with. Owned by this module (not a column on articles), so articles know nothing of national content.
 */
@Entity('article_national_sources')
export class ArticleNationalSource {
  @PrimaryColumn('uuid')
  articleId: string;

  @ManyToOne(() => Article, { onDelete: 'CASCADE' })
  article?: Relation<Article>;

  @Index('ix_article_national_sources_item')
  @ForeignKey(() => NationalItem, 'RESTRICT')
  itemId: string;
  item?: Relation<NationalItem>;

  /** the version the article agrees with: moves on when a change is confirmed or a new article version approved */
  @ForeignKey(() => NationalItemVersion, 'RESTRICT')
  alignedVersionId: string;
  alignedVersion?: Relation<NationalItemVersion>;

  @Column('timestamptz')
  linkedAt: Date;

  @ForeignKey(() => User, 'SET NULL')
  linkedById: string | null;
  linkedBy?: Relation<User> | null;

  @NullableColumn('timestamptz')
  confirmedAt: Date | null;

  @ForeignKey(() => User, 'SET NULL')
  confirmedById: string | null;
  confirmedBy?: Relation<User> | null;
}

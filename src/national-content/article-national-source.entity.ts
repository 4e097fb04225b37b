import { Column, Entity, Index, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { NullableColumn } from '../common/persistence/columns';
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
  @Column('uuid')
  itemId: string;

  @ManyToOne(() => NationalItem, { onDelete: 'RESTRICT' })
  item?: Relation<NationalItem>;

  /** the version the article agrees with: moves on when a change is confirmed or a new article version approved */
  @Column('uuid')
  alignedVersionId: string;

  @ManyToOne(() => NationalItemVersion, { onDelete: 'RESTRICT' })
  alignedVersion?: Relation<NationalItemVersion>;

  @Column('timestamptz')
  linkedAt: Date;

  @NullableColumn('uuid')
  linkedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  linkedBy?: Relation<User> | null;

  @NullableColumn('timestamptz')
  confirmedAt: Date | null;

  @NullableColumn('uuid')
  confirmedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  confirmedBy?: Relation<User> | null;
}

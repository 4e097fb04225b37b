import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
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
  @JoinColumn({ name: 'article_id' })
  article?: Relation<Article>;

  @Index('ix_article_national_sources_item')
  @Column('uuid')
  itemId: string;

  @ManyToOne(() => NationalItem, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'item_id' })
  item?: Relation<NationalItem>;

  /** the version the article agrees with: moves on when a change is confirmed or a new article version approved */
  @Column('uuid')
  alignedVersionId: string;

  @ManyToOne(() => NationalItemVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'aligned_version_id' })
  alignedVersion?: Relation<NationalItemVersion>;

  @Column('timestamptz')
  linkedAt: Date;

  @Column('uuid', { nullable: true })
  linkedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'linked_by_id' })
  linkedBy?: Relation<User> | null;

  @Column('timestamptz', { nullable: true })
  confirmedAt: Date | null;

  @Column('uuid', { nullable: true })
  confirmedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'confirmed_by_id' })
  confirmedBy?: Relation<User> | null;
}

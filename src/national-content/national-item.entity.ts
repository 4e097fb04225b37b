import { Column, Entity, Index, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ForeignKey } from '../common/persistence/columns';

/**
 * A text of the landelijke content (Antwoord© Contentcollectie) as the feed last delivered it; its
 * earlier versions are kept in `national_item_versions`.
 */
@Entity('national_items')
export class NationalItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_national_items_uri', { unique: true })
  @Column('text')
  uri: string;

  /** the current version (null only for a moment while the first one is written) */
  @ForeignKey(() => NationalItemVersion, 'SET NULL')
  currentVersionId: string | null;
  currentVersion?: Relation<NationalItemVersion> | null;

  @Column('timestamptz')
  createdAt: Date;
}

/** One version of a national text. Never updated after insert. */
@Entity('national_item_versions')
@Index('uq_national_item_versions_item_version_hash', ['itemId', 'version', 'contentHash'], { unique: true })
export class NationalItemVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey(() => NationalItem, 'CASCADE')
  itemId: string;
  item?: Relation<NationalItem>;

  /** the publisher's version label */
  @Column('text')
  version: string;

  /** sha-256 of title and body: a change of text without a new label is a change too */
  @Column('text')
  contentHash: string;

  @Column('text')
  title: string;

  @Column('text')
  body: string;

  /** when the publisher changed it */
  @Column('timestamptz')
  changedAt: Date;

  /** when the feed delivered it here */
  @Column('timestamptz')
  receivedAt: Date;
}

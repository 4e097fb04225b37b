import { Check, Column, Entity, Index, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ForeignKey, NullableColumn, TextArrayColumn } from '../common/persistence/columns';
import { ReviewReminder } from './review-reminder.entity';

export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'digest', 'cancelled', 'dead'] as const;
/**
 * pending: waits for (another) attempt at `nextAttemptAt`; sending: claimed by a worker;
 * sent; digest: goes out in the recipient's weekly digest instead; cancelled: no longer needed
 * (cycle closed, later stage reached, no channel); dead: needs a person (dead-letter list).
 */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export type DeliveryKind = 'reminder' | 'digest';
export type RecipientRole = 'owner' | 'coordinator' | 'kennisregisseur';

/**
 * The outbox of stewardship notifications: one row per message per recipient, written in the same
 * transaction as what caused it, then delivered with retries. The partial unique indexes make a
 * second row for the same reminder (or week's digest) and recipient impossible.
 */
@Entity('stewardship_deliveries')
@Check(
  'ck_stewardship_deliveries_kind',
  `(kind = 'reminder' AND reminder_id IS NOT NULL AND digest_week IS NULL) OR (kind = 'digest' AND digest_week IS NOT NULL AND reminder_id IS NULL)`,
)
@Check('ck_stewardship_deliveries_status', `status IN ('pending', 'sending', 'sent', 'digest', 'cancelled', 'dead')`)
@Check('ck_stewardship_deliveries_role', `role IN ('owner', 'coordinator', 'kennisregisseur')`)
@Index('uq_stewardship_deliveries_reminder', ['reminderId', 'recipient'], { unique: true, where: 'reminder_id IS NOT NULL' })
@Index('uq_stewardship_deliveries_digest', ['digestWeek', 'recipient'], { unique: true, where: 'digest_week IS NOT NULL' })
@Index('ix_stewardship_deliveries_pending', ['nextAttemptAt'], { where: `status = 'pending'` })
@Index('ix_stewardship_deliveries_attention', ['status', 'updatedAt'], { where: `status IN ('sending', 'dead')` })
export class StewardshipDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  kind: DeliveryKind;

  @ForeignKey(() => ReviewReminder, 'CASCADE', { nullable: true })
  reminderId: string | null;
  reminder?: Relation<ReviewReminder> | null;

  /** Monday of the week a digest is for. */
  @NullableColumn('date')
  digestWeek: string | null;

  /** The recipient's user, when known (owners, digest readers). */
  @NullableColumn('uuid')
  userId: string | null;

  /** E-mail address; empty when nobody could be found (a dead letter from the start). */
  @Column('text')
  recipient: string;

  @Column('text', { default: '' })
  recipientName: string;

  @Column('text')
  role: RecipientRole;

  @Column('text')
  status: DeliveryStatus;

  @Column('int', { default: 0 })
  attempts: number;

  /** Channels that already accepted the message: a retry sends only through the others. */
  @TextArrayColumn()
  channelsDone: string[];

  @Column('timestamptz')
  nextAttemptAt: Date;

  @NullableColumn('timestamptz')
  claimedAt: Date | null;

  @NullableColumn('timestamptz')
  sentAt: Date | null;

  @NullableColumn('text')
  lastError: string | null;

  /** Why a delivery ended cancelled or dead, e.g. `cycle_closed`, `permanent`, `exhausted`, `interrupted`. */
  @NullableColumn('text')
  outcome: string | null;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  updatedAt: Date;
}

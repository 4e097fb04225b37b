import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { NullableColumn } from '../common/persistence/columns';

export type AuditAction = 'insert' | 'update' | 'delete';

/**
 * One write to one row, recorded by a database trigger in the same transaction as the write (see
 * the AuditLog migration), so an entry cannot be lost and no write can skip it. Hashes, not values:
 * the log proves what changed without copying personal data.
 */
@Entity('audit_log')
@Check('ck_audit_log_action', `action IN ('insert', 'update', 'delete')`)
@Index('ix_audit_log_entity', ['entityType', 'entityId', 'id'])
@Index('ix_audit_log_actor_user', ['actorUserId', 'id'])
@Index('ix_audit_log_at', ['at'])
export class AuditLogEntry {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  /** Time of the writing transaction. */
  @Column('timestamptz', { default: () => 'now()' })
  at: Date;

  @Column('text')
  action: AuditAction;

  /** The table written to. */
  @Column('text')
  entityType: string;

  /** Its primary key (columns joined by commas). */
  @Column('text')
  entityId: string;

  @NullableColumn('uuid')
  actorUserId: string | null;

  @NullableColumn('text')
  actorSubject: string | null;

  @NullableColumn('uuid')
  apiKeyId: string | null;

  /** `http`, `worker:<job>`, `cli:<command>`, `fixtures` or `system` (no context known). */
  @Column('text')
  origin: string;

  @NullableColumn('text')
  requestId: string | null;

  /** sha256 of the row as canonical JSON before the write (null for an insert). */
  @NullableColumn('text')
  beforeHash: string | null;

  /** ... and after it (null for a delete). */
  @NullableColumn('text')
  afterHash: string | null;

  /** Columns an update changed. */
  @Column('text', { array: true, nullable: true })
  changedFields: string[] | null;
}

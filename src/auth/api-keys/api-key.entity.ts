import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ForeignKey, NullableColumn, TextArrayColumn } from '../../common/persistence/columns';
import { User } from '../../users/user.entity';
import type { ApiKeyRole } from './api-key-scopes';

/**
 * A machine client's key. Only the SHA-256 of the secret is stored (the secret has 256 random bits,
 * so a plain hash is enough); the secret is shown once, at creation. Each key acts through its own
 * service account in `users`, so everything it writes is attributed to it.
 */
@Entity('api_keys')
@Check('ck_api_keys_role', `role IN ('agent', 'editor', 'coordinator')`)
export class ApiKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  role: ApiKeyRole;

  /** API areas (OpenAPI tags), each optionally `:read` (GET only). */
  @TextArrayColumn()
  scopes: string[];

  /** Department slugs an editor key works for. */
  @TextArrayColumn()
  departments: string[];

  @Index('uq_api_keys_secret_hash', { unique: true })
  @Column('text')
  secretHash: string;

  /** The first characters of the secret, so people can tell their keys apart. */
  @Column('text')
  prefix: string;

  @ForeignKey(() => User, 'RESTRICT')
  userId: string;
  user?: Relation<User>;

  @NullableColumn('uuid')
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @NullableColumn('timestamptz')
  expiresAt: Date | null;

  @NullableColumn('timestamptz')
  revokedAt: Date | null;

  @NullableColumn('timestamptz')
  lastUsedAt: Date | null;
}

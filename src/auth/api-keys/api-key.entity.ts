import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
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
  @Column('text', { array: true, default: () => "'{}'" })
  scopes: string[];

  /** Department slugs an editor key works for. */
  @Column('text', { array: true, default: () => "'{}'" })
  departments: string[];

  @Index('uq_api_keys_secret_hash', { unique: true })
  @Column('text')
  secretHash: string;

  /** The first characters of the secret, so people can tell their keys apart. */
  @Column('text')
  prefix: string;

  @Column('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column('uuid', { nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  expiresAt: Date | null;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  lastUsedAt: Date | null;
}

import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { NullableColumn } from '../common/persistence/columns';

/** A member of staff. Created on first sight (import owner, token subject) so reminders know whom to mail. */
@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Lower-cased; the natural key for owners named in imports. */
  @Index('uq_users_email', { unique: true })
  @Column('text')
  email: string;

  @Column('text', { default: '' })
  name: string;

  /** Subject claim of the identity provider, once the user has signed in. */
  @Index('uq_users_subject', { unique: true, where: 'subject IS NOT NULL' })
  @NullableColumn('text')
  subject: string | null;

  /** False when the person left or is inactive: reminders then go to the coordinators. */
  @Column('boolean', { default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { NullableColumn } from '../common/persistence/columns';

/** The day's content-health figures of one department (or, without a department, of the whole kennisbank). */
@Entity('stewardship_snapshots')
@Index('uq_stewardship_snapshots_department', ['day', 'departmentId'], { unique: true, where: 'department_id IS NOT NULL' })
@Index('uq_stewardship_snapshots_overall', ['day'], { unique: true, where: 'department_id IS NULL' })
export class StewardshipSnapshot {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  /** Calendar day in Amsterdam. */
  @Column('date')
  day: string;

  @NullableColumn('uuid')
  departmentId: string | null;

  /** Numeric figures by name (see ContentHealthFigures plus any extra figure sources). */
  @Column('jsonb')
  figures: Record<string, number | null>;

  @Column('timestamptz')
  takenAt: Date;
}

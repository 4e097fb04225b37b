import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { NullableColumn } from '../common/persistence/columns';

export type StewardshipRunJob = 'scan' | 'digest';

/** When the scheduled jobs last ran: what the catch-up check compares the schedule with. */
@Entity('stewardship_runs')
@Check('ck_stewardship_runs_job', `job IN ('scan', 'digest')`)
@Index('ix_stewardship_runs_job', ['job', 'startedAt'])
export class StewardshipRun {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('text')
  job: StewardshipRunJob;

  @Column('timestamptz')
  startedAt: Date;

  @NullableColumn('timestamptz')
  finishedAt: Date | null;

  @Column('jsonb', { default: () => "'{}'" })
  stats: Record<string, unknown>;
}

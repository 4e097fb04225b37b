import {
  Column,
  PrimaryGeneratedColumn,
  type DataSource,
  type DeepPartial,
  type EntityManager,
  type EntityTarget,
  type FindOptionsOrder,
} from 'typeorm';

/** One run of a job that aggregates a window of past activity: when, over which window, who started it. */
export abstract class AggregationRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('timestamptz')
  ranAt: Date;

  @Column('timestamptz')
  windowFrom: Date;

  @Column('timestamptz')
  windowTo: Date;

  /** `schedule`, `manual` or `cli` */
  @Column('text')
  trigger: string;
}

/** Records a run of `entity` in the caller's transaction. */
export function insertRun<R extends AggregationRun>(manager: EntityManager, entity: EntityTarget<R>, run: Omit<R, 'id'>): Promise<R> {
  const repository = manager.getRepository(entity);
  return repository.save(repository.create(run as DeepPartial<R>));
}

/** The latest run of `entity`, or null before the first. */
export function lastRun<R extends AggregationRun>(dataSource: DataSource, entity: EntityTarget<R>): Promise<R | null> {
  return dataSource.getRepository(entity).findOne({ where: {}, order: { ranAt: 'DESC' } as FindOptionsOrder<R> });
}

import type { EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** A query over `entity` whose rows stay locked (SELECT … FOR UPDATE) until the transaction ends. */
export function lockingQuery<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  alias: string,
): SelectQueryBuilder<T> {
  return manager.getRepository(entity).createQueryBuilder(alias).setLock('pessimistic_write');
}

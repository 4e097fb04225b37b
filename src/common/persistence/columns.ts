import { Column, ManyToOne, type ObjectType } from 'typeorm';

/** Column shapes that recur across the entities. */

/** A column that may hold NULL (`T | null` on the entity). */
export const NullableColumn = (type: 'text' | 'uuid' | 'int' | 'timestamptz' | 'date') => Column({ type, nullable: true });

/** A `text[]` that starts empty. */
export const TextArrayColumn = () => Column('text', { array: true, default: () => "'{}'" });

/**
 * A foreign key: the uuid column `<relation>Id` it decorates, and the many-to-one relation `<relation>`
 * declared (undecorated) right below it. The naming strategy names the relation's column `<relation>_id`,
 * which is the column `<relation>Id` maps to, so both properties share it. NULL is allowed with
 * `SET NULL` (which needs it) or with `nullable`.
 *
 * ```ts
 * @ForeignKey(() => User, 'SET NULL')
 * ownerId: string | null;
 * owner?: Relation<User> | null;
 * ```
 */
export function ForeignKey<T>(
  target: () => ObjectType<T>,
  onDelete: 'CASCADE' | 'RESTRICT' | 'SET NULL',
  options: { nullable?: boolean } = {},
): PropertyDecorator {
  return (prototype, idProperty) => {
    const relation = String(idProperty).replace(/Id$/, '');
    if (relation === idProperty) throw new Error(`@ForeignKey: ${String(idProperty)} does not end in Id`);
    Column({ type: 'uuid', nullable: options.nullable ?? onDelete === 'SET NULL' })(prototype, idProperty);
    ManyToOne(target, { onDelete })(prototype, relation);
  };
}

import { Column } from 'typeorm';

/**
 * Column shapes that recur across the entities. Foreign keys need no `@JoinColumn`: the naming strategy
 * already names a relation's column `<relation>_id`, the column its `<relation>Id` property maps to.
 */

/** A column that may hold NULL (`T | null` on the entity). */
export const NullableColumn = (type: 'text' | 'uuid' | 'int' | 'timestamptz' | 'date') => Column({ type, nullable: true });

/** A `text[]` that starts empty. */
export const TextArrayColumn = () => Column('text', { array: true, default: () => "'{}'" });

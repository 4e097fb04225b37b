import type { SelectQueryBuilder } from 'typeorm';
import { decodeCursor, pageOf } from '../http/keyset-cursor';

/**
 * One page of `query`, newest first: ordered by (`time`, id) descending, after `cursor` (the last row of
 * the previous page), with the cursor for the next page when there is one.
 */
export async function keysetPage<T extends { id: string }>(
  query: SelectQueryBuilder<T>,
  time: { [K in keyof T]: T[K] extends Date ? K : never }[keyof T] & string,
  page: { limit: number; cursor?: string },
): Promise<{ items: T[]; nextCursor: string | null }> {
  const row = query.alias;
  query
    .orderBy(`${row}.${time}`, 'DESC')
    .addOrderBy(`${row}.id`, 'DESC')
    .limit(page.limit + 1);
  if (page.cursor) {
    const cursor = decodeCursor(page.cursor);
    query.andWhere(`(${row}.${time}, ${row}.id) < (:cursorAt, :cursorId)`, { cursorAt: cursor.at, cursorId: cursor.id });
  }
  return pageOf(await query.getMany(), page.limit, (item) => item[time] as Date);
}

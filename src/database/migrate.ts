import { Client } from 'pg';
import { DataSource, Migration } from 'typeorm';

/** Advisory lock key held while migrating ("kb-migr" in ASCII, any stable number would do). */
const MIGRATION_LOCK = 0x6b622d6d69677200n;

/**
 * Applies pending migrations, one process at a time: several API replicas (or a replica and
 * `cli migrate`) starting together would otherwise race to apply the same migration and all but one
 * crash. The lock is taken on a separate connection, so a pool of one still has its connection free,
 * and PostgreSQL releases it by itself if this process dies.
 */
export async function runMigrationsExclusively(dataSource: DataSource): Promise<Migration[]> {
  const lock = new Client({ connectionString: (dataSource.options as { url: string }).url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK.toString()]);
    return await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.end(); // ends the session, which releases the lock
  }
}

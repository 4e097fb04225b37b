import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/data-source';
import { runMigrationsExclusively } from '../../src/database/migrate';

describe('migrations at start-up (e2e)', () => {
  const admin = process.env.KB_TEST_ADMIN_URL!;
  const name = `kb_test_migrate_${randomBytes(4).toString('hex')}`;
  const url = (() => {
    const parsed = new URL(admin);
    parsed.pathname = `/${name}`;
    return parsed.toString();
  })();
  const sources: DataSource[] = [];

  const sql = async (query: string) => {
    const client = new Client({ connectionString: admin });
    await client.connect();
    await client.query(query).finally(() => client.end());
  };

  beforeAll(async () => sql(`CREATE DATABASE ${name}`));
  afterAll(async () => {
    await Promise.all(sources.map((s) => s.destroy()));
    await sql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('lets replicas that start together migrate one after the other', async () => {
    for (let i = 0; i < 3; i++) {
      const source = new DataSource(buildDataSourceOptions({ url, poolSize: 1 }));
      await source.initialize();
      sources.push(source);
    }
    const applied = await Promise.all(sources.map((s) => runMigrationsExclusively(s)));

    const total = sources[0].migrations.length;
    expect(applied.map((a) => a.length).sort((x, y) => y - x)).toEqual([total, 0, 0]);
    expect(await sources[1].showMigrations()).toBe(false);
  });
});

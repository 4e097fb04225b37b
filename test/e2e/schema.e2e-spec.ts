import { TestApp, createTestApp } from '../setup/test-app';

describe('database schema', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('matches the entities exactly after running the migrations (no drift, nothing to generate)', async () => {
    const pending = await t.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('keeps data consistent at the database level too', async () => {
    await expect(
      t.dataSource.query(`INSERT INTO departments (slug, name, review_interval_days, row_version) VALUES ('x', 'X', 0, 1)`),
    ).rejects.toThrow(/ck_departments_review_interval/);
  });
});

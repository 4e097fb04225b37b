import { MigrationInterface, QueryRunner } from 'typeorm';

/** Insertion order for search log rows: several keystrokes can share a timestamp. */
export class SearchLogOrder1795460400000 implements MigrationInterface {
  name = 'SearchLogOrder1795460400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE search_log ADD COLUMN seq bigserial`);
    await queryRunner.query(`DROP INDEX ix_search_log_searcher`);
    await queryRunner.query(`CREATE INDEX ix_search_log_searcher ON search_log (searcher, created_at DESC, seq DESC)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_search_log_searcher`);
    await queryRunner.query(`CREATE INDEX ix_search_log_searcher ON search_log (searcher, created_at DESC)`);
    await queryRunner.query(`ALTER TABLE search_log DROP COLUMN seq`);
  }
}

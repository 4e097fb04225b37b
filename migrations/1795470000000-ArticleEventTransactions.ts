import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The id of the transaction that wrote each article event, so the catalogue change feed can page by
 * "transactions finished before the oldest one still running" and never skip a late commit (a
 * sequence alone hands out numbers in insert order, not commit order).
 */
export class ArticleEventTransactions1795470000000 implements MigrationInterface {
  name = 'ArticleEventTransactions1795470000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // A named function keeps the column default free of casts (which TypeORM's schema diff strips).
    await queryRunner.query(
      `CREATE FUNCTION current_tx_id() RETURNS bigint LANGUAGE sql VOLATILE AS $$ SELECT (pg_current_xact_id())::text::bigint $$`,
    );
    await queryRunner.query(`ALTER TABLE article_events ADD COLUMN tx_id bigint NOT NULL DEFAULT current_tx_id()`);
    await queryRunner.query(`CREATE INDEX ix_article_events_tx ON article_events (tx_id, id)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_article_events_tx`);
    await queryRunner.query(`ALTER TABLE article_events DROP COLUMN tx_id`);
    await queryRunner.query(`DROP FUNCTION current_tx_id()`);
  }
}

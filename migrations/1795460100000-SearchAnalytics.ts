import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search analytics ("rapportages op zoektermen"). Queries are stored only after personal data has
 * been scrubbed; the searcher is kept as a daily pseudonym, enough to group the keystrokes of one
 * search (an intent) and nothing more.
 */
export class SearchAnalytics1795460100000 implements MigrationInterface {
  name = 'SearchAnalytics1795460100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE search_log (
        id uuid PRIMARY KEY,
        intent_id uuid NOT NULL,
        searcher text NOT NULL,
        query text NOT NULL,
        engine text NOT NULL,
        fallback boolean NOT NULL DEFAULT false,
        result_count integer NOT NULL,
        took_ms real NOT NULL,
        filters jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX ix_search_log_created_at ON search_log (created_at)`);
    await queryRunner.query(`CREATE INDEX ix_search_log_intent ON search_log (intent_id, created_at)`);
    await queryRunner.query(`CREATE INDEX ix_search_log_searcher ON search_log (searcher, created_at DESC)`);
    await queryRunner.query(`
      CREATE TABLE search_clicks (
        id bigserial PRIMARY KEY,
        search_id uuid NOT NULL REFERENCES search_log (id) ON DELETE CASCADE,
        intent_id uuid NOT NULL,
        article_id uuid NOT NULL,
        department_id uuid,
        position integer NOT NULL CHECK (position >= 1),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX ix_search_clicks_intent ON search_clicks (intent_id)`);
    await queryRunner.query(`CREATE INDEX ix_search_clicks_article ON search_clicks (article_id, created_at)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE search_clicks`);
    await queryRunner.query(`DROP TABLE search_log`);
  }
}

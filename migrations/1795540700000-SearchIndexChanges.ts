import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What each index generation changed (the article ids and the terms of their old and new documents),
 * so an API process drops only the cached answers a change can affect; and a notification whenever the
 * generation moves, so every process learns of it without reading the generation per request.
 */
export class SearchIndexChanges1795540700000 implements MigrationInterface {
  name = 'SearchIndexChanges1795540700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE search_index_changes (
         generation bigint PRIMARY KEY,
         article_ids uuid[] NOT NULL,
         -- NULL: too much changed to say (a large batch); every cached answer is stale
         terms text[],
         created_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    await queryRunner.query(
      `CREATE FUNCTION search_generation_notify() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_notify('kb_search_generation', NEW.generation::text);
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER search_generation_notify AFTER UPDATE OF generation ON search_index_stats
       FOR EACH ROW WHEN (OLD.generation IS DISTINCT FROM NEW.generation) EXECUTE FUNCTION search_generation_notify()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER search_generation_notify ON search_index_stats');
    await queryRunner.query('DROP FUNCTION search_generation_notify()');
    await queryRunner.query('DROP TABLE search_index_changes');
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Faster PostgreSQL search: a small vector of title, synonyms and summary of its own (title-level
 * matches come from its index without touching the large document vector), prefix look-ups of
 * document frequencies, and a count of changes so term statistics are refreshed when the collection
 * has changed enough.
 * Existing documents are queued for re-indexing so the new columns get filled.
 */
export class SearchTitleVector1795460300000 implements MigrationInterface {
  name = 'SearchTitleVector1795460300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE search_documents ADD COLUMN title_vector tsvector NOT NULL DEFAULT ''`);
    await queryRunner.query(`CREATE INDEX ix_search_documents_title_vector ON search_documents USING gin (title_vector)`);
    await queryRunner.query(`CREATE INDEX ix_search_terms_prefix ON search_terms (term text_pattern_ops)`);
    // Documents written since the term statistics were last refreshed, and a generation that moves
    // on every index write (result caches compare it).
    await queryRunner.query(`ALTER TABLE search_index_stats ADD COLUMN changes integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE search_index_stats ADD COLUMN generation bigint NOT NULL DEFAULT 0`);
    // Keep rows narrow: the large vectors and texts live out of line (read only for the few hits
    // shown or re-ranked); what every candidate needs (title, facets, the title vector) stays inline.
    await queryRunner.query(`ALTER TABLE search_documents SET (toast_tuple_target = 256)`);
    await queryRunner.query(
      `ALTER TABLE search_documents ALTER COLUMN vector SET STORAGE EXTERNAL, ALTER COLUMN kcc_vector SET STORAGE EXTERNAL,
         ALTER COLUMN body_text SET STORAGE EXTERNAL, ALTER COLUMN kcc_text SET STORAGE EXTERNAL,
         ALTER COLUMN title SET STORAGE MAIN, ALTER COLUMN summary SET STORAGE MAIN, ALTER COLUMN title_vector SET STORAGE MAIN`,
    );
    // A synonym that reduces to one very common word (betalen) widens every search for it.
    await queryRunner.query(`UPDATE search_synonym_groups SET terms = array_remove(terms, 'niet kunnen betalen')`);
    await queryRunner.query(`INSERT INTO article_outbox (article_id) SELECT article_id FROM search_documents`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE search_documents RESET (toast_tuple_target)`);
    await queryRunner.query(
      `ALTER TABLE search_documents ALTER COLUMN vector SET STORAGE EXTENDED, ALTER COLUMN kcc_vector SET STORAGE EXTENDED,
         ALTER COLUMN body_text SET STORAGE EXTENDED, ALTER COLUMN kcc_text SET STORAGE EXTENDED,
         ALTER COLUMN title SET STORAGE EXTENDED, ALTER COLUMN summary SET STORAGE EXTENDED, ALTER COLUMN title_vector SET STORAGE EXTENDED`,
    );
    await queryRunner.query(`ALTER TABLE search_index_stats DROP COLUMN generation`);
    await queryRunner.query(`ALTER TABLE search_index_stats DROP COLUMN changes`);
    await queryRunner.query(`DROP INDEX ix_search_terms_prefix`);
    await queryRunner.query(`DROP INDEX ix_search_documents_title_vector`);
    await queryRunner.query(`ALTER TABLE search_documents DROP COLUMN title_vector`);
  }
}

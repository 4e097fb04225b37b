import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The search index is derived data: it should not be tied to the articles table by a foreign key
 * (the indexer removes documents of articles that are gone, and the engine contract suite indexes
 * documents of its own).
 */
export class SearchDocumentsStandAlone1795460200000 implements MigrationInterface {
  name = 'SearchDocumentsStandAlone1795460200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE search_documents DROP CONSTRAINT search_documents_article_id_fkey`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE search_documents ADD CONSTRAINT search_documents_article_id_fkey FOREIGN KEY (article_id) REFERENCES articles (id) ON DELETE CASCADE`,
    );
  }
}

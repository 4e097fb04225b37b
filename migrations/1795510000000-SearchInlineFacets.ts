import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search at load: with toast_tuple_target = 256 PostgreSQL also moved the small columns every
 * candidate needs (kind, audience, department, themes, life events, target groups) out of line, so
 * counting facets over 2,000 candidates read three TOAST pages per candidate (EXPLAIN BUFFERS: 4,800
 * of the 6,000 buffers of a typical as-you-type search). PLAIN keeps them in the row; they are tiny.
 * Existing rows are rewritten (a value copied as is would keep its TOAST pointer).
 */
export class SearchInlineFacets1795510000000 implements MigrationInterface {
  name = 'SearchInlineFacets1795510000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE search_documents ALTER COLUMN kind SET STORAGE PLAIN, ALTER COLUMN audience SET STORAGE PLAIN,
         ALTER COLUMN department_slug SET STORAGE PLAIN, ALTER COLUMN themes SET STORAGE PLAIN,
         ALTER COLUMN life_events SET STORAGE PLAIN, ALTER COLUMN target_groups SET STORAGE PLAIN`,
    );
    await queryRunner.query(
      `UPDATE search_documents SET kind = kind || '', audience = audience || '', department_slug = department_slug || '',
         themes = themes || '{}'::text[], life_events = life_events || '{}'::text[], target_groups = target_groups || '{}'::text[]`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE search_documents ALTER COLUMN kind SET STORAGE EXTENDED, ALTER COLUMN audience SET STORAGE EXTENDED,
         ALTER COLUMN department_slug SET STORAGE EXTENDED, ALTER COLUMN themes SET STORAGE EXTENDED,
         ALTER COLUMN life_events SET STORAGE EXTENDED, ALTER COLUMN target_groups SET STORAGE EXTENDED`,
    );
  }
}

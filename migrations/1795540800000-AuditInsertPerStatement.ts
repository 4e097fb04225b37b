import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inserts are audited once per statement instead of once per row: an AFTER INSERT ... FOR EACH
 * STATEMENT trigger reads the inserted rows from a transition table and writes the same audit_log
 * rows the row trigger wrote (same columns and values, the same `kennisbank.audit_context`, rows in
 * insertion order). A bulk import inserts thousands of wide rows per statement, and the PL/pgSQL
 * call per row was about a fifth of their cost (docs/search.md, "Import"). Updates and deletes stay
 * on the row trigger `audit_row_change` (they compare old and new per row, and are rarely bulk).
 * PostgreSQL allows a transition table only on a single-event trigger, hence two triggers.
 */
export class AuditInsertPerStatement1795540800000 implements MigrationInterface {
  name = 'AuditInsertPerStatement1795540800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // TG_ARGV[0]: primary-key columns (comma-separated), as for audit_row_change. OFFSET 0 keeps
    // to_jsonb to one call per row (both the key and the hash read it).
    await queryRunner.query(`
      CREATE FUNCTION audit_insert_rows() RETURNS trigger LANGUAGE plpgsql SET timezone = 'UTC' AS $$
      DECLARE
        key_columns text[] := string_to_array(TG_ARGV[0], ',');
        context jsonb := nullif(current_setting('kennisbank.audit_context', true), '')::jsonb;
      BEGIN
        INSERT INTO audit_log (action, entity_type, entity_id, actor_user_id, actor_subject, api_key_id, origin, request_id,
                               before_hash, after_hash, changed_fields)
        SELECT 'insert', TG_TABLE_NAME,
               (SELECT string_agg(r.new_row ->> k, ',') FROM unnest(key_columns) AS k),
               (context ->> 'userId')::uuid, context ->> 'subject', (context ->> 'apiKeyId')::uuid,
               coalesce(context ->> 'origin', 'system'), context ->> 'requestId',
               NULL, audit_row_hash(r.new_row), NULL
          FROM (SELECT to_jsonb(n) AS new_row FROM audit_inserted n OFFSET 0) r;
        RETURN NULL;
      END $$`);
    await queryRunner.query(ATTACH_PER_STATEMENT);
    await reattachAll(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(ATTACH_PER_ROW);
    await reattachAll(queryRunner);
    await queryRunner.query(`DROP FUNCTION audit_insert_rows()`);
  }
}

/**
 * audit_attach: finds the table's primary key (what the audit log keys rows by), drops the audit
 * triggers it may have, and creates `triggers` (format() statements over target, key_columns and
 * ignored_columns).
 */
const attachFunction = (triggers: string) => `
  CREATE OR REPLACE FUNCTION audit_attach(target regclass, ignored_columns text DEFAULT '') RETURNS void LANGUAGE plpgsql AS $$
  DECLARE
    key_columns text;
  BEGIN
    SELECT string_agg(a.attname, ',' ORDER BY array_position(i.indkey::int2[], a.attnum)) INTO key_columns
      FROM pg_index i
      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey::int2[])
     WHERE i.indrelid = target AND i.indisprimary;
    IF key_columns IS NULL THEN
      RAISE EXCEPTION 'table % has no primary key to audit by', target;
    END IF;
    EXECUTE format('DROP TRIGGER IF EXISTS audit_row_change ON %s', target);
    EXECUTE format('DROP TRIGGER IF EXISTS audit_insert ON %s', target);
    ${triggers}
  END $$`;

/** audit_attach as of this migration: updates and deletes per row, inserts per statement. */
const ATTACH_PER_STATEMENT = attachFunction(`
    EXECUTE format('CREATE TRIGGER audit_row_change AFTER UPDATE OR DELETE ON %s FOR EACH ROW EXECUTE FUNCTION audit_row_change(%L, %L)',
                   target, key_columns, ignored_columns);
    EXECUTE format('CREATE TRIGGER audit_insert AFTER INSERT ON %s REFERENCING NEW TABLE AS audit_inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_insert_rows(%L)',
                   target, key_columns);`);

/** audit_attach as migration 1795500100000 made it (every write per row). */
const ATTACH_PER_ROW = attachFunction(`
    EXECUTE format('CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON %s FOR EACH ROW EXECUTE FUNCTION audit_row_change(%L, %L)',
                   target, key_columns, ignored_columns);`);

/** Every audited table again through the current audit_attach, keeping its ignored columns (TG_ARGV[1]). */
async function reattachAll(queryRunner: QueryRunner): Promise<void> {
  const tables = (await queryRunner.query(
    `SELECT g.tgrelid::regclass::text AS target, split_part(encode(g.tgargs, 'escape'), '\\000', 2) AS ignored
       FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
      WHERE g.tgname = 'audit_row_change' AND c.relnamespace = current_schema()::regnamespace
      ORDER BY 1`,
  )) as { target: string; ignored: string }[];
  for (const { target, ignored } of tables) await queryRunner.query(`SELECT audit_attach($1::regclass, $2)`, [target, ignored]);
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log of every write, kept by the database itself: an AFTER ROW trigger on each table
 * writes one audit_log row in the same transaction as the change (so it commits or rolls back with
 * it, and raw SQL cannot bypass it). Who and which request come from the transaction setting
 * `kennisbank.audit_context` that the application sets before its writes (AuditContextSubscriber).
 * Rows are hashed as canonical JSON (jsonb text, timestamps in UTC); values are not copied.
 *
 * Every table that exists now is audited, except the noise below (indexes, outboxes, logs). A table
 * added later is audited with `SELECT audit_attach('table')` in its migration (a test checks that
 * every table is either audited or on the exclusion list in src/audit/audited-tables.ts; the list
 * below is a copy on purpose: a migration must not change when the code does).
 */
const NOT_AUDITED = [
  'migrations',
  'audit_log',
  'article_events',
  'article_outbox',
  'search_secondary_outbox',
  'search_documents',
  'search_terms',
  'search_index_stats',
  'search_phrases',
  'search_log',
  'search_clicks',
];

export class AuditLog1795500100000 implements MigrationInterface {
  name = 'AuditLog1795500100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "action" text NOT NULL, "entity_type" text NOT NULL, "entity_id" text NOT NULL, "actor_user_id" uuid, "actor_subject" text, "api_key_id" uuid, "origin" text NOT NULL, "request_id" text, "before_hash" text, "after_hash" text, "changed_fields" text array, CONSTRAINT "ck_audit_log_action" CHECK (action IN ('insert', 'update', 'delete')), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_log_at" ON "audit_log" ("at")`);
    await queryRunner.query(`CREATE INDEX "ix_audit_log_actor_user" ON "audit_log" ("actor_user_id", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_audit_log_entity" ON "audit_log" ("entity_type", "entity_id", "id")`);

    // Append-only: the application may add entries, never change or remove them.
    await queryRunner.query(`
      CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`);

    await queryRunner.query(`
      CREATE FUNCTION audit_row_hash(row_json jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT encode(sha256(convert_to(row_json::text, 'UTF8')), 'hex')
      $$`);
    // The same hash of a row as it is now, whatever the session's time zone: SELECT audit_hash(a) FROM articles a.
    await queryRunner.query(`
      CREATE FUNCTION audit_hash(row_value anyelement) RETURNS text LANGUAGE sql STABLE SET timezone = 'UTC' AS $$
        SELECT audit_row_hash(to_jsonb(row_value))
      $$`);

    // TG_ARGV[0]: primary-key columns (comma-separated); TG_ARGV[1]: columns whose changes alone are
    // not worth an entry (e.g. api_keys.last_used_at).
    await queryRunner.query(`
      CREATE FUNCTION audit_row_change() RETURNS trigger LANGUAGE plpgsql SET timezone = 'UTC' AS $$
      DECLARE
        key_columns text[] := string_to_array(TG_ARGV[0], ',');
        ignored text[] := coalesce(string_to_array(nullif(TG_ARGV[1], ''), ','), '{}');
        old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
        new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
        context jsonb := nullif(current_setting('kennisbank.audit_context', true), '')::jsonb;
        changed text[];
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          SELECT array_agg(n.key ORDER BY n.key) INTO changed
            FROM jsonb_each(new_row) n
           WHERE n.value IS DISTINCT FROM old_row -> n.key;
          IF changed IS NULL OR changed <@ ignored THEN
            RETURN NULL;
          END IF;
        END IF;
        INSERT INTO audit_log (action, entity_type, entity_id, actor_user_id, actor_subject, api_key_id, origin, request_id,
                               before_hash, after_hash, changed_fields)
        VALUES (lower(TG_OP), TG_TABLE_NAME,
                (SELECT string_agg(coalesce(new_row, old_row) ->> k, ',') FROM unnest(key_columns) AS k),
                (context ->> 'userId')::uuid, context ->> 'subject', (context ->> 'apiKeyId')::uuid,
                coalesce(context ->> 'origin', 'system'), context ->> 'requestId',
                audit_row_hash(old_row), audit_row_hash(new_row), changed);
        RETURN NULL;
      END $$`);

    await queryRunner.query(`
      CREATE FUNCTION audit_attach(target regclass, ignored_columns text DEFAULT '') RETURNS void LANGUAGE plpgsql AS $$
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
        EXECUTE format('CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON %s FOR EACH ROW EXECUTE FUNCTION audit_row_change(%L, %L)',
                       target, key_columns, ignored_columns);
      END $$`);

    const tables = (await queryRunner.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND NOT (tablename = ANY ($1)) ORDER BY tablename`,
      [NOT_AUDITED],
    )) as { tablename: string }[];
    for (const { tablename } of tables) {
      await queryRunner.query(`SELECT audit_attach($1::regclass, $2)`, [`"${tablename}"`, tablename === 'api_keys' ? 'last_used_at' : '']);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const tables = (await queryRunner.query(
      `SELECT DISTINCT event_object_table AS table FROM information_schema.triggers WHERE trigger_name = 'audit_row_change' AND trigger_schema = current_schema()`,
    )) as { table: string }[];
    for (const { table } of tables) await queryRunner.query(`DROP TRIGGER audit_row_change ON "${table}"`);
    await queryRunner.query(`DROP FUNCTION audit_attach(regclass, text)`);
    await queryRunner.query(`DROP FUNCTION audit_row_change()`);
    await queryRunner.query(`DROP FUNCTION audit_hash(anyelement)`);
    await queryRunner.query(`DROP FUNCTION audit_row_hash(jsonb)`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`DROP FUNCTION audit_log_refuse_change()`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The learning loop: suggestions learned from agents' reformulations (question variants per article,
 * synonym pairs) waiting for a coordinator, and the runs of the job that finds them. Decisions stay
 * (a rejected key is never reopened), so both tables are audited like every other table.
 * Article content needs no change: question variants live in the JSONB content snapshot, and
 * snapshots written before them read as having none.
 */
export class SearchLearning1795513000000 implements MigrationInterface {
  name = 'SearchLearning1795513000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "learning_suggestions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "key" text NOT NULL, "kind" text NOT NULL, "article_id" uuid, "question" text, "terms" text array, "searchers" integer NOT NULL, "days" integer NOT NULL, "reformulations" integer NOT NULL, "examples" jsonb NOT NULL DEFAULT '[]', "first_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" text NOT NULL, "decided_by_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "reject_reason" text, "applied_version" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_learning_suggestions_shape" CHECK ((kind = 'question' AND article_id IS NOT NULL AND question IS NOT NULL AND terms IS NULL) OR (kind = 'synonym' AND article_id IS NULL AND question IS NULL AND cardinality(terms) = 2)), CONSTRAINT "ck_learning_suggestions_status" CHECK (status IN ('open', 'accepted', 'rejected')), CONSTRAINT "ck_learning_suggestions_kind" CHECK (kind IN ('question', 'synonym')), CONSTRAINT "PK_f34f17f180ac049e9051ae7f1ee" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_learning_suggestions_key" ON "learning_suggestions" ("key") `);
    await queryRunner.query(`CREATE INDEX "ix_learning_suggestions_article" ON "learning_suggestions" ("article_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_learning_suggestions_status_kind" ON "learning_suggestions" ("status", "kind", "searchers") `,
    );
    await queryRunner.query(
      `CREATE TABLE "learning_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ran_at" TIMESTAMP WITH TIME ZONE NOT NULL, "window_from" TIMESTAMP WITH TIME ZONE NOT NULL, "window_to" TIMESTAMP WITH TIME ZONE NOT NULL, "reformulations" integer NOT NULL, "with_personal_data" integer NOT NULL, "questions" integer NOT NULL, "synonyms" integer NOT NULL, "created" integer NOT NULL, "trigger" text NOT NULL, CONSTRAINT "PK_145c9478a178f038765fbc4a740" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_learning_runs_ran_at" ON "learning_runs" ("ran_at") `);
    await queryRunner.query(
      `ALTER TABLE "learning_suggestions" ADD CONSTRAINT "FK_f7a4e0f3a43490b903d94758eba" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "learning_suggestions" ADD CONSTRAINT "FK_087b4afff462aec051d8485dba1" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`SELECT audit_attach('learning_suggestions')`);
    await queryRunner.query(`SELECT audit_attach('learning_runs')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "learning_suggestions" DROP CONSTRAINT "FK_087b4afff462aec051d8485dba1"`);
    await queryRunner.query(`ALTER TABLE "learning_suggestions" DROP CONSTRAINT "FK_f7a4e0f3a43490b903d94758eba"`);
    await queryRunner.query(`DROP INDEX "public"."ix_learning_runs_ran_at"`);
    await queryRunner.query(`DROP TABLE "learning_runs"`);
    await queryRunner.query(`DROP INDEX "public"."ix_learning_suggestions_status_kind"`);
    await queryRunner.query(`DROP INDEX "public"."ix_learning_suggestions_article"`);
    await queryRunner.query(`DROP INDEX "public"."uq_learning_suggestions_key"`);
    await queryRunner.query(`DROP TABLE "learning_suggestions"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/** Content gaps: failed searches grouped by intent, assigned to departments, and the runs of their job. */
export class ContentGaps1795492000000 implements MigrationInterface {
  name = 'ContentGaps1795492000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "content_gaps" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "intent_key" text NOT NULL, "query" text NOT NULL, "searches" integer NOT NULL, "zero_results" integer NOT NULL, "no_clicks" integer NOT NULL, "first_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "suggested_department_id" uuid, "status" text NOT NULL, "department_id" uuid, "assigned_at" TIMESTAMP WITH TIME ZONE, "resolved_article_id" uuid, "dismissed_reason" text, "closed_at" TIMESTAMP WITH TIME ZONE, "handled_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "row_version" integer NOT NULL, CONSTRAINT "ck_content_gaps_status" CHECK (status IN ('open', 'assigned', 'resolved', 'dismissed')), CONSTRAINT "PK_a75047364e825c52a8c9b508e68" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_content_gaps_intent_key" ON "content_gaps" ("intent_key") `);
    await queryRunner.query(`CREATE INDEX "ix_content_gaps_department_status" ON "content_gaps" ("department_id", "status") `);
    await queryRunner.query(`CREATE INDEX "ix_content_gaps_status_searches" ON "content_gaps" ("status", "searches") `);
    await queryRunner.query(
      `CREATE TABLE "content_gap_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ran_at" TIMESTAMP WITH TIME ZONE NOT NULL, "window_from" TIMESTAMP WITH TIME ZONE NOT NULL, "window_to" TIMESTAMP WITH TIME ZONE NOT NULL, "failed_searches" integer NOT NULL, "gaps" integer NOT NULL, "trigger" text NOT NULL, CONSTRAINT "PK_a6871c9a61465108e1b43c5922c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_content_gap_runs_ran_at" ON "content_gap_runs" ("ran_at") `);
    await queryRunner.query(
      `ALTER TABLE "content_gaps" ADD CONSTRAINT "FK_30f6b3e7e0088afb3b0d1d5b223" FOREIGN KEY ("suggested_department_id") REFERENCES "departments"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "content_gaps" ADD CONSTRAINT "FK_7521e0b4e2d3cb2c4aff164f651" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "content_gaps" ADD CONSTRAINT "FK_ff4d22871c874f1f7268bea6306" FOREIGN KEY ("resolved_article_id") REFERENCES "articles"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "content_gaps" ADD CONSTRAINT "FK_625da6de4c2f773fc708ee04cb3" FOREIGN KEY ("handled_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "content_gaps" DROP CONSTRAINT "FK_625da6de4c2f773fc708ee04cb3"`);
    await queryRunner.query(`ALTER TABLE "content_gaps" DROP CONSTRAINT "FK_ff4d22871c874f1f7268bea6306"`);
    await queryRunner.query(`ALTER TABLE "content_gaps" DROP CONSTRAINT "FK_7521e0b4e2d3cb2c4aff164f651"`);
    await queryRunner.query(`ALTER TABLE "content_gaps" DROP CONSTRAINT "FK_30f6b3e7e0088afb3b0d1d5b223"`);
    await queryRunner.query(`DROP INDEX "public"."ix_content_gap_runs_ran_at"`);
    await queryRunner.query(`DROP TABLE "content_gap_runs"`);
    await queryRunner.query(`DROP INDEX "public"."ix_content_gaps_status_searches"`);
    await queryRunner.query(`DROP INDEX "public"."ix_content_gaps_department_status"`);
    await queryRunner.query(`DROP INDEX "public"."uq_content_gaps_intent_key"`);
    await queryRunner.query(`DROP TABLE "content_gaps"`);
  }
}

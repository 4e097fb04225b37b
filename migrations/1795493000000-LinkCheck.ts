import { MigrationInterface, QueryRunner } from 'typeorm';

/** Link check: runs (at most one running), the status of each URL per run, and where each URL is used. */
export class LinkCheck1795493000000 implements MigrationInterface {
  name = 'LinkCheck1795493000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "link_check_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "status" text NOT NULL, "trigger" text NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, "articles" integer NOT NULL DEFAULT '0', "links" integer NOT NULL DEFAULT '0', "broken" integer NOT NULL DEFAULT '0', "error" text, CONSTRAINT "ck_link_check_runs_status" CHECK (status IN ('running', 'completed', 'failed')), CONSTRAINT "PK_3bc9a2e4cbdada3b8699e5d1101" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_link_check_runs_started" ON "link_check_runs" ("started_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_link_check_runs_running" ON "link_check_runs" ("status") WHERE status = 'running'`);
    await queryRunner.query(
      `CREATE TABLE "link_check_results" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "run_id" uuid NOT NULL, "url" text NOT NULL, "status" text NOT NULL, "http_status" integer, "final_url" text, "error" text, "attempts" integer NOT NULL, "checked_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_1aa3013e88a808654e6213227dd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_link_check_results_run_url" ON "link_check_results" ("run_id", "url") `);
    await queryRunner.query(
      `CREATE TABLE "link_check_occurrences" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "run_id" uuid NOT NULL, "article_id" uuid NOT NULL, "article_title" text NOT NULL, "department_id" uuid NOT NULL, "url" text NOT NULL, "part" text NOT NULL, CONSTRAINT "PK_b9933b620da1c997ec9b4869b35" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_link_check_occurrences_run_url" ON "link_check_occurrences" ("run_id", "url") `);
    await queryRunner.query(`CREATE INDEX "ix_link_check_occurrences_run_article" ON "link_check_occurrences" ("run_id", "article_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_link_check_occurrences_run_department" ON "link_check_occurrences" ("run_id", "department_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "link_check_results" ADD CONSTRAINT "FK_ca47f9dda26ec4696812931da49" FOREIGN KEY ("run_id") REFERENCES "link_check_runs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "link_check_occurrences" ADD CONSTRAINT "FK_59979f8ecd432132b84214d9b28" FOREIGN KEY ("run_id") REFERENCES "link_check_runs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "link_check_occurrences" ADD CONSTRAINT "FK_baa078abd28715af795e5d92919" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "link_check_occurrences" ADD CONSTRAINT "FK_0d3c1f63201e1391ecc9e69a99d" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "link_check_occurrences" DROP CONSTRAINT "FK_0d3c1f63201e1391ecc9e69a99d"`);
    await queryRunner.query(`ALTER TABLE "link_check_occurrences" DROP CONSTRAINT "FK_baa078abd28715af795e5d92919"`);
    await queryRunner.query(`ALTER TABLE "link_check_occurrences" DROP CONSTRAINT "FK_59979f8ecd432132b84214d9b28"`);
    await queryRunner.query(`ALTER TABLE "link_check_results" DROP CONSTRAINT "FK_ca47f9dda26ec4696812931da49"`);
    await queryRunner.query(`DROP INDEX "public"."ix_link_check_occurrences_run_department"`);
    await queryRunner.query(`DROP INDEX "public"."ix_link_check_occurrences_run_article"`);
    await queryRunner.query(`DROP INDEX "public"."ix_link_check_occurrences_run_url"`);
    await queryRunner.query(`DROP TABLE "link_check_occurrences"`);
    await queryRunner.query(`DROP INDEX "public"."uq_link_check_results_run_url"`);
    await queryRunner.query(`DROP TABLE "link_check_results"`);
    await queryRunner.query(`DROP INDEX "public"."uq_link_check_runs_running"`);
    await queryRunner.query(`DROP INDEX "public"."ix_link_check_runs_started"`);
    await queryRunner.query(`DROP TABLE "link_check_runs"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/** Terugmeldingen (agent feedback on published articles), routed and tracked per department. */
export class Feedback1795490000000 implements MigrationInterface {
  name = 'Feedback1795490000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "feedback" ("id" uuid NOT NULL, "article_id" uuid NOT NULL, "article_version" integer NOT NULL, "article_title" text NOT NULL, "department_id" uuid NOT NULL, "reporter_id" uuid, "kind" text NOT NULL, "section" text, "comment" text NOT NULL, "search_query" text, "status" text NOT NULL, "reply" text, "handled_by_id" uuid, "routed_to" text array NOT NULL DEFAULT '{}', "notified_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "row_version" integer NOT NULL, CONSTRAINT "ck_feedback_status" CHECK (status IN ('open', 'in_progress', 'resolved', 'rejected')), CONSTRAINT "ck_feedback_kind" CHECK (kind IN ('incorrect', 'incomplete', 'unclear', 'outdated', 'cannot-find')), CONSTRAINT "PK_8389f9e087a57689cd5be8b2b13" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_feedback_created_id" ON "feedback" ("created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_feedback_reporter_created" ON "feedback" ("reporter_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "ix_feedback_article_status" ON "feedback" ("article_id", "status") `);
    await queryRunner.query(`CREATE INDEX "ix_feedback_department_status" ON "feedback" ("department_id", "status") `);
    await queryRunner.query(
      `ALTER TABLE "feedback" ADD CONSTRAINT "FK_a4443d95b36d9ac529586d23ccf" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "feedback" ADD CONSTRAINT "FK_ab4b7e7949fa636b9dcb66a0ea4" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "feedback" ADD CONSTRAINT "FK_163c7a41b03ac673b7065d0e63b" FOREIGN KEY ("reporter_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "feedback" ADD CONSTRAINT "FK_7b879822b0476e702edb34a7692" FOREIGN KEY ("handled_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "feedback" DROP CONSTRAINT "FK_7b879822b0476e702edb34a7692"`);
    await queryRunner.query(`ALTER TABLE "feedback" DROP CONSTRAINT "FK_163c7a41b03ac673b7065d0e63b"`);
    await queryRunner.query(`ALTER TABLE "feedback" DROP CONSTRAINT "FK_ab4b7e7949fa636b9dcb66a0ea4"`);
    await queryRunner.query(`ALTER TABLE "feedback" DROP CONSTRAINT "FK_a4443d95b36d9ac529586d23ccf"`);
    await queryRunner.query(`DROP INDEX "public"."ix_feedback_department_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_feedback_article_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_feedback_reporter_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_feedback_created_id"`);
    await queryRunner.query(`DROP TABLE "feedback"`);
  }
}

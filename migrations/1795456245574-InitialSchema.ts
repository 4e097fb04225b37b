import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795456245574 implements MigrationInterface {
  name = 'InitialSchema1795456245574';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "departments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" text NOT NULL, "name" text NOT NULL, "contact_email" text NOT NULL DEFAULT '', "coordinators" text array NOT NULL DEFAULT '{}', "review_interval_days" integer, "allow_self_approval" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "row_version" integer NOT NULL, CONSTRAINT "ck_departments_review_interval" CHECK (review_interval_days IS NULL OR review_interval_days BETWEEN 1 AND 3650), CONSTRAINT "PK_839517a681a86bb84cbcc6a1e9d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_departments_slug" ON "departments" ("slug") `);
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "name" text NOT NULL DEFAULT '', "subject" text, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_email" ON "users" ("email") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_subject" ON "users" ("subject") WHERE subject IS NOT NULL`);
    await queryRunner.query(
      `CREATE TABLE "articles" ("id" uuid NOT NULL, "external_id" text, "kind" text NOT NULL, "slug" text NOT NULL, "status" text NOT NULL, "title" text NOT NULL, "content" jsonb NOT NULL, "content_hash" text NOT NULL, "department_id" uuid NOT NULL, "owner_id" uuid, "review_interval_days" integer, "review_due_at" TIMESTAMP WITH TIME ZONE, "last_reviewed_at" TIMESTAMP WITH TIME ZONE, "last_reviewed_by_id" uuid, "published_version" integer, "latest_version" integer NOT NULL DEFAULT '0', "revision_author_id" uuid, "revision_note" text, "rejection_reason" text, "submitted_at" TIMESTAMP WITH TIME ZONE, "archived_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "row_version" integer NOT NULL, CONSTRAINT "ck_articles_review_interval" CHECK (review_interval_days IS NULL OR review_interval_days BETWEEN 1 AND 3650), CONSTRAINT "ck_articles_status" CHECK (status IN ('draft', 'in_review', 'published', 'archived')), CONSTRAINT "ck_articles_kind" CHECK (kind IN ('product', 'faq', 'instruction')), CONSTRAINT "PK_0a6e2c450d83e0b6052c2793334" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_articles_external_id" ON "articles" ("external_id") WHERE external_id IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_articles_slug" ON "articles" ("slug") `);
    await queryRunner.query(`CREATE INDEX "ix_articles_updated_at_id" ON "articles" ("updated_at", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_articles_review_due_at" ON "articles" ("review_due_at") `);
    await queryRunner.query(`CREATE INDEX "ix_articles_department_status" ON "articles" ("department_id", "status") `);
    await queryRunner.query(
      `CREATE TABLE "article_events" ("id" BIGSERIAL NOT NULL, "article_id" uuid NOT NULL, "action" text NOT NULL, "from_status" text, "to_status" text, "actor_id" uuid, "version" integer, "details" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_052fa8301869daf76b4008f5fe0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_article_events_article" ON "article_events" ("article_id", "id") `);
    await queryRunner.query(
      `CREATE TABLE "article_slugs" ("slug" text NOT NULL, "article_id" uuid NOT NULL, "retired_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2f6bddba07c95c9bb443f21f4f3" PRIMARY KEY ("slug"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_article_slugs_article" ON "article_slugs" ("article_id") `);
    await queryRunner.query(
      `CREATE TABLE "article_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "article_id" uuid NOT NULL, "number" integer NOT NULL, "content" jsonb NOT NULL, "rendered" jsonb NOT NULL, "plain_text" text NOT NULL, "content_hash" text NOT NULL, "reason" text NOT NULL DEFAULT '', "author_id" uuid, "approved_by_id" uuid, "restored_from" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_92c2c17e3890d1457414a9b8537" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_article_versions_article_number" ON "article_versions" ("article_id", "number") `);
    await queryRunner.query(
      `ALTER TABLE "articles" ADD CONSTRAINT "FK_c030ec8190027271c06fbeaae32" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "articles" ADD CONSTRAINT "FK_5d0401a0153e4eabdcbe29d8979" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "articles" ADD CONSTRAINT "FK_34514714f5c4568f742b8788e3e" FOREIGN KEY ("last_reviewed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "article_events" ADD CONSTRAINT "FK_975c38995c6f52bda84e4d17276" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "article_slugs" ADD CONSTRAINT "FK_cb21ca36b3c23a89b89a46bec7b" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "article_versions" ADD CONSTRAINT "FK_6f13230b812dda9b137e00edff7" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "article_versions" ADD CONSTRAINT "FK_4f0c8f21258f5c6aebff1947994" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "article_versions" ADD CONSTRAINT "FK_da3d9e624df0100f3b2e1ca5752" FOREIGN KEY ("approved_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "article_versions" DROP CONSTRAINT "FK_da3d9e624df0100f3b2e1ca5752"`);
    await queryRunner.query(`ALTER TABLE "article_versions" DROP CONSTRAINT "FK_4f0c8f21258f5c6aebff1947994"`);
    await queryRunner.query(`ALTER TABLE "article_versions" DROP CONSTRAINT "FK_6f13230b812dda9b137e00edff7"`);
    await queryRunner.query(`ALTER TABLE "article_slugs" DROP CONSTRAINT "FK_cb21ca36b3c23a89b89a46bec7b"`);
    await queryRunner.query(`ALTER TABLE "article_events" DROP CONSTRAINT "FK_975c38995c6f52bda84e4d17276"`);
    await queryRunner.query(`ALTER TABLE "articles" DROP CONSTRAINT "FK_34514714f5c4568f742b8788e3e"`);
    await queryRunner.query(`ALTER TABLE "articles" DROP CONSTRAINT "FK_5d0401a0153e4eabdcbe29d8979"`);
    await queryRunner.query(`ALTER TABLE "articles" DROP CONSTRAINT "FK_c030ec8190027271c06fbeaae32"`);
    await queryRunner.query(`DROP INDEX "public"."uq_article_versions_article_number"`);
    await queryRunner.query(`DROP TABLE "article_versions"`);
    await queryRunner.query(`DROP INDEX "public"."ix_article_slugs_article"`);
    await queryRunner.query(`DROP TABLE "article_slugs"`);
    await queryRunner.query(`DROP INDEX "public"."ix_article_events_article"`);
    await queryRunner.query(`DROP TABLE "article_events"`);
    await queryRunner.query(`DROP INDEX "public"."ix_articles_department_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_articles_review_due_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_articles_updated_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_articles_slug"`);
    await queryRunner.query(`DROP INDEX "public"."uq_articles_external_id"`);
    await queryRunner.query(`DROP TABLE "articles"`);
    await queryRunner.query(`DROP INDEX "public"."uq_users_subject"`);
    await queryRunner.query(`DROP INDEX "public"."uq_users_email"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."uq_departments_slug"`);
    await queryRunner.query(`DROP TABLE "departments"`);
  }
}

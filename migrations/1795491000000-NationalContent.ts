import { MigrationInterface, QueryRunner } from 'typeorm';

/** Landelijke content: national items with version history, the articles built on them, and bronwijziging tasks (one per article per national version, at most one open). */
export class NationalContent1795491000000 implements MigrationInterface {
  name = 'NationalContent1795491000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "national_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "uri" text NOT NULL, "current_version_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_eeede1fa9c8d2d07b6d704ecb57" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_national_items_uri" ON "national_items" ("uri") `);
    await queryRunner.query(
      `CREATE TABLE "national_item_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "item_id" uuid NOT NULL, "version" text NOT NULL, "content_hash" text NOT NULL, "title" text NOT NULL, "body" text NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_25a8dbb9e72a50b480d1ce66d22" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_national_item_versions_item_version_hash" ON "national_item_versions" ("item_id", "version", "content_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "article_national_sources" ("article_id" uuid NOT NULL, "item_id" uuid NOT NULL, "aligned_version_id" uuid NOT NULL, "linked_at" TIMESTAMP WITH TIME ZONE NOT NULL, "linked_by_id" uuid, "confirmed_at" TIMESTAMP WITH TIME ZONE, "confirmed_by_id" uuid, CONSTRAINT "PK_9290113175f655c19da7f35d15a" PRIMARY KEY ("article_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_article_national_sources_item" ON "article_national_sources" ("item_id") `);
    await queryRunner.query(
      `CREATE TABLE "source_change_tasks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "article_id" uuid NOT NULL, "from_version_id" uuid NOT NULL, "to_version_id" uuid NOT NULL, "article_version" integer, "routed_to" text array NOT NULL DEFAULT '{}', "notified_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE, "closed_reason" text, "closed_by_id" uuid, CONSTRAINT "ck_source_change_tasks_reason" CHECK (closed_reason IS NULL OR closed_reason IN ('confirmed', 'new_version', 'reviewed', 'superseded', 'unlinked')), CONSTRAINT "PK_e90606c2236009015bf098dc40d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_source_change_tasks_open" ON "source_change_tasks" ("article_id") WHERE closed_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_source_change_tasks_article_version" ON "source_change_tasks" ("article_id", "to_version_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "national_items" ADD CONSTRAINT "FK_1066f22dd95f0fecabb9eafd789" FOREIGN KEY ("current_version_id") REFERENCES "national_item_versions"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "national_item_versions" ADD CONSTRAINT "FK_9eabf85e36cc0490f6a0e501085" FOREIGN KEY ("item_id") REFERENCES "national_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "article_national_sources" ADD CONSTRAINT "FK_9290113175f655c19da7f35d15a" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "article_national_sources" ADD CONSTRAINT "FK_7662bb22b9774b7c500c591b49e" FOREIGN KEY ("item_id") REFERENCES "national_items"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "article_national_sources" ADD CONSTRAINT "FK_1e111aeef9829d372da923b267e" FOREIGN KEY ("aligned_version_id") REFERENCES "national_item_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "article_national_sources" ADD CONSTRAINT "FK_9c63eb4c983da02c73cf9bcf286" FOREIGN KEY ("linked_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "article_national_sources" ADD CONSTRAINT "FK_b265ecb9345d5fd679c571fc5ee" FOREIGN KEY ("confirmed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "source_change_tasks" ADD CONSTRAINT "FK_fce9f09fefa5721566759be5ce1" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "source_change_tasks" ADD CONSTRAINT "FK_73e03abfcbc5fd4f7ca14983663" FOREIGN KEY ("from_version_id") REFERENCES "national_item_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "source_change_tasks" ADD CONSTRAINT "FK_e656b41c9d7245e9d9c2a75f0ab" FOREIGN KEY ("to_version_id") REFERENCES "national_item_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "source_change_tasks" ADD CONSTRAINT "FK_4e7b13a1622b6c036d1cafe466d" FOREIGN KEY ("closed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "source_change_tasks" DROP CONSTRAINT "FK_4e7b13a1622b6c036d1cafe466d"`);
    await queryRunner.query(`ALTER TABLE "source_change_tasks" DROP CONSTRAINT "FK_e656b41c9d7245e9d9c2a75f0ab"`);
    await queryRunner.query(`ALTER TABLE "source_change_tasks" DROP CONSTRAINT "FK_73e03abfcbc5fd4f7ca14983663"`);
    await queryRunner.query(`ALTER TABLE "source_change_tasks" DROP CONSTRAINT "FK_fce9f09fefa5721566759be5ce1"`);
    await queryRunner.query(`ALTER TABLE "article_national_sources" DROP CONSTRAINT "FK_b265ecb9345d5fd679c571fc5ee"`);
    await queryRunner.query(`ALTER TABLE "article_national_sources" DROP CONSTRAINT "FK_9c63eb4c983da02c73cf9bcf286"`);
    await queryRunner.query(`ALTER TABLE "article_national_sources" DROP CONSTRAINT "FK_1e111aeef9829d372da923b267e"`);
    await queryRunner.query(`ALTER TABLE "article_national_sources" DROP CONSTRAINT "FK_7662bb22b9774b7c500c591b49e"`);
    await queryRunner.query(`ALTER TABLE "article_national_sources" DROP CONSTRAINT "FK_9290113175f655c19da7f35d15a"`);
    await queryRunner.query(`ALTER TABLE "national_item_versions" DROP CONSTRAINT "FK_9eabf85e36cc0490f6a0e501085"`);
    await queryRunner.query(`ALTER TABLE "national_items" DROP CONSTRAINT "FK_1066f22dd95f0fecabb9eafd789"`);
    await queryRunner.query(`DROP INDEX "public"."uq_source_change_tasks_article_version"`);
    await queryRunner.query(`DROP INDEX "public"."uq_source_change_tasks_open"`);
    await queryRunner.query(`DROP TABLE "source_change_tasks"`);
    await queryRunner.query(`DROP INDEX "public"."ix_article_national_sources_item"`);
    await queryRunner.query(`DROP TABLE "article_national_sources"`);
    await queryRunner.query(`DROP INDEX "public"."uq_national_item_versions_item_version_hash"`);
    await queryRunner.query(`DROP TABLE "national_item_versions"`);
    await queryRunner.query(`DROP INDEX "public"."uq_national_items_uri"`);
    await queryRunner.query(`DROP TABLE "national_items"`);
  }
}

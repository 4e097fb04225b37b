import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Regie op kennismanagement: the departments' review terms (DVO), the reminder log whose unique key
 * makes every reminder exactly-once, the delivery outbox with retry state and dead letters, editors'
 * mail preferences, daily content-health snapshots and the record of scheduled runs.
 * No foreign keys to articles: the log and snapshots are history and outlive what they describe.
 */
export class Stewardship1795480000000 implements MigrationInterface {
  name = 'Stewardship1795480000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "departments" ADD "review_upcoming_days" integer`);
    await queryRunner.query(`ALTER TABLE "departments" ADD "review_overdue_days" integer`);
    await queryRunner.query(`ALTER TABLE "departments" ADD "review_escalation_days" integer`);
    await queryRunner.query(
      `ALTER TABLE "departments" ADD CONSTRAINT "ck_departments_review_upcoming" CHECK (review_upcoming_days IS NULL OR review_upcoming_days BETWEEN 0 AND 365)`,
    );
    await queryRunner.query(
      `ALTER TABLE "departments" ADD CONSTRAINT "ck_departments_review_overdue" CHECK (review_overdue_days IS NULL OR review_overdue_days BETWEEN 1 AND 365)`,
    );
    await queryRunner.query(
      `ALTER TABLE "departments" ADD CONSTRAINT "ck_departments_review_escalation" CHECK (review_escalation_days IS NULL OR review_escalation_days BETWEEN 2 AND 730)`,
    );

    await queryRunner.query(
      `CREATE TABLE "review_reminders" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "article_id" uuid NOT NULL, "cycle" TIMESTAMP WITH TIME ZONE NOT NULL, "stage" text NOT NULL, "department_id" uuid NOT NULL, "owner_id" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_review_reminders_stage" CHECK (stage IN ('upcoming', 'due', 'overdue', 'escalated')), CONSTRAINT "PK_4af233f0aa6fe27ee243ae23583" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_review_reminders_cycle_stage" ON "review_reminders" ("article_id", "cycle", "stage") `,
    );

    await queryRunner.query(
      `CREATE TABLE "stewardship_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "reminder_id" uuid, "digest_week" date, "user_id" uuid, "recipient" text NOT NULL, "recipient_name" text NOT NULL DEFAULT '', "role" text NOT NULL, "status" text NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "channels_done" text array NOT NULL DEFAULT '{}', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL, "claimed_at" TIMESTAMP WITH TIME ZONE, "sent_at" TIMESTAMP WITH TIME ZONE, "last_error" text, "outcome" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_stewardship_deliveries_role" CHECK (role IN ('owner', 'coordinator', 'kennisregisseur')), CONSTRAINT "ck_stewardship_deliveries_status" CHECK (status IN ('pending', 'sending', 'sent', 'digest', 'cancelled', 'dead')), CONSTRAINT "ck_stewardship_deliveries_kind" CHECK ((kind = 'reminder' AND reminder_id IS NOT NULL AND digest_week IS NULL) OR (kind = 'digest' AND digest_week IS NOT NULL AND reminder_id IS NULL)), CONSTRAINT "PK_ce0ad280de398a28ddfb12729e9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_stewardship_deliveries_attention" ON "stewardship_deliveries" ("status", "updated_at") WHERE status IN ('sending', 'dead')`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_stewardship_deliveries_pending" ON "stewardship_deliveries" ("next_attempt_at") WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_stewardship_deliveries_digest" ON "stewardship_deliveries" ("digest_week", "recipient") WHERE digest_week IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_stewardship_deliveries_reminder" ON "stewardship_deliveries" ("reminder_id", "recipient") WHERE reminder_id IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "stewardship_deliveries" ADD CONSTRAINT "FK_7b9c43d28a0df83c9431dc1b44b" FOREIGN KEY ("reminder_id") REFERENCES "review_reminders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await queryRunner.query(
      `CREATE TABLE "stewardship_preferences" ("user_id" uuid NOT NULL, "reminder_mail" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_stewardship_preferences_mail" CHECK (reminder_mail IN ('per-article', 'digest')), CONSTRAINT "PK_c027513abfd1ab6aeba85a4a64d" PRIMARY KEY ("user_id"))`,
    );

    await queryRunner.query(
      `CREATE TABLE "stewardship_runs" ("id" BIGSERIAL NOT NULL, "job" text NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, "stats" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "ck_stewardship_runs_job" CHECK (job IN ('scan', 'digest')), CONSTRAINT "PK_863bfdbd9f9bae344c2a632de50" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_stewardship_runs_job" ON "stewardship_runs" ("job", "started_at") `);

    await queryRunner.query(
      `CREATE TABLE "stewardship_snapshots" ("id" BIGSERIAL NOT NULL, "day" date NOT NULL, "department_id" uuid, "figures" jsonb NOT NULL, "taken_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_5748c9013a4ab27cbc2b6f1f6ba" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_stewardship_snapshots_overall" ON "stewardship_snapshots" ("day") WHERE department_id IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_stewardship_snapshots_department" ON "stewardship_snapshots" ("day", "department_id") WHERE department_id IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "stewardship_snapshots"`);
    await queryRunner.query(`DROP TABLE "stewardship_runs"`);
    await queryRunner.query(`DROP TABLE "stewardship_preferences"`);
    await queryRunner.query(`DROP TABLE "stewardship_deliveries"`);
    await queryRunner.query(`DROP TABLE "review_reminders"`);
    await queryRunner.query(`ALTER TABLE "departments" DROP CONSTRAINT "ck_departments_review_escalation"`);
    await queryRunner.query(`ALTER TABLE "departments" DROP CONSTRAINT "ck_departments_review_overdue"`);
    await queryRunner.query(`ALTER TABLE "departments" DROP CONSTRAINT "ck_departments_review_upcoming"`);
    await queryRunner.query(`ALTER TABLE "departments" DROP COLUMN "review_escalation_days"`);
    await queryRunner.query(`ALTER TABLE "departments" DROP COLUMN "review_overdue_days"`);
    await queryRunner.query(`ALTER TABLE "departments" DROP COLUMN "review_upcoming_days"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/** Failed writes to the secondary engine (Meilisearch) stay queued and are retried with backoff; the last error is kept. */
export class SecondaryOutboxRetry1795511000000 implements MigrationInterface {
  name = 'SecondaryOutboxRetry1795511000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE search_secondary_outbox
         ADD COLUMN attempts int NOT NULL DEFAULT 0,
         ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
         ADD COLUMN last_error text`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE search_secondary_outbox DROP COLUMN last_error, DROP COLUMN next_attempt_at, DROP COLUMN attempts',
    );
  }
}

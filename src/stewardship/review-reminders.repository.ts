import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ReviewStage } from './review-policy';
import type { DeliveryStatus, StewardshipDelivery } from './stewardship-delivery.entity';
import { unnestColumns } from '../common/persistence/unnest';

export interface NewReminder {
  articleId: string;
  cycle: Date;
  stage: ReviewStage;
  departmentId: string;
  ownerId: string | null;
}

export interface NewDelivery extends Pick<
  StewardshipDelivery,
  'reminderId' | 'digestWeek' | 'userId' | 'recipient' | 'recipientName' | 'role' | 'outcome'
> {
  status: Extract<DeliveryStatus, 'pending' | 'digest' | 'dead'>;
}

/** A delivery with the reminder it belongs to (null fields for digests). */
export interface DeliveryRecord extends Omit<StewardshipDelivery, 'reminder' | 'claimedAt'> {
  articleId: string | null;
  departmentId: string | null;
  cycle: Date | null;
  stage: ReviewStage | null;
}

export interface DeliveryUpdate {
  status: DeliveryStatus;
  channelsDone?: string[];
  nextAttemptAt?: Date;
  sentAt?: Date;
  lastError?: string | null;
  outcome?: string | null;
}

const SELECT_DELIVERY = `d.id, d.kind, d.reminder_id AS "reminderId", to_char(d.digest_week, 'YYYY-MM-DD') AS "digestWeek",
  d.user_id AS "userId", d.recipient, d.recipient_name AS "recipientName", d.role, d.status, d.attempts,
  d.channels_done AS "channelsDone", d.next_attempt_at AS "nextAttemptAt", d.sent_at AS "sentAt",
  d.last_error AS "lastError", d.outcome, d.created_at AS "createdAt", d.updated_at AS "updatedAt",
  r.article_id AS "articleId", r.department_id AS "departmentId", r.cycle, r.stage`;

/**
 * The reminder log and its delivery outbox. Recording a reminder and its deliveries happens in the
 * caller's transaction; claiming a delivery is one statement with SKIP LOCKED, so two workers never
 * hold the same one.
 */
@Injectable()
export class ReviewRemindersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts the reminders not recorded before; returns only those this call inserted. */
  async record(
    manager: EntityManager,
    reminders: NewReminder[],
    now: Date,
  ): Promise<{ id: string; articleId: string; stage: ReviewStage }[]> {
    if (reminders.length === 0) return [];
    return manager.query(
      `INSERT INTO review_reminders (article_id, cycle, stage, department_id, owner_id, recorded_at)
       SELECT article_id, cycle, stage, department_id, owner_id, $6
       FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::uuid[], $5::uuid[]) AS r(article_id, cycle, stage, department_id, owner_id)
       ORDER BY article_id, stage
       ON CONFLICT (article_id, cycle, stage) DO NOTHING
       RETURNING id, article_id AS "articleId", stage`,
      [...unnestColumns(reminders, ['articleId', 'cycle', 'stage', 'departmentId', 'ownerId']), now],
    );
  }

  async insertDeliveries(manager: EntityManager, deliveries: NewDelivery[], now: Date): Promise<number> {
    if (deliveries.length === 0) return 0;
    const rows: unknown[] = await manager.query(
      `INSERT INTO stewardship_deliveries
         (kind, reminder_id, digest_week, user_id, recipient, recipient_name, role, status, outcome, next_attempt_at, created_at, updated_at)
       SELECT CASE WHEN reminder_id IS NULL THEN 'digest' ELSE 'reminder' END, reminder_id, digest_week, user_id, recipient,
              recipient_name, role, status, outcome, $9, $9, $9
       FROM unnest($1::uuid[], $2::date[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
         AS d(reminder_id, digest_week, user_id, recipient, recipient_name, role, status, outcome)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [
        ...unnestColumns(deliveries, ['reminderId', 'digestWeek', 'userId', 'recipient', 'recipientName', 'role', 'status', 'outcome']),
        now,
      ],
    );
    return rows.length;
  }

  /** Distinct stages recorded for each article's current cycle (absent: none). */
  async stagesInCycle(cycles: { articleId: string; cycle: Date }[]): Promise<Map<string, number>> {
    if (cycles.length === 0) return new Map();
    const rows: { article_id: string; stages: number }[] = await this.dataSource.query(
      `SELECT r.article_id, count(DISTINCT r.stage)::int AS stages
       FROM unnest($1::uuid[], $2::timestamptz[]) AS c(article_id, cycle)
       JOIN review_reminders r ON r.article_id = c.article_id AND r.cycle = c.cycle
       GROUP BY r.article_id`,
      unnestColumns(cycles, ['articleId', 'cycle']),
    );
    return new Map(rows.map((r) => [r.article_id, r.stages]));
  }

  /**
   * Takes up to `limit` deliveries that are due: marks them `sending` and counts the attempt, in one
   * statement. Rows another worker holds are skipped, not waited for.
   */
  claim(now: Date, limit: number): Promise<DeliveryRecord[]> {
    return this.dataSource.query(
      `WITH picked AS (
         SELECT id FROM stewardship_deliveries
         WHERE status = 'pending' AND next_attempt_at <= $1
         ORDER BY next_attempt_at, id
         LIMIT $2
         FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE stewardship_deliveries d SET status = 'sending', claimed_at = $1, attempts = d.attempts + 1, updated_at = $1
         FROM picked WHERE d.id = picked.id AND d.status = 'pending'
         RETURNING d.*
       )
       SELECT ${SELECT_DELIVERY} FROM claimed d LEFT JOIN review_reminders r ON r.id = d.reminder_id
       ORDER BY d.next_attempt_at, d.id`,
      [now, limit],
    );
  }

  /** Records how an attempt ended; only while the row is still ours (`sending`). */
  async finish(id: string, update: DeliveryUpdate, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE stewardship_deliveries SET status = $2, channels_done = coalesce($3, channels_done), next_attempt_at = coalesce($4, next_attempt_at),
         sent_at = coalesce($5, sent_at), last_error = CASE WHEN $8 THEN $6 ELSE last_error END, outcome = $7, claimed_at = NULL, updated_at = $9
       WHERE id = $1 AND status = 'sending'`,
      [
        id,
        update.status,
        update.channelsDone ?? null,
        update.nextAttemptAt ?? null,
        update.sentAt ?? null,
        update.lastError ?? null,
        update.outcome ?? null,
        update.lastError !== undefined,
        now,
      ],
    );
  }

  /**
   * A worker that stopped while sending (crash, kill) may or may not have handed the message over.
   * Sending it again could duplicate it, so such deliveries go to the dead letters, where a person
   * decides. Returns how many.
   */
  async sweepInterrupted(now: Date, leaseMs: number): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `UPDATE stewardship_deliveries
       SET status = 'dead', outcome = 'interrupted', claimed_at = NULL, updated_at = $1,
           last_error = 'the worker stopped while sending: the message may or may not have arrived'
       WHERE status = 'sending' AND claimed_at < $2
       RETURNING id`,
      [now, new Date(now.getTime() - leaseMs)],
    );
    return rows.length;
  }

  async find(id: string): Promise<DeliveryRecord | null> {
    const rows: DeliveryRecord[] = await this.dataSource.query(
      `SELECT ${SELECT_DELIVERY} FROM stewardship_deliveries d LEFT JOIN review_reminders r ON r.id = d.reminder_id WHERE d.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Newest first. */
  deadLetters(limit: number): Promise<DeliveryRecord[]> {
    return this.dataSource.query(
      `SELECT ${SELECT_DELIVERY} FROM stewardship_deliveries d LEFT JOIN review_reminders r ON r.id = d.reminder_id
       WHERE d.status = 'dead' ORDER BY d.updated_at DESC, d.id LIMIT $1`,
      [limit],
    );
  }

  /** Back to `pending` for a fresh round of attempts; false when it is no longer a dead letter. */
  async requeue(manager: EntityManager, id: string, now: Date): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `UPDATE stewardship_deliveries SET status = 'pending', attempts = 0, next_attempt_at = $2, outcome = NULL, updated_at = $2
       WHERE id = $1 AND status = 'dead' RETURNING id`,
      [id, now],
    );
    return rows.length > 0;
  }

  /** A dead letter without recipient, replaced by deliveries to the people found now. */
  async markReplaced(manager: EntityManager, id: string, now: Date): Promise<void> {
    await manager.query(
      `UPDATE stewardship_deliveries SET status = 'cancelled', outcome = 'replaced', updated_at = $2 WHERE id = $1 AND status = 'dead'`,
      [id, now],
    );
  }
}

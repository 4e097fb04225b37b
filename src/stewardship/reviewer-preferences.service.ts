import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/request-context/actor';
import { Clock } from '../common/time/clock';
import { ReminderMailMode } from './stewardship-preference.entity';

export interface PreferencesResponse {
  /** `per-article`: a mail per article and stage (default); `digest`: one weekly digest, escalations still at once */
  reminderMail: ReminderMailMode;
}

export const DEFAULT_REMINDER_MAIL: ReminderMailMode = 'per-article';

/** How each editor wants their review reminders. */
@Injectable()
export class ReviewerPreferencesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async get(actor: Actor): Promise<PreferencesResponse> {
    const [row]: { reminder_mail: ReminderMailMode }[] = await this.dataSource.query(
      `SELECT reminder_mail FROM stewardship_preferences WHERE user_id = $1`,
      [actor.userId],
    );
    return { reminderMail: row?.reminder_mail ?? DEFAULT_REMINDER_MAIL };
  }

  async set(actor: Actor, reminderMail: ReminderMailMode): Promise<PreferencesResponse> {
    await this.dataSource.query(
      `INSERT INTO stewardship_preferences (user_id, reminder_mail, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET reminder_mail = EXCLUDED.reminder_mail, updated_at = EXCLUDED.updated_at`,
      [actor.userId, reminderMail, this.clock.now()],
    );
    return { reminderMail };
  }

  /** Which of `userIds` chose the weekly digest. */
  async digestReaders(userIds: string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows: { user_id: string }[] = await this.dataSource.query(
      `SELECT user_id FROM stewardship_preferences WHERE reminder_mail = 'digest' AND user_id = ANY($1::uuid[])`,
      [[...new Set(userIds)]],
    );
    return new Set(rows.map((r) => r.user_id));
  }

  /** Everyone who chose the weekly digest. */
  async allDigestReaders(): Promise<string[]> {
    const rows: { user_id: string }[] = await this.dataSource.query(
      `SELECT user_id FROM stewardship_preferences WHERE reminder_mail = 'digest' ORDER BY user_id`,
    );
    return rows.map((r) => r.user_id);
  }
}

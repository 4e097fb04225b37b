import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

export const REMINDER_MAIL_MODES = ['per-article', 'digest'] as const;
export type ReminderMailMode = (typeof REMINDER_MAIL_MODES)[number];

/** How an editor wants their review reminders: one mail per article and stage, or the weekly digest. */
@Entity('stewardship_preferences')
@Check('ck_stewardship_preferences_mail', `reminder_mail IN ('per-article', 'digest')`)
export class StewardshipPreference {
  @PrimaryColumn('uuid')
  userId: string;

  @Column('text')
  reminderMail: ReminderMailMode;

  @Column('timestamptz')
  updatedAt: Date;
}

export type NotificationKind =
  'review_upcoming' | 'review_due' | 'review_overdue' | 'review_escalated' | 'weekly_digest' | 'source_changed' | 'feedback_received';

/** One message to one or more people, rendered for humans (subject/text/html) and for machines (data). */
export interface Notification {
  kind: NotificationKind;
  /** e-mail addresses */
  to: string[];
  subject: string;
  /** plain-text version, same content as the HTML */
  text: string;
  html: string;
  /** JSON-safe payload for webhooks: article ids, stage, links */
  data: Record<string, unknown>;
}

/** What a template renders: everything except the recipients. */
export type NotificationContent = Omit<Notification, 'to'>;

export function addressTo(to: string[], content: NotificationContent): Notification {
  return { ...content, to: [...to] };
}

import type { Notification } from './notification';

/**
 * The port through which notifications leave the system (e-mail, a chat webhook, ...).
 *
 * Contract:
 * - `send` resolves once the receiving system has accepted the notification (the SMTP server queued
 *   the mail, the webhook answered 2xx). It does not retry; retries and dead-lettering belong to the
 *   caller (a BullMQ job).
 * - On failure it rejects with a {@link DeliveryError} only: `permanent` true when sending the same
 *   notification again cannot succeed (SMTP 5xx or a rejected recipient, webhook 4xx other than
 *   408/429, a malformed notification), false when a later attempt may (connection refused or timed
 *   out, SMTP 4xx, webhook 5xx/408/429).
 * - An adapter keeps no state between calls that a failed call could corrupt, and never logs message
 *   content (feedback comments may hold citizens' data).
 */
export abstract class NotificationChannel {
  /** Stable, short name used in results and logs, e.g. `smtp`, `webhook`. */
  abstract readonly name: string;
  abstract send(notification: Notification): Promise<void>;
}

/** Why a channel could not deliver; `permanent` tells the caller whether a retry can help. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

import { Logger } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport';
import { Notification } from '../notification';
import { DeliveryError, NotificationChannel } from '../notification-channel';

/** Extra transport options (e.g. `{ ignoreTLS: true }` for a local server); settings in the URL win. */
export type SmtpChannelOptions = Omit<SMTPTransport.Options, 'url'>;

// nodemailer's defaults (2 min to connect, 10 min idle) would hold a worker slot for far too long.
const DEFAULT_OPTIONS: SmtpChannelOptions = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 60_000 };

// Error codes nodemailer sets without a server reply that no retry can fix: a bad address or message,
// missing credentials, configuration, a server that cannot do what the configuration demands.
const PERMANENT_CODES = new Set(['EENVELOPE', 'EMESSAGE', 'EAUTH', 'ENOAUTH', 'ECONFIG', 'EREQUIRETLS', 'EMAXRECIPIENTS']);

interface NodemailerError {
  message?: string;
  code?: string;
  responseCode?: number;
}

/** SMTP replies decide first (5xx permanent, 4xx transient); without a reply the error code does. */
export function classifySmtpError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as NodemailerError;
  const message = `SMTP: ${e.message ?? String(error)}`;
  if (typeof e.responseCode === 'number' && e.responseCode >= 400 && e.responseCode < 600) {
    return new DeliveryError(message, e.responseCode >= 500);
  }
  // ECONNECTION, ETIMEDOUT, ESOCKET (refused), EDNS, ETLS, EPROTOCOL and anything unknown: try again
  return new DeliveryError(message, e.code !== undefined && PERMANENT_CODES.has(e.code));
}

/** Sends notifications as multipart (text + HTML) e-mail through one SMTP server. */
export class SmtpChannel extends NotificationChannel {
  readonly name = 'smtp';
  private readonly logger = new Logger(SmtpChannel.name);
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo>;

  /**
   * @param url as nodemailer accepts it: `smtp://user:pass@host:587`, `smtps://host:465`,
   *   query parameters become options (`smtp://localhost:1025?ignoreTLS=true`)
   * @param from the sender, e.g. `Kennisbank <kennisbank@gemeente.nl>`
   */
  constructor(
    url: string,
    private readonly from: string,
    options: SmtpChannelOptions = {},
  ) {
    super();
    // createTransport({ url, ... }) would drop everything but the URL; SMTPTransport merges both.
    this.transport = nodemailer.createTransport(new SMTPTransport({ ...DEFAULT_OPTIONS, ...options, url }));
  }

  async send(notification: Notification): Promise<void> {
    if (notification.to.length === 0) throw new DeliveryError('SMTP: the notification has no recipients', true);
    let info: SMTPTransport.SentMessageInfo;
    try {
      info = await this.transport.sendMail({
        from: this.from,
        to: notification.to,
        subject: notification.subject,
        text: notification.text,
        html: notification.html,
      });
    } catch (error) {
      throw classifySmtpError(error);
    }
    // Some recipients rejected, others accepted: the accepted ones have the mail, so a retry would
    // only send them a duplicate. Report it and count the delivery as done.
    if (info.rejected.length > 0) {
      const rejected = info.rejected.map((r) => (typeof r === 'string' ? r : r.address));
      this.logger.warn(`${notification.kind}: the SMTP server rejected ${rejected.length} recipient(s): ${rejected.join(', ')}`);
    }
  }
}

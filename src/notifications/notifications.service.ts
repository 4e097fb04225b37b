import { Inject, Injectable, Logger } from '@nestjs/common';
import { MetricsService } from '../metrics/metrics.service';
import { Notification } from './notification';
import { DeliveryError, NotificationChannel } from './notification-channel';
import { NOTIFICATION_CHANNELS } from './notification-channels.provider';

export interface ChannelResult {
  channel: string;
  ok: boolean;
  /** on failure: true when a retry cannot help */
  permanent?: boolean;
  error?: string;
}

/**
 * Sends a notification through every configured channel and reports per channel. Never throws: the
 * caller (a BullMQ job) decides what to retry and what to dead-letter, e.g. retry only the channels
 * that failed transiently.
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);
  private disabledLogged = false;

  constructor(
    @Inject(NOTIFICATION_CHANNELS) private readonly channels: NotificationChannel[],
    private readonly metrics: MetricsService,
  ) {}

  /** Names of the configured channels, e.g. for the health endpoint. */
  get channelNames(): string[] {
    return this.channels.map((c) => c.name);
  }

  /** `only`: send through these channels alone, e.g. the ones a previous attempt did not reach. */
  async send(notification: Notification, options: { only?: string[] } = {}): Promise<ChannelResult[]> {
    if (this.channels.length === 0) {
      if (!this.disabledLogged) {
        this.disabledLogged = true;
        this.logger.warn('Notifications are disabled: set SMTP_URL and/or NOTIFY_WEBHOOK_URL to send them');
      }
      return [];
    }
    const channels = options.only ? this.channels.filter((c) => options.only!.includes(c.name)) : this.channels;
    return Promise.all(channels.map((channel) => this.sendVia(channel, notification)));
  }

  private async sendVia(channel: NotificationChannel, notification: Notification): Promise<ChannelResult> {
    try {
      await channel.send(notification);
      this.metrics.recordNotification(notification.kind, channel.name, 'sent');
      return { channel: channel.name, ok: true };
    } catch (error) {
      // a channel that breaks its contract (throws something else) is a bug: report it, retry it
      const permanent = error instanceof DeliveryError ? error.permanent : false;
      this.metrics.recordNotification(notification.kind, channel.name, permanent ? 'failed_permanent' : 'failed_transient');
      const message = (error as { message?: unknown } | null)?.message;
      const text = typeof message === 'string' ? message : String(error);
      const line = `${notification.kind} via ${channel.name} failed (${permanent ? 'permanent' : 'transient'}): ${text}`;
      if (error instanceof DeliveryError) this.logger.warn(line);
      else this.logger.error(line, error instanceof Error ? error.stack : undefined);
      return { channel: channel.name, ok: false, permanent, error: text };
    }
  }
}

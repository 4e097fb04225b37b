import { Provider } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { NotificationChannel } from './notification-channel';
import { SmtpChannel } from './smtp/smtp.channel';
import { WebhookChannel } from './webhook/webhook.channel';

/** DI token for the configured channels (`NotificationChannel[]`, possibly empty). */
export const NOTIFICATION_CHANNELS = Symbol('NOTIFICATION_CHANNELS');

/** E-mail when SMTP_URL is set, the webhook when NOTIFY_WEBHOOK_URL is set; both, one or none. */
export function createNotificationChannels(config: AppConfig): NotificationChannel[] {
  const channels: NotificationChannel[] = [];
  if (config.smtp.url) channels.push(new SmtpChannel(config.smtp.url, config.notifications.mailFrom));
  if (config.notifications.webhookUrl) channels.push(new WebhookChannel(config.notifications.webhookUrl));
  return channels;
}

export const notificationChannelsProvider: Provider = {
  provide: NOTIFICATION_CHANNELS,
  inject: [APP_CONFIG],
  useFactory: createNotificationChannels,
};

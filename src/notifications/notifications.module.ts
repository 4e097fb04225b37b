import { Module } from '@nestjs/common';
import { notificationChannelsProvider } from './notification-channels.provider';
import { NotificationsService } from './notifications.service';

/** Outgoing notifications (e-mail, webhook). Used by other modules; uses none itself besides config. */
@Module({
  providers: [notificationChannelsProvider, NotificationsService],
  exports: [NotificationsService],
})
export class NotificationsModule {}

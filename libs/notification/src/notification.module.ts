import { Global, Module } from '@nestjs/common';
import { InAppChannel } from './in-app.channel';
import { NOTIFICATION_CHANNELS } from './notification-channel';
import { NotificationHub } from './notification-hub';
import { NotificationsService } from './notifications.service';
import { PositionNotifier } from './position-notifier';
import { WorklistSignal } from './worklist-signal';

/**
 * Notifications: the channel list (in-app only today: add an e-mail or WhatsApp channel to
 * NOTIFICATION_CHANNELS), the service, the position notifier for other contexts and the SSE hub.
 * NotifyPositionsJob is registered by the worker.
 */
@Global()
@Module({
  providers: [
    InAppChannel,
    { provide: NOTIFICATION_CHANNELS, inject: [InAppChannel], useFactory: (inApp: InAppChannel) => [inApp] },
    NotificationsService,
    PositionNotifier,
    NotificationHub,
    WorklistSignal,
  ],
  exports: [NotificationsService, PositionNotifier, NotificationHub, WorklistSignal, NOTIFICATION_CHANNELS],
})
export class NotificationModule {}

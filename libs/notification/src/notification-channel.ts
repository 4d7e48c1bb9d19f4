import type { OutgoingNotification } from './notification.types';

/**
 * The port every delivery channel implements: in-app today; e-mail or a WhatsApp gateway later.
 * `deliver` is called again when a job is replayed, so a channel must be idempotent on
 * `dedupeKey` (per user) and answer whether this call delivered it for the first time.
 */
export interface NotificationChannel {
  readonly name: string;
  deliver(notification: OutgoingNotification): Promise<boolean>;
}

/** Injection token of the list of channels (NotificationModule provides [InAppChannel]). */
export const NOTIFICATION_CHANNELS = Symbol('NOTIFICATION_CHANNELS');

import type { EntityManager } from 'typeorm';
import type { OutgoingNotification } from './notification.types';

/**
 * The port every delivery channel implements: in-app today; e-mail or a WhatsApp gateway later.
 * `deliver` is called again when a job is replayed, so a channel must be idempotent on
 * `dedupeKey` (per user) and answer whether this call delivered it for the first time.
 */
export interface NotificationChannel {
  readonly name: string;
  /** `em`: the connection the sender already holds; a channel that writes the database uses it, never a second one. */
  deliver(notification: OutgoingNotification, em?: EntityManager): Promise<boolean>;
}

/** Injection token of the list of channels (NotificationModule provides [InAppChannel]). */
export const NOTIFICATION_CHANNELS = Symbol('NOTIFICATION_CHANNELS');

import { Inject, Injectable, Logger } from '@nestjs/common';
import type IORedis from 'ioredis';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig, Clock } from '@naskah/core';
import { REDIS } from '@naskah/queue';
import type { NotificationChannel } from './notification-channel';
import { notificationBusChannel } from './notification-bus';
import type { NotificationEvent, OutgoingNotification } from './notification.types';

/**
 * The in-app channel: a row in `notifications` (unique per user and dedupe key, so a replay
 * inserts nothing) and, when the row is new, a message on the Redis bus so open pages (SSE)
 * update at once. The row is the truth; a lost bus message is caught up from the list.
 */
@Injectable()
export class InAppChannel implements NotificationChannel {
  readonly name = 'in-app';
  private readonly logger = new Logger(InAppChannel.name);

  constructor(
    private readonly ds: DataSource,
    @Inject(REDIS) private readonly redis: IORedis,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async deliver(n: OutgoingNotification, em?: EntityManager): Promise<boolean> {
    const createdAt = this.clock.now();
    const res = await (em ?? this.ds).query('INSERT IGNORE INTO notifications (user_id, type, payload, dedupe_key, created_at) VALUES (?, ?, ?, ?, ?)', [
      n.userId, n.type, JSON.stringify(n.payload), n.dedupeKey, createdAt,
    ]);
    if (!res.affectedRows) return false;
    const event: NotificationEvent = { userId: n.userId, notification: { id: String(res.insertId), type: n.type, payload: n.payload, createdAt, readAt: null } };
    await this.redis
      .publish(notificationBusChannel(this.config.QUEUE_PREFIX), JSON.stringify(event))
      .catch((err) => this.logger.warn({ err: (err as Error).message }, 'notification stored but not published; open pages catch up from the list'));
    return true;
  }
}

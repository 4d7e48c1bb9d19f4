import { Inject, Injectable, Logger } from '@nestjs/common';
import type IORedis from 'ioredis';
import { AppConfig } from '@naskah/core';
import { REDIS } from '@naskah/queue';
import { notificationBusChannel } from './notification-bus';
import type { WorklistHint } from './notification.types';

/**
 * Tells open pages that work queues changed, after the commit of a change that moves an item
 * between queues (a draft approved, a letter signed or rendered, a proposal decided). A hint, not
 * counts: the page re-fetches GET /api/worklist (a few indexed queries) only when something of its
 * own changed. Every stored notification is such a hint too (NotificationHub). Best effort: a lost
 * hint is caught up by the page's next fetch.
 */
@Injectable()
export class WorklistSignal {
  private readonly logger = new Logger(WorklistSignal.name);

  constructor(
    @Inject(REDIS) private readonly redis: IORedis,
    private readonly config: AppConfig,
  ) {}

  changed(hint: WorklistHint['worklist']): void {
    const positionIds = [...new Set(hint.positionIds.filter((id) => Number.isInteger(id) && id > 0))];
    if (!positionIds.length && !hint.officeId) return;
    const message: WorklistHint = { worklist: { positionIds, officeId: hint.officeId ?? null } };
    this.redis
      .publish(notificationBusChannel(this.config.QUEUE_PREFIX), JSON.stringify(message))
      .catch((err) => this.logger.warn({ err: (err as Error).message }, 'worklist hint not published; pages catch up on their next fetch'));
  }
}

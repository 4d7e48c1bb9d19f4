import { Injectable } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsObject, Matches, Min } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { JobHandler, JobName, OutboxService } from '@naskah/queue';
import { NOTIFICATION_TITLES, NOTIFICATION_TYPES } from './notification-titles';
import type { NotificationType } from './notification.types';
import { NotificationsService } from './notifications.service';

const KEY = /^[A-Za-z0-9_.-]{1,120}$/;

/** Payload of NOTIFY_POSITIONS: ids only. */
export class NotifyPositionsPayload {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @Type(() => Number) @IsInt({ each: true }) @Min(1, { each: true })
  positionIds: number[];

  @IsIn(NOTIFICATION_TYPES)
  type: NotificationType;

  /** Ids the page opens, e.g. { deliveryId, letterId }; a title naming the letter; flags such as toBeForwarded. */
  @IsObject()
  ref: Record<string, string | boolean>;

  @Matches(KEY)
  key: string;
}

/**
 * For other contexts: "tell whoever acts for these positions", written in the caller's own
 * transaction (born in the outbox), delivered by the worker, once per user even when replayed.
 * Example (the dispatch job, once a delivery lands in an inbox):
 *   notifier.notifyLater(em, { positionIds: [d.positionId], type: 'LETTER_RECEIVED', ref: { deliveryId, letterId }, key: `delivery-${deliveryId}` })
 */
@Injectable()
export class PositionNotifier {
  constructor(private readonly outbox: OutboxService) {}

  async notifyLater(em: EntityManager, input: NotifyPositionsPayload): Promise<string> {
    if (!KEY.test(input.key)) throw new Error(`notification key must match ${KEY} (${input.key})`);
    return this.outbox.add(em, JobName.NOTIFY_POSITIONS, { positionIds: input.positionIds, type: input.type, ref: input.ref, key: input.key }, { key: input.key });
  }
}

/** Worker side of PositionNotifier. Re-resolves who acts for the positions at run time; the dedupe key keeps a replay silent. */
@Injectable()
export class NotifyPositionsJob {
  constructor(private readonly notifications: NotificationsService) {}

  @JobHandler(JobName.NOTIFY_POSITIONS, NotifyPositionsPayload)
  async run(payload: NotifyPositionsPayload): Promise<{ sent: number }> {
    const sent = await this.notifications.sendToPositions(payload.positionIds, {
      type: payload.type,
      payload: { title: NOTIFICATION_TITLES[payload.type], ...payload.ref },
      dedupeKey: `${payload.type}-${payload.key}`,
    });
    return { sent };
  }
}

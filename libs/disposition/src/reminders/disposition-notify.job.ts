import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobHandler, JobName } from '@naskah/queue';
import { NOTIFICATION_TITLES, NotificationsService } from '@naskah/notification';
import { loadDisposition } from '../dispositions.repository';
import { loadPrepared } from '../prepared/prepared.repository';
import { NotifyPayload, titlesOf } from './reminder-payloads';

/**
 * Notifications born in the outbox with a disposition change: a new disposition (to the
 * recipient), a finished one (to its author), a prepared one (to the leader). Re-reads the state:
 * a disposition cancelled before the job ran is not announced.
 */
@Injectable()
export class DispositionNotifyJob {
  constructor(
    private readonly ds: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  @JobHandler(JobName.DISPOSITION_NOTIFY, NotifyPayload)
  async run({ event, id }: NotifyPayload): Promise<{ sent: number } | { skipped: string }> {
    const em = this.ds.manager;
    if (event === 'PREPARED') {
      const prepared = await loadPrepared(em, id);
      if (!prepared || prepared.status !== 'PENDING') return { skipped: 'DECIDED' };
      return {
        sent: await this.notifications.sendToPositions([prepared.forPosition.id], {
          type: 'DISPOSITION_PREPARED',
          payload: { title: NOTIFICATION_TITLES.DISPOSITION_PREPARED, preparedId: id, deliveryId: prepared.deliveryId, letterId: prepared.letter.id },
          dedupeKey: `prepared-${id}`,
        }),
      };
    }
    const row = await loadDisposition(em, id);
    if (!row) return { skipped: 'GONE' };
    if (event === 'ISSUED' && row.status === 'CANCELLED') return { skipped: 'CANCELLED' };
    const titles = await titlesOf(em, row);
    const payload = { dispositionId: row.id, letterId: row.letterId, deliveryId: row.deliveryId, deadline: row.deadline, priority: row.priority, from: titles.from, to: titles.to };
    const sent =
      event === 'ISSUED'
        ? await this.notifications.sendToPositions([row.recipientPositionId], { type: 'DISPOSITION_NEW', payload: { title: `${NOTIFICATION_TITLES.DISPOSITION_NEW} dari ${titles.from}`, ...payload }, dedupeKey: `disposition-${id}-new` })
        : await this.notifications.sendToPositions([row.authorPositionId], { type: 'DISPOSITION_DONE', payload: { title: `${NOTIFICATION_TITLES.DISPOSITION_DONE} oleh ${titles.to}`, ...payload }, dedupeKey: `disposition-${id}-done` });
    return { sent };
  }
}

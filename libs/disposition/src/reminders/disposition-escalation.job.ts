import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@naskah/core';
import { AuditService, SYSTEM_ACTOR } from '@naskah/audit';
import { inTransaction } from '@naskah/db';
import { JobHandler, JobName } from '@naskah/queue';
import { NOTIFICATION_TITLES, NotificationsService } from '@naskah/notification';
import { loadPositions } from '../dispositions.repository';
import { EscalationPayload, stillDue, titlesOf } from './reminder-payloads';

/**
 * When the deadline day is over and the disposition is still open: the recipient is told it is
 * overdue, and the author and the author's superior get an escalation. Replays send nothing twice.
 */
@Injectable()
export class DispositionEscalationJob {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  @JobHandler(JobName.DISPOSITION_ESCALATION, EscalationPayload)
  async run(payload: EscalationPayload): Promise<{ sent: number; superiorPositionId: number | null } | { skipped: string }> {
    const state = await inTransaction(this.ds, async (em) => {
      const due = await stillDue(em, payload.dispositionId, payload.deadlineVersion);
      if ('skipped' in due) return due;
      const { row } = due;
      const superior = (await loadPositions(em, [row.authorPositionId])).get(row.authorPositionId)?.parentId ?? null;
      const res = await em.query('UPDATE dispositions SET escalated_at = ? WHERE id = ? AND escalated_at IS NULL', [this.clock.now(), row.id]);
      if (res.affectedRows) {
        await this.audit.record(em, SYSTEM_ACTOR, {
          action: 'DISPOSITION_ESCALATED', entityType: 'letter', entityId: row.letterId, officeId: row.officeId,
          after: { dispositionId: row.id, deadline: row.deadline, deadlineVersion: row.deadlineVersion, toPositionIds: [row.authorPositionId, superior].filter((x) => x !== null) },
        });
      }
      return { row, superior, titles: await titlesOf(em, row) };
    });
    if ('skipped' in state) return state;
    const { row, superior, titles } = state;
    const key = `disposition-${row.id}-v${row.deadlineVersion}`;
    const base = { dispositionId: row.id, letterId: row.letterId, deadline: row.deadline, from: titles.from, to: titles.to, priority: row.priority };
    let sent = await this.notifications.sendToPositions([row.recipientPositionId], {
      type: 'DISPOSITION_OVERDUE', payload: { title: NOTIFICATION_TITLES.DISPOSITION_OVERDUE, ...base }, dedupeKey: `${key}-overdue`,
    });
    sent += await this.notifications.sendToPositions([row.authorPositionId, ...(superior ? [superior] : [])], {
      type: 'DISPOSITION_ESCALATION', payload: { title: NOTIFICATION_TITLES.DISPOSITION_ESCALATION, ...base }, dedupeKey: `${key}-escalation`,
    });
    return { sent, superiorPositionId: superior };
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@naskah/core';
import { AuditService, SYSTEM_ACTOR } from '@naskah/audit';
import { inTransaction } from '@naskah/db';
import { JobHandler, JobName } from '@naskah/queue';
import { NOTIFICATION_TITLES, NotificationsService } from '@naskah/notification';
import { ReminderPayload, stillDue, titlesOf } from './reminder-payloads';

/**
 * BEFORE (the working day before) and DUE (the deadline day) reminders to whoever acts for the
 * recipient position. The first run marks the disposition and audits it; the notification's
 * dedupe key makes any replay (a retry, a restarted worker, a re-relayed outbox row) send nothing twice.
 */
@Injectable()
export class DispositionReminderJob {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  @JobHandler(JobName.DISPOSITION_REMINDER, ReminderPayload)
  async run(payload: ReminderPayload): Promise<{ sent: number } | { skipped: string }> {
    const state = await inTransaction(this.ds, async (em) => {
      const due = await stillDue(em, payload.dispositionId, payload.deadlineVersion);
      if ('skipped' in due) return due;
      const { row } = due;
      const column = payload.kind === 'BEFORE' ? 'reminded_before_at' : 'reminded_due_at';
      const res = await em.query(`UPDATE dispositions SET ${column} = ? WHERE id = ? AND ${column} IS NULL`, [this.clock.now(), row.id]);
      if (res.affectedRows) {
        await this.audit.record(em, SYSTEM_ACTOR, {
          action: 'DISPOSITION_REMINDED', entityType: 'letter', entityId: row.letterId, officeId: row.officeId,
          after: { dispositionId: row.id, kind: payload.kind, deadline: row.deadline, deadlineVersion: row.deadlineVersion },
        });
      }
      return { row, titles: await titlesOf(em, row) };
    });
    if ('skipped' in state) return state;
    const { row, titles } = state;
    const type = payload.kind === 'BEFORE' ? 'DISPOSITION_REMINDER' : 'DISPOSITION_DUE';
    const sent = await this.notifications.sendToPositions([row.recipientPositionId], {
      type,
      payload: { title: NOTIFICATION_TITLES[type], dispositionId: row.id, letterId: row.letterId, deadline: row.deadline, from: titles.from, priority: row.priority },
      dedupeKey: `disposition-${row.id}-v${row.deadlineVersion}-${payload.kind.toLowerCase()}`,
    });
    return { sent };
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { EntityManager } from 'typeorm';
import { Clock } from '@naskah/core';
import { JobName, jobIdFor, OutboxService, QueueName } from '@naskah/queue';
import { HolidayCalendarService } from '../calendar/holiday-calendar.service';
import { reminderPlan, ReminderKind } from '../calendar/reminder-schedule';
import type { IsoDate } from '../calendar/working-days';

export interface ScheduledNode {
  id: string;
  deadline: IsoDate | null;
  deadlineVersion: number;
}

/**
 * Reminder and escalation jobs of a disposition, born in the outbox with the change that causes
 * them. Ids are deterministic and carry the deadline version (`disposition-reminder_<id>_v<n>_due`),
 * so a changed deadline gets new jobs while the old ones, if they still run, find their version
 * stale and do nothing; finishing or cancelling drops pending outbox rows and removes queued jobs.
 */
@Injectable()
export class ReminderScheduler {
  private readonly logger = new Logger(ReminderScheduler.name);

  constructor(
    private readonly outbox: OutboxService,
    private readonly calendar: HolidayCalendarService,
    private readonly clock: Clock,
    @InjectQueue(QueueName.DISPOSITION) private readonly queue: Queue,
  ) {}

  static jobId(id: string, version: number, kind: ReminderKind): string {
    return kind === 'ESCALATE'
      ? jobIdFor(JobName.DISPOSITION_ESCALATION, `${id}_v${version}`)
      : jobIdFor(JobName.DISPOSITION_REMINDER, `${id}_v${version}_${kind.toLowerCase()}`);
  }

  /** Writes the jobs of a node's deadline into the caller's transaction; returns their ids. */
  async schedule(em: EntityManager, node: ScheduledNode): Promise<string[]> {
    if (!node.deadline) return [];
    const plan = reminderPlan(node.deadline, await this.calendar.calendar(), this.clock.now());
    const ids: string[] = [];
    for (const r of plan) {
      const base = { dispositionId: node.id, deadlineVersion: node.deadlineVersion };
      ids.push(
        r.kind === 'ESCALATE'
          ? await this.outbox.add(em, JobName.DISPOSITION_ESCALATION, base, { key: `${node.id}_v${node.deadlineVersion}`, runAt: r.runAt })
          : await this.outbox.add(em, JobName.DISPOSITION_REMINDER, { ...base, kind: r.kind }, { key: `${node.id}_v${node.deadlineVersion}_${r.kind.toLowerCase()}`, runAt: r.runAt }),
      );
    }
    return ids;
  }

  /** Drops a version's jobs that the outbox has not relayed yet (same transaction); returns every id to remove from the queue after commit. */
  async unschedule(em: EntityManager, id: string, version: number): Promise<string[]> {
    const ids = (['BEFORE', 'DUE', 'ESCALATE'] as ReminderKind[]).map((k) => ReminderScheduler.jobId(id, version, k));
    await em.query(`DELETE FROM outbox WHERE sent_at IS NULL AND job_id IN (${ids.map(() => '?').join(',')})`, ids);
    return ids;
  }

  /** After commit: removes queued (delayed) jobs. Best effort: a job that still runs finds its disposition closed or its version stale. */
  async forget(jobIds: string[]): Promise<void> {
    for (const id of jobIds) {
      try {
        await this.queue.remove(id);
      } catch (err) {
        this.logger.warn({ jobId: id, err: (err as Error).message }, 'could not remove a reminder job; it will find its disposition closed or stale');
      }
    }
  }
}

import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, Clock } from '@naskah/core';
import { PipelineStatus, PipelineStatusService } from '@naskah/queue';
import { NOTIFICATION_TITLES } from './notification-titles';
import { NotificationsService } from './notifications.service';

/** One notification per administrator per hour (UTC) while the pipeline stays late. */
export const pipelineIncidentKey = (at: Date) => `pipeline-late_${at.toISOString().slice(0, 13)}`;

/**
 * Tells the administrators (users granted ADMIN) when letters stop moving: the oldest unrelayed
 * outbox row or a queue's oldest waiting job older than PIPELINE_LATE_SECONDS. Each worker checks
 * every PIPELINE_WATCH_SECONDS on a plain timer, not a queue job — the usual cause is a Redis that
 * is down or read-only, when no job can run; the notification is a database row, so it is written
 * anyway (the live push waits for Redis; the list and the bell show it). Several workers may check
 * at once: the dedupe key (per user, per hour) lets one notification through.
 */
@Injectable()
export class PipelineWatch implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PipelineWatch');
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly pipeline: PipelineStatusService,
    private readonly notifications: NotificationsService,
    private readonly ds: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.PIPELINE_WATCH_SECONDS * 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.check();
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'pipeline check failed');
    } finally {
      this.running = false;
    }
  }

  /** Checks once; returns how many administrators were newly notified. */
  async check(): Promise<number> {
    const status = await this.pipeline.status();
    if (status.verdict !== 'LATE') return 0;
    this.logger.warn({ problems: status.problems }, 'pipeline late');
    const admins: { id: number }[] = await this.ds.query(
      "SELECT u.id FROM users u JOIN user_grants g ON g.user_id = u.id AND g.role = 'ADMIN' WHERE u.is_active = 1 ORDER BY u.id",
    );
    const dedupeKey = pipelineIncidentKey(this.clock.now());
    const payload = alertPayload(status);
    return this.notifications.send(admins.map((a) => ({ userId: Number(a.id), type: 'PIPELINE_LATE' as const, payload, dedupeKey })));
  }
}

/** Ages and queue names only: nothing about any letter. */
function alertPayload(s: PipelineStatus): { title: string; [k: string]: string | number | null } {
  const lateQueues = s.queues.filter((q) => q.late);
  return {
    title: NOTIFICATION_TITLES.PIPELINE_LATE,
    lateAfterSeconds: s.lateAfterSeconds,
    outboxUnrelayed: s.outbox.unrelayed,
    outboxOldestAgeSeconds: s.outbox.oldestAgeSeconds,
    lateQueues: lateQueues.map((q) => q.name).join(', ') || null,
    oldestWaitingAgeSeconds: lateQueues.length ? Math.max(...lateQueues.map((q) => q.oldestWaitingAgeSeconds ?? 0)) : null,
    detail: s.problems.join('; ').slice(0, 1000),
  };
}

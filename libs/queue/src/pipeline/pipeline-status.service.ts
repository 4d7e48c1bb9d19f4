import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig, Clock } from '@naskah/core';
import { QueueName } from '../queue-names';
import { judgePipeline, OutboxBacklog, PipelineStatus, QueueBacklog } from './pipeline-status';

/** Unrelayed rows are counted up to this many (a count of a huge backlog must not become the problem). */
export const OUTBOX_COUNT_CAP = 100_000;
/** Each read of the database or of a queue gives up after this long: a dead server must not hang a scrape. */
const READ_TIMEOUT_MS = 1500;

interface OutboxBacklogRow {
  n: string | number;
  oldest_since: Date | null;
  oldest_age_ms: string | number | null;
}

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`tidak menjawab dalam ${ms} ms (timeout)`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

const message = (err: unknown) => String((err as Error)?.message ?? err).slice(0, 200);

/**
 * How far behind the pipeline is: the oldest unrelayed outbox row (database) and, per queue, the
 * counts and the oldest waiting job (Redis). Read by GET /health/pipeline, /metrics and the
 * worker's PipelineWatch. Each part is read on its own with a short timeout, so a dead Redis still
 * leaves the outbox age visible (which is what rises when Redis cannot take jobs).
 */
@Injectable()
export class PipelineStatusService {
  private inFlight: Promise<PipelineStatus> | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly moduleRef: ModuleRef,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * The current status. Callers that arrive while a read is under way share it (a scrape asks
   * once per gauge; a flood of health checks costs one read at a time).
   */
  status(): Promise<PipelineStatus> {
    if (!this.inFlight) this.inFlight = this.read().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private async read(): Promise<PipelineStatus> {
    const lateAfterSeconds = this.config.PIPELINE_LATE_SECONDS;
    const [outbox, queues] = await Promise.all([this.outbox(lateAfterSeconds), Promise.all(Object.values(QueueName).map((q) => this.queue(q, lateAfterSeconds)))]);
    return { ...judgePipeline(outbox, queues, lateAfterSeconds), checkedAt: this.clock.now(), lateAfterSeconds, outbox, queues };
  }

  /** The age is computed by the database (created_at was stamped by its clock), so a skewed app clock cannot hide it. */
  private async outbox(lateAfterSeconds: number): Promise<OutboxBacklog> {
    try {
      // Along ix_outbox_pending (sent_at, id): the unsent rows are its first entries.
      const [r]: OutboxBacklogRow[] = await within(READ_TIMEOUT_MS, this.ds.query(
        `SELECT (SELECT COUNT(*) FROM (SELECT id FROM outbox WHERE sent_at IS NULL LIMIT ${OUTBOX_COUNT_CAP}) pending) AS n, o.created_at AS oldest_since,
                TIMESTAMPDIFF(MICROSECOND, o.created_at, CURRENT_TIMESTAMP(3)) DIV 1000 AS oldest_age_ms
           FROM (SELECT 1) one LEFT JOIN (SELECT created_at FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT 1) o ON 1 = 1`,
      ));
      const age = r.oldest_age_ms === null ? null : Math.max(0, Math.floor(Number(r.oldest_age_ms) / 1000));
      return { unrelayed: Number(r.n), oldestSince: r.oldest_since, oldestAgeSeconds: age, late: age !== null && age > lateAfterSeconds };
    } catch (err) {
      return { unrelayed: 0, oldestSince: null, oldestAgeSeconds: null, late: false, error: message(err) };
    }
  }

  private async queue(name: QueueName, lateAfterSeconds: number): Promise<QueueBacklog> {
    const q = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
    try {
      const [counts, oldest] = await within(READ_TIMEOUT_MS, Promise.all([
        q.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed'),
        q.getJobs(['waiting'], 0, 0, true) as Promise<Job[]>,
      ]));
      const age = oldest[0] ? Math.max(0, Math.floor((Date.now() - dueSince(oldest[0])) / 1000)) : null;
      return {
        name,
        waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        failed: counts.failed ?? 0,
        oldestWaitingAgeSeconds: age,
        late: age !== null && age > lateAfterSeconds,
      };
    } catch (err) {
      return { name, waiting: 0, active: 0, delayed: 0, failed: 0, oldestWaitingAgeSeconds: null, late: false, error: message(err) };
    }
  }
}

/**
 * When a waiting job became due: added (or last started, for a retry) plus its delay. A retried
 * job counts from its last start, so its age is over-stated by at most its last run and backoff.
 */
export function dueSince(job: Pick<Job, 'timestamp' | 'processedOn' | 'delay'>): number {
  return Math.max(job.timestamp ?? 0, job.processedOn ?? 0) + (job.delay ?? 0);
}

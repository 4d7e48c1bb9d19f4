import type { QueueName } from '../queue-names';

/** The outbox part of the pipeline: rows written by a committed change and not yet handed to Redis. */
export interface OutboxBacklog {
  /** Unrelayed rows (counted up to OUTBOX_COUNT_CAP). */
  unrelayed: number;
  /** When the oldest unrelayed row was written, and its age by the database's clock; null when none waits. */
  oldestSince: Date | null;
  oldestAgeSeconds: number | null;
  late: boolean;
  /** Set when the database could not be read; the other fields are then zero/null. */
  error?: string;
}

/** One BullMQ queue: its counts and how long its oldest waiting job has waited since it became due. */
export interface QueueBacklog {
  name: QueueName;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  oldestWaitingAgeSeconds: number | null;
  late: boolean;
  error?: string;
}

export type PipelineVerdict = 'OK' | 'LATE' | 'UNKNOWN';

/** What GET /health/pipeline answers and the worker's watch acts on. No letter data: only ages and counts. */
export interface PipelineStatus {
  verdict: PipelineVerdict;
  checkedAt: Date;
  lateAfterSeconds: number;
  /** Each reason the verdict is not OK, in Bahasa Indonesia (English in brackets). */
  problems: string[];
  outbox: OutboxBacklog;
  queues: QueueBacklog[];
}

/** The verdict rule: LATE when anything waits past the threshold; UNKNOWN when a part could not be read and nothing is known late. */
export function judgePipeline(outbox: OutboxBacklog, queues: QueueBacklog[], lateAfterSeconds: number): { verdict: PipelineVerdict; problems: string[] } {
  const problems: string[] = [];
  if (outbox.late) problems.push(`outbox: ${outbox.unrelayed} tugas belum diteruskan ke antrean, tertua ${outbox.oldestAgeSeconds} detik (oldest unrelayed outbox row older than ${lateAfterSeconds} s)`);
  for (const q of queues) {
    if (q.late) problems.push(`antrean ${q.name}: ${q.waiting} tugas menunggu, tertua ${q.oldestWaitingAgeSeconds} detik (oldest waiting job older than ${lateAfterSeconds} s)`);
  }
  const late = problems.length > 0;
  if (outbox.error) problems.push(`outbox tidak dapat dibaca (database): ${outbox.error}`);
  for (const q of queues) if (q.error) problems.push(`antrean ${q.name} tidak dapat dibaca (Redis): ${q.error}`);
  const verdict: PipelineVerdict = late ? 'LATE' : problems.length ? 'UNKNOWN' : 'OK';
  return { verdict, problems };
}

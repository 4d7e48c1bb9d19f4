import { Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig, Clock } from '@naskah/core';
import { SqlStatement, sqlStatement } from '@naskah/db';
import { DEFAULT_JOB_OPTIONS, JOB_QUEUE, JobName, JobPayloads, QueueName, jobIdFor } from './queue-names';
import { outsideJob } from './worker/connection-discipline';
import { waitForReplicas } from './redis-connection';

export interface OutboxRow {
  id: string;
  queue: QueueName;
  job_name: JobName;
  job_id: string;
  payload: unknown;
  run_at: Date | null;
  request_id: string | null;
}

async function withTimeout<T>(ms: number, what: string, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work(), new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The transactional outbox. Services call `add` with the EntityManager of their own transaction,
 * so a job exists exactly when the change that causes it commits. `relay` moves pending rows to
 * BullMQ with their deterministic ids (a second relay of the same row is deduplicated by BullMQ)
 * and marks them sent; rows are claimed with SKIP LOCKED so several relays never block each other.
 */
@Injectable()
export class OutboxService implements OnApplicationShutdown {
  private readonly logger = new Logger(OutboxService.name);
  private readonly queues = new Map<QueueName, Queue>();
  private soon: Promise<unknown> | null = null;
  private soonAgain = false;

  constructor(
    private readonly ds: DataSource,
    private readonly moduleRef: ModuleRef,
    private readonly clock: Clock,
    @Optional() private readonly config?: AppConfig,
  ) {}

  async add<N extends JobName>(
    em: EntityManager,
    name: N,
    payload: JobPayloads[N],
    opts: { key: string; runAt?: Date; requestId?: string },
  ): Promise<string> {
    const { sql, params } = this.statement(name, payload, opts);
    await em.query(sql, [...params]);
    return jobIdFor(name, opts.key);
  }

  /** The INSERT that `add` runs, as a statement for a batch transaction (`BatchSql`). */
  statement<N extends JobName>(name: N, payload: JobPayloads[N], opts: { key: string; runAt?: Date; requestId?: string }): SqlStatement {
    return sqlStatement(
      'INSERT INTO outbox (queue, job_name, job_id, payload, run_at, request_id) VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE id = id',
      [JOB_QUEUE[name], name, jobIdFor(name, opts.key), JSON.stringify(payload), opts.runAt ?? null, opts.requestId ?? null],
    );
  }

  /**
   * Best-effort immediate relay after a commit; the worker's poller is the safety net. One at a time
   * per process (one database connection): a call while one runs makes it run once more after.
   * Not part of the calling job (it does not wait for it, and it takes its own connection).
   */
  relaySoon(): void {
    if (this.soon) {
      this.soonAgain = true;
      return;
    }
    this.soonAgain = false;
    const run = outsideJob(() => this.relay().catch((err) => this.logger.warn({ err: (err as Error).message }, 'outbox immediate relay failed; the poller will retry')));
    this.soon = run.then(() => {
      this.soon = null;
      if (this.soonAgain) this.relaySoon(); // asked for while this one ran: its rows may have missed it
    });
  }

  /** Resolves once no immediate relay runs or is due (shutdown waits for it before the database closes). */
  async idle(): Promise<void> {
    while (this.soon) await this.soon;
  }

  /**
   * API processes: an immediate relay started by the last requests finishes before the process ends
   * (in the worker, QueueWorkers waits for it once its jobs are done). A row it misses stays pending and
   * a worker's poller relays it.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.idle();
  }

  /**
   * Relays up to `limit` pending rows; returns how many were enqueued. The rows stay locked while
   * Redis is asked, so a Redis that does not answer must not hold them (and the worker's shutdown)
   * for ever: past `enqueueTimeoutMs` the transaction rolls back and the rows wait for the next pass.
   */
  async relay(limit = 500, enqueueTimeoutMs = 10_000): Promise<number> {
    return this.ds.transaction('READ COMMITTED', async (em) => {
      const rows: OutboxRow[] = await em.query(
        'SELECT id, queue, job_name, job_id, payload, run_at, request_id FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED',
        [limit],
      );
      if (!rows.length) return 0;
      const byQueue = new Map<QueueName, OutboxRow[]>();
      for (const r of rows) byQueue.set(r.queue, [...(byQueue.get(r.queue) ?? []), r]);
      const now = this.clock.now().getTime();
      for (const [queueName, list] of byQueue) {
        await withTimeout(enqueueTimeoutMs, `outbox relay: enqueue to "${queueName}"`, () => this.queue(queueName).addBulk(
          list.map((r) => ({
            name: r.job_name,
            data: { ...(typeof r.payload === 'string' ? JSON.parse(r.payload) : (r.payload as object)), _requestId: r.request_id ?? undefined },
            opts: {
              ...DEFAULT_JOB_OPTIONS,
              jobId: r.job_id,
              delay: r.run_at ? Math.max(0, new Date(r.run_at).getTime() - now) : undefined,
            },
          })),
        ));
        await this.replicated(queueName, enqueueTimeoutMs);
      }
      await em.query(`UPDATE outbox SET sent_at = CURRENT_TIMESTAMP(3), attempts = attempts + 1 WHERE id IN (${rows.map(() => '?').join(',')})`, rows.map((r) => r.id));
      return rows.length;
    });
  }

  /**
   * Deletes relayed rows older than `retentionDays` (by the database's own clock, which stamped
   * `sent_at`), `batchSize` rows per short READ COMMITTED transaction, oldest first along
   * ix_outbox_pending: no gap locks, so new rows and the relay never wait on it. Unsent rows are
   * never touched. Stops after `maxBatches` (the next run goes on); returns what it did.
   */
  async purgeSent(retentionDays: number, batchSize = 1000, maxBatches = 1000): Promise<{ deleted: number; batches: number }> {
    let deleted = 0;
    let batches = 0;
    while (batches < maxBatches) {
      const n = await this.ds.transaction('READ COMMITTED', (em) => this.purgeBatch(em, retentionDays, batchSize));
      batches++;
      deleted += n;
      if (n < batchSize) break;
      await new Promise((r) => setImmediate(r));
    }
    return { deleted, batches };
  }

  /** One batch of purgeSent, in the caller's transaction (READ COMMITTED). */
  async purgeBatch(em: EntityManager, retentionDays: number, batchSize: number): Promise<number> {
    const res = await em.query(
      'DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < CURRENT_TIMESTAMP(3) - INTERVAL ? DAY ORDER BY sent_at, id LIMIT ?',
      [retentionDays, batchSize],
    );
    return Number(res?.affectedRows ?? 0);
  }

  async pendingCount(): Promise<number> {
    const [r] = await this.ds.query('SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL');
    return Number(r.n);
  }

  /**
   * With REDIS_WAIT_REPLICAS > 0 (Sentinel deployments): the jobs just added count as handed over
   * only once that many replicas hold them (Redis `WAIT` on the connection that wrote them).
   * Replication is asynchronous, so without this a primary killed right after the enqueue takes
   * the jobs with it while their outbox rows already say "sent". Too few replicas in time: the
   * transaction rolls back and the rows are relayed again (the job ids make that a no-op).
   */
  private async replicated(queueName: QueueName, timeoutMs: number): Promise<void> {
    const want = this.config?.REDIS_WAIT_REPLICAS ?? 0;
    if (want <= 0) return;
    const client = await this.queue(queueName).getBackend().client; // ioredis underneath (a Cluster with REDIS_CLUSTER_NODES)
    const acked = await waitForReplicas(client, want, Math.min(timeoutMs, 5000), this.config?.QUEUE_PREFIX ?? '');
    if (acked < want) throw new Error(`outbox relay: ${acked} of ${want} Redis replicas confirmed the jobs of "${queueName}" (WAIT); relayed again later`);
  }

  private queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      this.queues.set(name, q);
    }
    return q;
  }
}

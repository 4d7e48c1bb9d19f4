import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource } from 'typeorm';
import { AppConfig } from '@naskah/core';
import { JOB_QUEUE, JobName, QueueName } from '../queue-names';
import { OutboxService } from '../outbox.service';
import { redisOptions } from '../redis-connection';
import { runAsJob, watchConnections } from './connection-discipline';
import { JobRegistry } from './job-registry';
import { JobSlots, planJobSlots } from './job-slots';

/**
 * One BullMQ worker per queue, dispatching each job to its registered handler. Payloads are
 * validated with the handler's class (a bad payload fails at once, without retries); any other
 * error is thrown back to BullMQ so the job retries with backoff and is never silently dropped.
 * WORKER_CONCURRENCY bounds the jobs running at once in the whole process (shared slots), checked
 * against DATABASE_POOL_SIZE at boot (`planJobSlots`); a job that takes a second database
 * connection is logged (SECOND_DB_CONNECTION, `watchConnections`).
 */
/** At shutdown: once no job has run for this long, queue connections still closing are left to the process exit. */
const CLOSE_GRACE_MS = 3000;

/** A job that waited this long for one of the process's job slots is logged (JOB_SLOT_WAIT). */
const SLOT_WAIT_WARN_MS = 5000;
/** An event loop held up this long is logged (EVENT_LOOP_BLOCKED). */
const EVENT_LOOP_WARN_MS = 1000;

@Injectable()
export class QueueWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('QueueWorkers');
  private readonly workers: Worker[] = [];
  private slots!: JobSlots;
  /** Jobs handed to this process and not finished (waiting for a slot or running). */
  private handling = 0;
  /** `name#id` of the jobs holding a slot now (named in the EVENT_LOOP_BLOCKED warning). */
  private readonly running = new Set<string>();
  private lagTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly registry: JobRegistry,
    private readonly config: AppConfig,
    private readonly ds: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.registry.discover();
    const plan = planJobSlots(this.config);
    if (plan.capped) this.logger.warn({ code: 'WORKER_CONCURRENCY_CAPPED', jobSlots: plan.slots }, plan.capped);
    this.slots = new JobSlots(plan.slots);
    watchConnections(this.ds, (v) =>
      this.logger.error({ code: 'SECOND_DB_CONNECTION', ...v }, `job ${v.job} took a second database connection while holding ${v.held} (a job must use its transaction's EntityManager)`),
    );
    this.watchEventLoop();
    const queues = new Set(Object.values(JobName).map((n) => JOB_QUEUE[n]));
    for (const queue of queues) this.workers.push(this.start(queue));
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
    this.logger.log(`workers ready for queues: ${[...queues].join(', ')}; ${plan.slots} jobs at once`);
  }

  /**
   * Every job of the process, BullMQ's lock renewal and the stalled check share one event loop: a job
   * that computes for seconds without yielding holds up all of them. Such a stall is logged
   * (EVENT_LOOP_BLOCKED) with the jobs that were running.
   */
  private watchEventLoop(): void {
    const every = 500;
    let last = Date.now();
    this.lagTimer = setInterval(() => {
      const now = Date.now();
      const lag = now - last - every;
      last = now;
      if (lag >= EVENT_LOOP_WARN_MS) {
        this.logger.warn({ code: 'EVENT_LOOP_BLOCKED', blockedMs: lag, running: [...this.running].slice(0, 10) }, `event loop blocked for ${lag} ms`);
      }
    }, every);
    this.lagTimer.unref();
  }

  private start(queue: QueueName): Worker {
    const worker = new Worker(queue, (job) => this.handle(job), {
      connection: redisOptions(this.config),
      prefix: this.config.QUEUE_PREFIX,
      // any queue may use every slot while the others are idle; the shared slots bound the sum. Rendering is
      // CPU-bound on the one event loop: a few at once (WORKER_DOCUMENTS_CONCURRENCY), the rest wait in Redis
      // for this or another worker, so a burst of renders cannot hold up a dispatch for long (issue 15)
      concurrency: queue === QueueName.DOCUMENTS ? Math.min(this.config.WORKER_DOCUMENTS_CONCURRENCY, this.slots.size) : this.slots.size,
      // Stall recovery (WORKER_LOCK_DURATION_MS, WORKER_STALLED_INTERVAL_MS, WORKER_MAX_STALLED_COUNT): a job
      // whose worker died is taken by another once its lock has expired and a stalled check ran; BullMQ's
      // default maxStalledCount (1) would fail it for good after a second death, ours allows 20 by default.
      lockDuration: this.config.WORKER_LOCK_DURATION_MS,
      stalledInterval: this.config.WORKER_STALLED_INTERVAL_MS,
      maxStalledCount: this.config.WORKER_MAX_STALLED_COUNT,
      autorun: true,
    });
    worker.on('failed', (job, err) => this.logger.warn({ queue, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: err.message }, 'job failed'));
    worker.on('error', (err) => this.logger.error({ queue, err: err.message }, 'worker error'));
    return worker;
  }

  private async handle(job: Job): Promise<unknown> {
    const handler = this.registry.get(job.name as JobName);
    if (!handler) throw new UnrecoverableError(`no handler for job ${job.name}`);
    const { _requestId: requestId, ...payload } = (job.data ?? {}) as Record<string, unknown>;
    if (handler.meta.payloadClass) {
      const errors = await validate(plainToInstance(handler.meta.payloadClass, payload), { whitelist: true, forbidNonWhitelisted: true });
      if (errors.length) throw new UnrecoverableError(`invalid payload for ${job.name}: ${errors.map((e) => e.property).join(', ')}`);
    }
    const queuedAt = Date.now();
    this.handling++;
    try {
      return await this.slots.run(async () => {
      const waited = Date.now() - queuedAt;
      if (waited >= SLOT_WAIT_WARN_MS) {
        this.logger.warn({ code: 'JOB_SLOT_WAIT', job: job.name, jobId: job.id, waitedMs: waited, slots: this.slots.size }, `job ${job.name} waited ${waited} ms for a job slot (all ${this.slots.size} busy)`);
      }
      this.logger.debug({ job: job.name, jobId: job.id, requestId }, 'job start');
      const key = `${job.name}#${job.id}`;
      this.running.add(key);
      try {
        return await runAsJob(job.name, job.id, () => handler.fn(payload, job));
      } finally {
        this.running.delete(key);
      }
      });
    } finally {
      this.handling--;
    }
  }

  /**
   * SIGTERM (enableShutdownHooks): every queue stops taking jobs, the jobs running finish (BullMQ
   * `close()` waits for them; they are completed or failed, never abandoned while locked), then the
   * immediate outbox relay they started ends — all before the database pool closes (TypeORM's global
   * module shuts down after this one). A job still running when the process manager's grace period
   * ends is killed with the process: its lock expires and another worker runs it again.
   */
  async onApplicationShutdown(signal?: string): Promise<void> {
    if (this.lagTimer) clearInterval(this.lagTimer);
    const active = this.slots?.inUse ?? 0;
    this.logger.log({ signal, activeJobs: active }, `shutting down: waiting for ${active} running job(s)`);
    const t0 = Date.now();
    const open = new Set(this.workers.map((w) => w.name));
    const closed = Promise.all(this.workers.map(async (w) => {
      await w.close();
      open.delete(w.name);
    })).then(() => 'closed' as const);
    // BullMQ's close() waits for the running jobs, then QUITs its connections. On a Redis Cluster the
    // QUIT of an idle worker's blocking connection can wait behind its long blocking read (a queue
    // whose next job is a scheduled one hours away) and hold the shutdown until the process manager
    // kills it. Once no job has run here for CLOSE_GRACE_MS, the connections are left to the exit.
    const quiet = (async () => {
      let quietSince = Date.now();
      for (;;) {
        if (this.handling > 0) quietSince = Date.now();
        else if (Date.now() - quietSince >= CLOSE_GRACE_MS) return 'quiet' as const;
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    if ((await Promise.race([closed, quiet])) === 'quiet') {
      this.logger.warn({ code: 'WORKER_CLOSE_SLOW', queues: [...open], ms: Date.now() - t0 }, `no job running, but ${open.size} queue connection(s) not closed after ${CLOSE_GRACE_MS} ms; exiting without waiting for them`);
    }
    this.logger.log({ ms: Date.now() - t0 }, 'running jobs finished; waiting for the outbox relay they started');
    await this.outbox.idle();
    this.logger.log({ ms: Date.now() - t0 }, 'queue workers closed');
  }
}

import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource } from 'typeorm';
import { AppConfig } from '@naskah/core';
import { JOB_QUEUE, JobName, QueueName } from '../queue-names';
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
@Injectable()
export class QueueWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('QueueWorkers');
  private readonly workers: Worker[] = [];
  private slots!: JobSlots;

  constructor(
    private readonly registry: JobRegistry,
    private readonly config: AppConfig,
    private readonly ds: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.registry.discover();
    const plan = planJobSlots(this.config);
    if (plan.capped) this.logger.warn({ code: 'WORKER_CONCURRENCY_CAPPED', jobSlots: plan.slots }, plan.capped);
    this.slots = new JobSlots(plan.slots);
    watchConnections(this.ds, (v) =>
      this.logger.error({ code: 'SECOND_DB_CONNECTION', ...v }, `job ${v.job} took a second database connection while holding ${v.held} (a job must use its transaction's EntityManager)`),
    );
    const queues = new Set(Object.values(JobName).map((n) => JOB_QUEUE[n]));
    for (const queue of queues) this.workers.push(this.start(queue));
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
    this.logger.log(`workers ready for queues: ${[...queues].join(', ')}; ${plan.slots} jobs at once`);
  }

  private start(queue: QueueName): Worker {
    const worker = new Worker(queue, (job) => this.handle(job), {
      connection: redisOptions(this.config),
      prefix: this.config.QUEUE_PREFIX,
      // any queue may use every slot while the others are idle; the shared slots bound the sum
      concurrency: this.slots.size,
      // a job whose worker died is picked up again; the default (1) fails it for good after a second death
      maxStalledCount: 20,
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
    return this.slots.run(() => {
      this.logger.debug({ job: job.name, jobId: job.id, requestId }, 'job start');
      return runAsJob(job.name, job.id, () => handler.fn(payload, job));
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }
}

import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DEFAULT_JOB_OPTIONS, JobName, QueueName } from '@naskah/queue';

/** Recurring jobs (audit verification daily, audit checkpoint every 10 minutes, outbox purge and storage orphan sweep hourly), registered idempotently by every worker replica (BullMQ keeps one scheduler per id). */
@Injectable()
export class Schedulers implements OnApplicationBootstrap {
  private readonly logger = new Logger('Schedulers');
  constructor(@InjectQueue(QueueName.MAINTENANCE) private readonly maintenance: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.maintenance.upsertJobScheduler(
      'audit-verify-daily',
      { pattern: '0 2 * * *', tz: 'Asia/Jakarta' },
      { name: JobName.AUDIT_VERIFY, data: { requestedBy: null }, opts: { ...DEFAULT_JOB_OPTIONS, attempts: 3 } },
    );
    await this.maintenance.upsertJobScheduler(
      'audit-checkpoint-10min',
      { pattern: '*/10 * * * *' },
      { name: JobName.AUDIT_CHECKPOINT, data: { reason: 'SCHEDULE' }, opts: { ...DEFAULT_JOB_OPTIONS, attempts: 3 } },
    );
    await this.maintenance.upsertJobScheduler(
      'outbox-purge-hourly',
      { pattern: '17 * * * *' },
      { name: JobName.OUTBOX_PURGE, data: {}, opts: { ...DEFAULT_JOB_OPTIONS, attempts: 3 } },
    );
    await this.maintenance.upsertJobScheduler(
      'storage-orphans-hourly',
      { pattern: '41 * * * *' },
      { name: JobName.STORAGE_ORPHANS, data: {}, opts: { ...DEFAULT_JOB_OPTIONS, attempts: 3 } },
    );
    this.logger.log('job schedulers registered');
  }
}

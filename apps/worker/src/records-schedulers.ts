import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DEFAULT_JOB_OPTIONS, JobName, QueueName } from '@naskah/queue';

/** The daily retention sweep at 01:00 WIB, registered idempotently by every worker replica (BullMQ keeps one scheduler per id). */
@Injectable()
export class RecordsSchedulers implements OnApplicationBootstrap {
  private readonly logger = new Logger('RecordsSchedulers');
  constructor(@InjectQueue(QueueName.RECORDS) private readonly records: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.records.upsertJobScheduler(
      'records-sweep-daily',
      { pattern: '0 1 * * *', tz: 'Asia/Jakarta' },
      { name: JobName.RECORDS_SWEEP, data: { runId: null, requestedBy: null }, opts: { ...DEFAULT_JOB_OPTIONS, attempts: 3 } },
    );
    this.logger.log('records job schedulers registered');
  }
}

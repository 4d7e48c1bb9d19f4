import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@naskah/core';
import { JobHandler } from '../job-handler.decorator';
import { OutboxService } from '../outbox.service';
import { JobName } from '../queue-names';

/**
 * The outbox keeps relayed rows only as long as they are useful (a replayed `add` with the same
 * key is then a no-op, and they show what was sent): past OUTBOX_RETENTION_DAYS the hourly
 * scheduler deletes them in batches of 1000. A deleted key could be enqueued again, which is safe
 * because every handler re-reads state and returns early.
 */
@Injectable()
export class OutboxPurgeJob {
  private readonly logger = new Logger('OutboxPurgeJob');

  constructor(
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
  ) {}

  @JobHandler(JobName.OUTBOX_PURGE)
  async run(): Promise<{ deleted: number; batches: number; retentionDays: number }> {
    const retentionDays = this.config.OUTBOX_RETENTION_DAYS;
    const result = await this.outbox.purgeSent(retentionDays);
    if (result.deleted) this.logger.log({ ...result, retentionDays }, 'outbox purged');
    return { ...result, retentionDays };
  }
}

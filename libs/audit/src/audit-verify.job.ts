import { Injectable, Logger } from '@nestjs/common';
import { IsIn, IsOptional } from 'class-validator';
import { JobHandler, JobName } from '@naskah/queue';
import { VerifyReport } from './audit.service';
import { AuditCheckpointService, CheckpointResult } from './checkpoint/audit-checkpoint.service';

export class AuditCheckpointPayload {
  @IsOptional() @IsIn(['SCHEDULE', 'MANUAL'])
  reason?: 'SCHEDULE' | 'MANUAL';
}

/**
 * The audit trail's maintenance jobs. Daily: re-verify every chain against the signed checkpoints
 * (a broken chain is logged as an error for the operators) and, when it is intact, end with a
 * checkpoint. Every 10 minutes: a checkpoint of the chain heads.
 */
@Injectable()
export class AuditVerifyJob {
  private readonly logger = new Logger('AuditVerify');
  constructor(private readonly checkpoints: AuditCheckpointService) {}

  @JobHandler(JobName.AUDIT_VERIFY)
  async run(): Promise<VerifyReport & { checkpoint: CheckpointResult | null }> {
    const report = await this.checkpoints.verify();
    if (report.ok) this.logger.log({ streams: report.streams, checked: report.checked, checkpoints: report.checkpoints }, 'audit chain verified');
    else this.logger.error({ problems: report.problems.slice(0, 50) }, 'AUDIT CHAIN BROKEN');
    // a chain known to be broken is not signed: the last good checkpoint stays the anchor
    const checkpoint = report.ok ? await this.checkpoints.checkpoint('AFTER_VERIFY') : null;
    return { ...report, problems: report.problems.slice(0, 100), checkpoint };
  }

  @JobHandler(JobName.AUDIT_CHECKPOINT, AuditCheckpointPayload)
  checkpoint(payload: AuditCheckpointPayload): Promise<CheckpointResult> {
    return this.checkpoints.checkpoint(payload.reason ?? 'SCHEDULE');
  }
}

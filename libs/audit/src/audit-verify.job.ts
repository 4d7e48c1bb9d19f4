import { Injectable, Logger } from '@nestjs/common';
import { JobHandler, JobName } from '@naskah/queue';
import { AuditService, VerifyReport } from './audit.service';

/** Re-verifies the hash chain (daily, and on demand); a broken chain is logged as an error for the operators. */
@Injectable()
export class AuditVerifyJob {
  private readonly logger = new Logger('AuditVerify');
  constructor(private readonly audit: AuditService) {}

  @JobHandler(JobName.AUDIT_VERIFY)
  async run(): Promise<VerifyReport> {
    const report = await this.audit.verify();
    if (report.ok) this.logger.log({ streams: report.streams, checked: report.checked }, 'audit chain verified');
    else this.logger.error({ problems: report.problems.slice(0, 50) }, 'AUDIT CHAIN BROKEN');
    return { ...report, problems: report.problems.slice(0, 100) };
  }
}

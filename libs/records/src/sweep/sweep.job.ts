import { Injectable, Logger } from '@nestjs/common';
import { IsInt, IsOptional, Matches } from 'class-validator';
import { JobHandler, JobName } from '@naskah/queue';
import { FilesService } from '@naskah/storage';
import { SweepResult, SweepService } from './sweep.service';

export class SweepPayload {
  @IsOptional() @Matches(/^\d{1,19}$/)
  runId?: string | null;

  @IsOptional() @IsInt()
  requestedBy?: number | null;
}

/** The daily retention sweep (job scheduler, Asia/Jakarta) and "run now" requests. */
@Injectable()
export class SweepJob {
  private readonly logger = new Logger('SweepJob');

  constructor(
    private readonly sweep: SweepService,
    private readonly files: FilesService,
  ) {}

  @JobHandler(JobName.RECORDS_SWEEP, SweepPayload)
  async run(payload: SweepPayload): Promise<SweepResult> {
    // daily safety net: bytes of files whose destruction committed but whose purge a crash interrupted
    await this.files.purgeDestroyed().catch((err) => this.logger.error({ err: (err as Error).message }, 'purge of destroyed files failed; retried later'));
    return this.sweep.run({ runId: payload.runId ?? null, trigger: payload.runId ? 'MANUAL' : 'SCHEDULE' });
  }
}

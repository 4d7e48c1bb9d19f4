import { Injectable } from '@nestjs/common';
import { IsInt, IsOptional, Matches } from 'class-validator';
import { JobHandler, JobName } from '@naskah/queue';
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
  constructor(private readonly sweep: SweepService) {}

  @JobHandler(JobName.RECORDS_SWEEP, SweepPayload)
  run(payload: SweepPayload): Promise<SweepResult> {
    return this.sweep.run({ runId: payload.runId ?? null, trigger: payload.runId ? 'MANUAL' : 'SCHEDULE' });
  }
}

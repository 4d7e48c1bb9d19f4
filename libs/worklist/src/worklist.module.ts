import { Module } from '@nestjs/common';
import { WorklistService } from './worklist.service';

/** The work queues: reads every context's public queue queries (their modules are global); writes nothing. */
@Module({ providers: [WorklistService], exports: [WorklistService] })
export class WorklistModule {}

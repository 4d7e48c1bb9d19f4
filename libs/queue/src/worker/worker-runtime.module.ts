import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobRegistry } from './job-registry';
import { OutboxRelay } from './outbox-relay';
import { OutboxPurgeJob } from './outbox-purge.job';
import { QueueWorkers } from './queue-workers';

/** What only the worker process runs: the job registry with its boot check, the queue workers, the outbox relay and its purge. */
@Module({
  imports: [DiscoveryModule],
  providers: [JobRegistry, QueueWorkers, OutboxRelay, OutboxPurgeJob],
  exports: [JobRegistry],
})
export class WorkerRuntimeModule {}

import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobRegistry } from './job-registry';
import { OutboxRelay } from './outbox-relay';
import { QueueWorkers } from './queue-workers';

/** What only the worker process runs: the job registry with its boot check, the queue workers and the outbox relay. */
@Module({
  imports: [DiscoveryModule],
  providers: [JobRegistry, QueueWorkers, OutboxRelay],
  exports: [JobRegistry],
})
export class WorkerRuntimeModule {}

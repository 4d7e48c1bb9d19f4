export * from './queue-names';
export * from './redis-connection';
export * from './outbox.service';
export * from './job-handler.decorator';
export * from './queue.module';
export * from './worker/job-registry';
export * from './worker/worker-runtime.module';
export * from './worker/outbox-purge.job';

export * from './work-item';
export * from './letter-queues';
export * from './letter-work-notices';

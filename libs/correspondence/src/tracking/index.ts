export * from './tracking-status';
export * from './letter-tracking.service';

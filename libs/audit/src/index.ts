export * from './audit-chain';
export * from './canonical-json';
export * from './audit.service';
export * from './audit.module';
export * from './audit-verify.job';
export * from './audit-batch';

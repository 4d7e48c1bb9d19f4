export * from './data-source-options';
export * from './database.module';
export * from './run-migrations';
export * from './transaction';
export * from './batch-sql';
export * from './db-errors';
export * from './like';
export * from './keyset';

import type { DataSourceOptions } from 'typeorm';
import { ALL_MIGRATIONS } from './migrations';

/**
 * One place that turns a DATABASE_URL into TypeORM options. Times are UTC (`datetime(3)` columns
 * hold UTC), bigints come back as strings, no per-query stack capture, and the schema is only ever changed by migrations.
 */
export function dataSourceOptions(databaseUrl: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  const poolSize = (extra as { poolSize?: number }).poolSize ?? 40;
  return {
    type: 'mysql',
    url: databaseUrl,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: false,
    synchronize: false,
    migrationsRun: false,
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'migrations',
    poolSize,
    // mysql2 would capture a stack trace for every query (Error.captureStackTrace, ~3 % of the CPU
    // of an inbox request); TypeORM's QueryFailedError carries the caller's async stack anyway.
    trace: false,
    extra: { connectionLimit: poolSize, enableKeepAlive: true, waitForConnections: true, queueLimit: 0, connectTimeout: 5000 },
    ...extra,
  } as DataSourceOptions;
}

import type { DataSourceOptions } from 'typeorm';
import { ALL_MIGRATIONS } from './migrations';

/**
 * One place that turns a DATABASE_URL into TypeORM options. Times are UTC (`datetime(3)` columns
 * hold UTC), bigints come back as strings, and the schema is only ever changed by migrations.
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
    extra: { connectionLimit: poolSize, enableKeepAlive: true, waitForConnections: true, queueLimit: 0, connectTimeout: 5000 },
    ...extra,
  } as DataSourceOptions;
}

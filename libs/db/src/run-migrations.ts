import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** Creates the database if missing, then runs pending migrations. Used by the migrate step and the tests. */
export async function runMigrations(databaseUrl: string, log: (m: string) => void = () => undefined): Promise<string[]> {
  const url = new URL(databaseUrl);
  const dbName = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(dbName)) throw new Error(`DATABASE_URL harus menyebut nama database yang valid, bukan "${dbName}"`);
  const serverUrl = new URL(databaseUrl);
  serverUrl.pathname = '/';
  const server = new DataSource({ type: 'mysql', url: serverUrl.toString() });
  await server.initialize();
  try {
    await server.query(`CREATE DATABASE IF NOT EXISTS \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await server.destroy();
  }
  const ds = new DataSource(dataSourceOptions(databaseUrl, { poolSize: 2 } as never));
  await ds.initialize();
  try {
    const done = await ds.runMigrations({ transaction: 'each' });
    for (const m of done) log(`migrated ${m.name}`);
    return done.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

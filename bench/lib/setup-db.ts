import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '@naskah/db';
import { seedOrganisation } from '@naskah/organisation';

/** Name of the database in a mysql:// URL; refuses anything that is not clearly a bench database. */
export function benchDatabaseName(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]*bench[A-Za-z0-9_]*$/.test(name)) {
    throw new Error(`refusing to drop "${name}": the bench DATABASE_URL must name a database containing "bench" (e.g. naskah_bench)`);
  }
  return name;
}

/** Drops and recreates the bench database, runs every migration and seeds the organisation. */
export async function recreateBenchDatabase(databaseUrl: string, log: (m: string) => void): Promise<{ migrations: number; offices: number; positions: number }> {
  const name = benchDatabaseName(databaseUrl);
  const server = new URL(databaseUrl);
  server.pathname = '/';
  const conn = await createConnection({ uri: server.toString() });
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await conn.end();
  }
  const done = await runMigrations(databaseUrl);
  log(`database ${name} recreated, ${done.length} migrations run`);
  const ds = new DataSource(dataSourceOptions(databaseUrl, { poolSize: 4 } as never));
  await ds.initialize();
  try {
    const org = await seedOrganisation(ds);
    log(`organisation seeded: ${org.offices} offices, ${org.positions} positions`);
    return { migrations: done.length, offices: org.offices, positions: org.positions };
  } finally {
    await ds.destroy();
  }
}

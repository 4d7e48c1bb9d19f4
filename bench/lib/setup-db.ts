import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '@naskah/db';
import { seedOrganisation } from '@naskah/organisation';
import { seedDemoUsers } from '@naskah/identity';
import { seedMasterData } from '@naskah/correspondence';

/** Name of the database in a mysql:// URL; refuses anything that is not clearly a bench database. */
export function benchDatabaseName(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]*bench[A-Za-z0-9_]*$/.test(name)) {
    throw new Error(`refusing to drop "${name}": the bench DATABASE_URL must name a database containing "bench" (e.g. naskah_bench)`);
  }
  return name;
}

/**
 * Drops and recreates the bench database, runs every migration and seeds what the product benches
 * need: the organisation (553 offices), the demo users (who sign, send and read) and the master
 * data (letter types, the classification tree, the default numbering templates).
 */
export async function recreateBenchDatabase(databaseUrl: string, log: (m: string) => void): Promise<{ migrations: number; offices: number; positions: number; users: number; classifications: number }> {
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
    const users = await seedDemoUsers(ds);
    const master = await seedMasterData(ds);
    log(`seeded: ${org.offices} offices, ${org.positions} positions, ${users.length} demo users, ${master.classifications} classifications`);
    return { migrations: done.length, offices: org.offices, positions: org.positions, users: users.length, classifications: master.classifications };
  } finally {
    await ds.destroy();
  }
}

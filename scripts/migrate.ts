import 'reflect-metadata';
import { loadConfig } from '@naskah/core';
import { runMigrations } from '@naskah/db';

/** The migrate step: creates the database if needed and applies pending migrations. */
async function main() {
  const config = loadConfig();
  const done = await runMigrations(config.DATABASE_URL, (m) => console.log(m));
  console.log(done.length ? `${done.length} migrasi dijalankan` : 'skema sudah mutakhir (schema up to date)');
}

main().catch((err) => {
  console.error(`Migrasi gagal / migration failed: ${(err as Error).message}`);
  process.exit(1);
});

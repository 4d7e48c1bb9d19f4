import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '@naskah/core';
import { dataSourceOptions } from '@naskah/db';
import { seedDemoLetterheads, seedOrganisation } from '@naskah/organisation';
import { DEMO_PASSWORD, seedDemoUsers } from '@naskah/identity';
import { seedMasterData } from '@naskah/correspondence';

/**
 * Idempotent seed: the KPU organisation and the master data always; the demo accounts only when
 * SEED_DEMO says so (default: outside production, see AppConfig.demoDataEnabled). Returns the demo
 * accounts it made sure of (none when the switch is off).
 */
export async function runSeed(ds: DataSource, config: AppConfig, log: (line: string) => void = console.log): Promise<{ demoUsers: string[] }> {
  const t0 = Date.now();
  const org = await seedOrganisation(ds);
  log(`organisasi: ${org.offices} satker, ${org.units} unit kerja, ${org.positions} jabatan (${Date.now() - t0} ms)`);
  const master = await seedMasterData(ds);
  log(`klasifikasi arsip: ${master.classifications} kode (nilai retensi CONTOH ditandai)`);
  if (!config.demoDataEnabled) {
    log('akun demo tidak dibuat (production; SEED_DEMO=true untuk membuatnya / no demo accounts in production)');
    return { demoUsers: [] };
  }
  const users = await seedDemoUsers(ds);
  const kop = await seedDemoLetterheads(ds);
  if (kop > 0) log(`kop surat demo: ${kop} satker (alamat, telepon, pos-el, laman)`);
  log(`\nAkun demo (kata sandi semua akun: ${DEMO_PASSWORD}):`);
  for (const u of users) log(`  ${u.username.padEnd(24)} ${u.office.padEnd(5)} ${u.position}`);
  return { demoUsers: users.map((u) => u.username) };
}

async function main() {
  const config = loadConfig();
  const ds = new DataSource(dataSourceOptions(config.DATABASE_URL, { poolSize: 4 } as never));
  await ds.initialize();
  try {
    await runSeed(ds, config);
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(`Seed gagal / seed failed: ${(err as Error).message}`);
    process.exit(1);
  });
}

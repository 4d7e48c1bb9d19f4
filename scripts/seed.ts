import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '@naskah/core';
import { dataSourceOptions } from '@naskah/db';
import { seedOrganisation } from '@naskah/organisation';
import { DEMO_PASSWORD, seedDemoUsers } from '@naskah/identity';
import { seedMasterData } from '@naskah/correspondence';

/** Idempotent seed: the KPU organisation always; demo accounts outside production (or with SEED_DEMO=true). */
async function main() {
  const config = loadConfig();
  const ds = new DataSource(dataSourceOptions(config.DATABASE_URL, { poolSize: 4 } as never));
  await ds.initialize();
  try {
    const t0 = Date.now();
    const org = await seedOrganisation(ds);
    console.log(`organisasi: ${org.offices} satker, ${org.units} unit kerja, ${org.positions} jabatan (${Date.now() - t0} ms)`);
    const master = await seedMasterData(ds);
    console.log(`klasifikasi arsip: ${master.classifications} kode (nilai retensi CONTOH ditandai)`);
    const demo = config.SEED_DEMO ? config.SEED_DEMO === 'true' : !config.isProduction;
    if (demo) {
      const users = await seedDemoUsers(ds);
      console.log(`\nAkun demo (kata sandi semua akun: ${DEMO_PASSWORD}):`);
      for (const u of users) console.log(`  ${u.username.padEnd(24)} ${u.office.padEnd(5)} ${u.position}`);
    }
  } finally {
    await ds.destroy();
  }
}

main().catch((err) => {
  console.error(`Seed gagal / seed failed: ${(err as Error).message}`);
  process.exit(1);
});

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { execFileP, freePort, RELIABILITY_DIR, ROOT, waitFor, which } from './util';
import { MariaDbServer } from './servers';

// ------------------------------------------------------------------------------------------------
// The migrated + seeded template data directory

const TEMPLATE_INPUTS = [
  'libs/db/src/migrations', 'libs/db/src/data-source-options.ts', 'libs/organisation/src/seed', 'libs/identity/src/demo-users.ts',
  'libs/identity/src/users.service.ts', 'libs/correspondence/src/master', 'libs/testing/src/prepare-test-databases.ts', 'package-lock.json',
];

/** Bump when the way the template is made (install options, seeds run) changes. */
const TEMPLATE_FORMAT = '1';

function hashInputs(): string {
  const h = createHash('sha256').update(TEMPLATE_FORMAT);
  const add = (p: string) => {
    const abs = join(ROOT, p);
    if (!existsSync(abs)) return;
    if (statSync(abs).isDirectory()) for (const e of readdirSync(abs).sort()) add(join(p, e));
    else h.update(p).update('\0').update(readFileSync(abs)).update('\0');
  };
  for (const p of TEMPLATE_INPUTS) add(p);
  return h.digest('hex').slice(0, 16);
}

/** Creates the database, runs every migration and the seeds that `npm test` runs (organisation, demo users, master data). */
export async function migrateAndSeed(url: string): Promise<void> {
  const { dataSourceOptions, runMigrations } = require('../../../db/src') as typeof import('@naskah/db');
  const { seedOrganisation } = require('../../../organisation/src') as typeof import('@naskah/organisation');
  const { seedDemoUsers } = require('../../../identity/src') as typeof import('@naskah/identity');
  const { seedMasterData } = require('../../../correspondence/src') as typeof import('@naskah/correspondence');
  await runMigrations(url);
  const ds = new DataSource(dataSourceOptions(url, { poolSize: 4 } as never));
  await ds.initialize();
  try {
    await seedOrganisation(ds);
    await seedDemoUsers(ds);
    await seedMasterData(ds);
  } finally {
    await ds.destroy();
  }
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The template data directory for the current migrations and seeds, made once (other Jest workers wait for it). */
export async function templateDatadir(): Promise<string> {
  const key = hashInputs();
  const base = join(RELIABILITY_DIR, 'template');
  const final = join(base, key);
  if (existsSync(join(final, 'mysql', 'naskah'))) return join(final, 'mysql');
  mkdirSync(base, { recursive: true });
  const lock = join(base, `${key}.lock`);
  await waitFor('the reliability template database (another Jest worker is making it)', () => {
    if (existsSync(join(final, 'mysql', 'naskah'))) return true;
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      return true;
    } catch {
      const holder = Number(readFileSync(join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
      if (holder && !pidAlive(holder)) rmSync(lock, { recursive: true, force: true });
      return false;
    }
  }, { timeoutMs: 180_000, everyMs: 200 });
  if (existsSync(join(final, 'mysql', 'naskah'))) return join(final, 'mysql');
  try {
    const work = join(base, `${key}.tmp-${process.pid}`);
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    await execFileP(which('mariadb-install-db'), ['--no-defaults', '--user=root', `--datadir=${join(work, 'mysql')}`, '--auth-root-authentication-method=normal', '--skip-test-db'], { timeout: 120_000 });
    const db = new MariaDbServer(work, await freePort());
    await db.start();
    try {
      await migrateAndSeed(db.url());
    } finally {
      await db.stop();
    }
    rmSync(join(work, 'run'), { recursive: true, force: true });
    rmSync(join(work, 'tmp'), { recursive: true, force: true });
    for (const f of readdirSync(base)) if (f !== `${key}.lock` && !f.includes('.tmp-')) rmSync(join(base, f), { recursive: true, force: true }); // older templates
    renameSync(work, final);
    return join(final, 'mysql');
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}


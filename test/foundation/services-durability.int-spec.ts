import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { execFileP, freePort, ROOT } from '../../libs/testing/src/processes';

/**
 * The embedded MariaDB that `npm start` runs (scripts/services.sh, profile dev) must be durable: a
 * commit — a signed letter and its number — is on disk before it is acknowledged. The real script
 * is run from a private copy of `scripts/` (its data then lands in that copy's `.data/dev`, never
 * in this checkout's dev data), on free ports.
 */
describe('scripts/services.sh dev profile: durable commits', () => {
  const root = join(ROOT, '.data', 'services-durability');
  const script = join(root, 'scripts', 'services.sh');
  let env: NodeJS.ProcessEnv;
  let dbPort: number;

  const services = (...args: string[]) => execFileP('bash', [script, ...args], { env, timeout: 120_000 });
  const settings = async () => {
    const conn = await createConnection({ host: '127.0.0.1', port: dbPort, user: 'root' });
    try {
      const [rows] = await conn.query('SELECT @@GLOBAL.innodb_flush_log_at_trx_commit AS flush, @@GLOBAL.sync_binlog AS syncBinlog');
      return (rows as { flush: number; syncBinlog: number }[])[0];
    } finally {
      await conn.end();
    }
  };
  const setLax = async () => {
    const conn = await createConnection({ host: '127.0.0.1', port: dbPort, user: 'root' });
    await conn.query('SET GLOBAL innodb_flush_log_at_trx_commit = 2, GLOBAL sync_binlog = 0').finally(() => conn.end());
  };

  beforeAll(async () => {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(join(root, 'scripts'), { recursive: true });
    copyFileSync(join(ROOT, 'scripts', 'services.sh'), script);
    dbPort = await freePort();
    env = { ...process.env, NASKAH_DB_PORT: String(dbPort), NASKAH_REDIS_PORT: String(await freePort()) };
    await services('up', 'dev');
  }, 180_000);

  afterAll(async () => {
    await services('down', 'dev').catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  }, 120_000);

  it('starts MariaDB with innodb_flush_log_at_trx_commit=1 and sync_binlog=1', async () => {
    expect(await settings()).toEqual({ flush: 1, syncBinlog: 1 });
  });

  it('makes an already running dev server (started with a laxer setting) durable again on `up`', async () => {
    await setLax();
    expect(await settings()).toEqual({ flush: 2, syncBinlog: 0 });
    const { stdout } = await services('up', 'dev');
    expect(stdout).toContain('reusing it');
    expect(await settings()).toEqual({ flush: 1, syncBinlog: 1 });
  }, 120_000);
});

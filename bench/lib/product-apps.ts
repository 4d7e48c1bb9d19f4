import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { BatchTransaction, type SqlParam } from '@naskah/db';
import { Principal, UsersService } from '@naskah/identity';
import type { BenchContext } from '../harness';

/**
 * The real applications, booted in the bench process: `createApi` (apps/api/src/bootstrap.ts) and
 * `createWorker` (apps/worker/src/main.ts), exactly what production runs, configured through the
 * environment like production (the apps read it with loadConfig at boot). Booting takes ~0.3 s
 * once the modules are loaded, so each bench boots its own and closes it afterwards.
 */
export function applyProductEnv(ctx: BenchContext): void {
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: ctx.databaseUrl,
    REDIS_URL: ctx.redisUrl,
    QUEUE_PREFIX: ctx.queuePrefix, // every key under it is deleted at the end of the run
    LOG_LEVEL: 'silent',
    STORAGE_DIR: '.data/bench/files',
    SIGNING_KEY_PATH: '.data/bench/signing-key.pem',
  });
}

/** The API application (not listening unless `listen`); closed after the bench. */
export async function startProductApi(ctx: BenchContext, opts: { listen?: boolean } = {}): Promise<{ app: NestFastifyApplication; url: string | null }> {
  applyProductEnv(ctx);
  const { createApi } = require('../../apps/api/src/bootstrap') as typeof import('../../apps/api/src/bootstrap');
  const app = await createApi({ logger: false });
  ctx.onCleanup(() => app.close());
  if (!opts.listen) {
    await app.init();
    return { app, url: null };
  }
  await app.listen(0, '127.0.0.1');
  const addr = app.getHttpServer().address();
  if (!addr || typeof addr === 'string') throw new Error('API has no TCP address');
  return { app, url: `http://127.0.0.1:${addr.port}` };
}

/** The worker: BullMQ workers for every queue, the outbox relay, the schedulers. Closed after the bench. */
export async function startProductWorker(ctx: BenchContext): Promise<INestApplicationContext> {
  applyProductEnv(ctx);
  const { createWorker } = require('../../apps/worker/src/main') as typeof import('../../apps/worker/src/main');
  const worker = await createWorker();
  ctx.onCleanup(() => worker.close());
  await worker.init();
  return worker;
}

/** The principal of a demo user (libs/identity/src/demo-users.ts), as the auth guard would build it. */
export async function principalOf(app: INestApplicationContext, username: string): Promise<Principal> {
  const ds = app.get(DataSource);
  const [u] = await ds.query('SELECT id FROM users WHERE username = ?', [username]);
  if (!u) throw new Error(`demo user ${username} missing (bench/lib/setup-db.ts seeds them)`);
  return app.get(UsersService).principal(Number(u.id), 'bench');
}

export async function positionIdOf(ds: DataSource, officeCode: string, positionCode: string): Promise<number> {
  const [r] = await ds.query('SELECT p.id FROM positions p JOIN offices o ON o.id = p.office_id WHERE o.code = ? AND p.code = ?', [officeCode, positionCode]);
  if (!r) throw new Error(`position ${officeCode}/${positionCode} missing`);
  return Number(r.id);
}

export async function officeIdOf(ds: DataSource, code: string): Promise<number> {
  const [r] = await ds.query('SELECT id FROM offices WHERE code = ?', [code]);
  if (!r) throw new Error(`office ${code} missing`);
  return Number(r.id);
}

/**
 * The RENDER_LETTER jobs that signing puts in the outbox render a PDF each (heavy CPU). The benches
 * do not measure rendering, and thousands of renders would load the machine during the benches
 * that follow; they are marked relayed (never enqueued). Returns how many were discarded.
 */
export async function discardRenderJobs(ds: DataSource): Promise<number> {
  const res = await ds.query("UPDATE outbox SET sent_at = CURRENT_TIMESTAMP(3) WHERE job_name = 'render-letter' AND sent_at IS NULL");
  return Number(res.affectedRows ?? 0);
}

/**
 * Marks every job still pending in the outbox relayed, so a worker started next begins on a quiet
 * outbox (leftovers of earlier benches would otherwise run under the measurement). Returns the
 * discarded count per job name.
 */
export async function discardPendingJobs(ds: DataSource, keepRenderOf: string[] = []): Promise<Record<string, number>> {
  // the render jobs of `keepRenderOf` stay pending (those letters cannot be sent before their PDF exists)
  const keep = keepRenderOf.length
    ? ` AND NOT (job_name = 'render-letter' AND JSON_VALUE(payload, '$.letterId') IN (${keepRenderOf.map(() => '?').join(',')}))`
    : '';
  const rows: { job_name: string; n: string }[] = await ds.query(`SELECT job_name, COUNT(*) AS n FROM outbox WHERE sent_at IS NULL${keep} GROUP BY job_name`, keepRenderOf);
  if (rows.length) await ds.query(`UPDATE outbox SET sent_at = CURRENT_TIMESTAMP(3) WHERE sent_at IS NULL${keep}`, keepRenderOf);
  return Object.fromEntries(rows.map((r) => [r.job_name, Number(r.n)]));
}

/**
 * Counts the round trips to MariaDB while `on`, and those a transaction makes between the first
 * statement matching `lockStart` and its COMMIT/ROLLBACK (the time a hot row lock is held). Two
 * paths are watched: TypeORM (each statement of `MysqlQueryRunner.prototype.query` is a round trip)
 * and `BatchSql` (`BatchTransaction.prototype.roundTrip`: one round trip carries several statements;
 * when the statement matching `lockStart` and the COMMIT travel in the same one, the lock is held
 * only while the server runs the end of that batch: counted in `lockedInOneTrip`, not timed).
 * Patches both prototypes for the life of the bench.
 */
export function countRoundTrips(ctx: BenchContext, lockStart: RegExp) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { MysqlQueryRunner } = require('typeorm/driver/mysql/MysqlQueryRunner');
  const original = MysqlQueryRunner.prototype.query;
  const originalBatch = BatchTransaction.prototype.roundTrip;
  const stats = { on: false, total: 0, transactions: 0, whileLocked: 0, lockedTransactions: 0, lockHeldMs: [] as number[], lockedInOneTrip: 0 };
  const lockedSince = new WeakMap<object, number>();
  const ends = /^(COMMIT|ROLLBACK)\b/m;
  /** One round trip carrying `sql` (one statement or a batch); returns the result as is. */
  const observe = <T>(self: object, sql: string, result: Promise<T>): Promise<T> => {
    if (!stats.on) return result;
    stats.total++;
    if (/^START TRANSACTION\b/m.test(sql)) stats.transactions++;
    const since = lockedSince.get(self);
    if (since !== undefined) {
      // a round trip made while the lock is held
      stats.whileLocked++;
      if (ends.test(sql)) {
        lockedSince.delete(self);
        return result.finally(() => stats.lockHeldMs.push(performance.now() - since));
      }
    } else if (lockStart.test(sql)) {
      stats.lockedTransactions++;
      stats.whileLocked++;
      // taken and released inside this very round trip (a batch ending in COMMIT): held only while the
      // server runs the rest of the batch, which the client cannot time (the round trip also
      // includes the wait for the lock); counted apart
      if (ends.test(sql.slice(sql.search(lockStart)))) return (stats.lockedInOneTrip++, result);
      // the lock is held from the moment this statement is answered (waiting for it is not holding it)
      return result.then((r) => (lockedSince.set(self, performance.now()), r));
    }
    return result;
  };
  MysqlQueryRunner.prototype.query = function (this: object, sql: string, ...rest: unknown[]) {
    return observe(this, sql, original.call(this, sql, ...rest));
  };
  BatchTransaction.prototype.roundTrip = function (this: BatchTransaction, sql: string, params: SqlParam[]) {
    return observe(this, sql, originalBatch.call(this, sql, params));
  };
  const restore = () => {
    MysqlQueryRunner.prototype.query = original;
    BatchTransaction.prototype.roundTrip = originalBatch;
  };
  ctx.onCleanup(restore);
  return Object.assign(stats, { restore });
}

import { createPool, Pool, RowDataPacket } from 'mysql2/promise';
import { BenchContext, registerBench, runConcurrentStats } from '../harness';
import { scratchTable } from '../lib/scratch';

/** A one-row counter and the table of numbers handed out, for one variant. */
async function counterTables(ctx: BenchContext, variant: string): Promise<{ counter: string; nums: string }> {
  const counter = await scratchTable(ctx, `bench_counter_${variant}`, 'id INT UNSIGNED NOT NULL, v BIGINT UNSIGNED NOT NULL, PRIMARY KEY (id)');
  const nums = await scratchTable(ctx, `bench_counter_${variant}_nums`,
    'id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT, n BIGINT UNSIGNED NOT NULL, PRIMARY KEY (id), KEY ix_n (n)');
  await ctx.pool.query(`INSERT INTO ${counter} (id, v) VALUES (1, 0)`);
  return { counter, nums };
}

/** Every number 1..v handed out exactly once, v being the counter's final value. */
async function verify(pool: Pool, counter: string, nums: string) {
  const [[c]] = await pool.query<RowDataPacket[]>(`SELECT v FROM ${counter} WHERE id = 1`);
  const [[s]] = await pool.query<RowDataPacket[]>(`SELECT COUNT(*) AS total, COUNT(DISTINCT n) AS distinctN, MIN(n) AS lo, MAX(n) AS hi FROM ${nums}`);
  const total = Number(s.total);
  const distinct = Number(s.distinctN);
  const duplicates = total - distinct;
  const gaps = total ? Number(s.hi) - distinct : 0; // numbers 1..hi that nobody got
  const counterMatches = Number(c.v) === (total ? Number(s.hi) : 0);
  if (duplicates || gaps || !counterMatches) {
    throw new Error(`counter not gapless: ${duplicates} duplicates, ${gaps} gaps, counter ${c.v} vs max ${s.hi}`);
  }
  return { numbers: total, duplicates, gaps };
}

registerBench({
  name: 'counter-for-update-c32',
  kind: 'raw',
  description: 'gapless numbers/s from one counter row, 32 concurrent transactions: BEGIN; SELECT … FOR UPDATE; UPDATE; INSERT number; COMMIT',
  run: async (ctx) => {
    const { counter, nums } = await counterTables(ctx, 'fu');
    const one = async () => {
      const conn = await ctx.pool.getConnection();
      try {
        await conn.query('BEGIN');
        const [rows] = await conn.query<RowDataPacket[]>(`SELECT v FROM ${counter} WHERE id = 1 FOR UPDATE`);
        const v = Number(rows[0].v) + 1;
        await conn.query(`UPDATE ${counter} SET v = ? WHERE id = 1`, [v]);
        await conn.query(`INSERT INTO ${nums} (n) VALUES (?)`, [v]);
        await conn.query('COMMIT');
      } catch (err) {
        await conn.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        conn.release();
      }
    };
    await runConcurrentStats(32, 300, one);
    const s = await runConcurrentStats(32, ctx.duration(5000), one);
    const check = await verify(ctx.pool, counter, nums);
    return { value: s.opsPerSec, unit: 'numbers/s', extra: check };
  },
});

registerBench({
  name: 'counter-one-trip-c32',
  kind: 'raw',
  description: 'gapless numbers/s, 32 concurrent, whole transaction in one round trip: BEGIN; UPDATE … SET v = LAST_INSERT_ID(v+1); INSERT …; COMMIT (multipleStatements)',
  run: async (ctx) => {
    const { counter, nums } = await counterTables(ctx, 'one_trip');
    const pool = createPool({ uri: ctx.databaseUrl, connectionLimit: 32, multipleStatements: true });
    ctx.onCleanup(() => pool.end());
    const sql = `BEGIN; UPDATE ${counter} SET v = LAST_INSERT_ID(v + 1) WHERE id = 1; INSERT INTO ${nums} (n) VALUES (LAST_INSERT_ID()); COMMIT`;
    const one = async () => {
      const conn = await pool.getConnection();
      try {
        await conn.query(sql);
      } catch (err) {
        // a failed statement stops the batch: the transaction is still open on this connection
        await conn.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        conn.release();
      }
    };
    await runConcurrentStats(32, 300, one);
    const s = await runConcurrentStats(32, ctx.duration(5000), one);
    const check = await verify(ctx.pool, counter, nums);
    return { value: s.opsPerSec, unit: 'numbers/s', extra: check };
  },
});

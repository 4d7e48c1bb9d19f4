import { RowDataPacket } from 'mysql2/promise';
import { registerBench, since } from '../harness';
import { placeholders, scratchTable } from '../lib/scratch';

const DAY = 86_400_000;
const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);

registerBench({
  name: 'keyset-sweep',
  kind: 'raw',
  description: 'rows/s swept over a table of 1,000,000 rows (100,000 in quick mode): keyset batches of 1000 on an index (due, id), then UPDATE … WHERE id IN (…)',
  timeoutMs: 180_000,
  run: async (ctx) => {
    const rows = ctx.quick ? 100_000 : 1_000_000;
    const table = await scratchTable(ctx, 'bench_sweep', `
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      office_id INT UNSIGNED NOT NULL,
      title VARCHAR(120) NOT NULL,
      due DATE NOT NULL,
      status TINYINT UNSIGNED NOT NULL DEFAULT 0,
      PRIMARY KEY (id),
      KEY ix_due_id (due, id)`);

    // fill: multi-row INSERTs of 1000 rows, 4 connections; due dates spread over ten past years
    const insert = `INSERT INTO ${table} (office_id, title, due) VALUES ${placeholders(1000, 3)}`;
    const today = Date.UTC(2026, 0, 1);
    let made = 0;
    const tFill = performance.now();
    const filler = async () => {
      while (made < rows) {
        const start = made;
        made += 1000;
        const values = Array.from({ length: 1000 }, (_, k) => {
          const i = start + k;
          return [(i % 553) + 1, `Berkas perkara nomor ${i} tentang arsip yang telah habis masa retensinya`, ymd(today - (1 + ((i * 7919) % 3650)) * DAY)];
        });
        await ctx.pool.query(insert, values.flat());
      }
    };
    await Promise.all([filler(), filler(), filler(), filler()]);
    const fillMs = since(tFill);
    await ctx.pool.query(`ANALYZE TABLE ${table}`);
    ctx.log(`filled ${rows.toLocaleString('en-US')} rows in ${(fillMs / 1000).toFixed(1)} s`);

    // sweep. MariaDB 10.11 turns the row constructor (due, id) > (?, ?) into a range on `due` only
    // (it re-reads every row of the current day); the expanded form uses both index columns.
    const cutoff = ymd(today);
    const select = `SELECT id, due FROM ${table} FORCE INDEX (ix_due_id)
      WHERE (due > ? OR (due = ? AND id > ?)) AND due < ? ORDER BY due, id LIMIT 1000`;
    let lastDue = '1000-01-01';
    let lastId = 0;
    let swept = 0;
    let batches = 0;
    const t0 = performance.now();
    for (;;) {
      const [batch] = await ctx.pool.query<RowDataPacket[]>(select, [lastDue, lastDue, lastId, cutoff]);
      if (!batch.length) break;
      const ids = batch.map((r) => r.id);
      await ctx.pool.query(`UPDATE ${table} SET status = 1 WHERE id IN (?)`, [ids]);
      swept += ids.length;
      batches++;
      lastDue = ymd((batch[batch.length - 1].due as Date).getTime());
      lastId = Number(batch[batch.length - 1].id);
    }
    const ms = since(t0);
    const [[left]] = await ctx.pool.query<RowDataPacket[]>(`SELECT COUNT(*) AS c FROM ${table} WHERE status = 0`);
    if (swept !== rows || Number(left.c) !== 0) throw new Error(`swept ${swept} of ${rows} rows, ${left.c} left unswept`);
    return {
      value: (swept * 1000) / ms,
      unit: 'rows/s',
      extra: { rows, batches, sweepMs: Math.round(ms), fillRowsPerSec: Math.round((rows * 1000) / fillMs) },
    };
  },
});

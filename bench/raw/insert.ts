import { registerBench } from '../harness';
import { DELIVERY_LIKE_COLUMNS, deliveryLikeRow, placeholders, scratchTable } from '../lib/scratch';
import { runConcurrentStats } from '../harness';

registerBench({
  name: 'insert-multi-row',
  kind: 'raw',
  description: 'rows/s inserted by one connection, 1000 rows per INSERT statement, delivery-shaped rows',
  run: async (ctx) => {
    const table = await scratchTable(ctx, 'bench_insert_multi', DELIVERY_LIKE_COLUMNS);
    const sql = `INSERT INTO ${table} (letter_id, office_id, status, created_at) VALUES ${placeholders(1000, 4)}`;
    let n = 0;
    const batch = () => Array.from({ length: 1000 }, () => deliveryLikeRow(n++)).flat();
    await ctx.pool.query(sql, batch()); // warm-up
    const s = await runConcurrentStats(1, ctx.duration(5000), async () => {
      await ctx.pool.query(sql, batch());
      return 1000;
    });
    return { value: s.opsPerSec, unit: 'rows/s', extra: { rows: s.ops, statements: s.ops / 1000 } };
  },
});

registerBench({
  name: 'insert-single-c32',
  kind: 'raw',
  description: 'rows/s inserted one row per autocommit INSERT by 32 concurrent connections',
  run: async (ctx) => {
    const table = await scratchTable(ctx, 'bench_insert_single', DELIVERY_LIKE_COLUMNS);
    const sql = `INSERT INTO ${table} (letter_id, office_id, status, created_at) VALUES (?, ?, ?, ?)`;
    let n = 0;
    await runConcurrentStats(32, 300, () => ctx.pool.query(sql, deliveryLikeRow(n++)).then(() => 1)); // warm the pool
    const s = await runConcurrentStats(32, ctx.duration(5000), () => ctx.pool.query(sql, deliveryLikeRow(n++)).then(() => 1));
    return { value: s.opsPerSec, unit: 'rows/s', extra: { rows: s.ops } };
  },
});

import { registerBench } from '../harness';
import { addAndDrain } from '../lib/queue-drain';
import { scratchTable } from '../lib/scratch';

registerBench({
  name: 'queue-trivial',
  kind: 'raw',
  description: 'BullMQ jobs/s, addBulk then drained by an in-process worker (concurrency 10) whose job does nothing',
  run: async (ctx) => {
    const r = await addAndDrain(ctx, { queueName: 'trivial', jobs: ctx.quick ? 8000 : 40000, concurrency: 10, process: async () => undefined });
    return { value: r.jobsPerSec, unit: 'jobs/s', extra: { jobs: r.jobs, ms: r.ms, concurrency: 10 } };
  },
});

registerBench({
  name: 'queue-one-insert',
  kind: 'raw',
  description: 'BullMQ jobs/s, addBulk then drained by an in-process worker (concurrency 50) whose job does one INSERT',
  run: async (ctx) => {
    const table = await scratchTable(ctx, 'bench_queue_rows',
      'id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT, job_no INT UNSIGNED NOT NULL, created_at DATETIME(3) NOT NULL, PRIMARY KEY (id)');
    const sql = `INSERT INTO ${table} (job_no, created_at) VALUES (?, ?)`;
    const jobs = ctx.quick ? 4000 : 20000;
    const r = await addAndDrain(ctx, { queueName: 'one-insert', jobs, concurrency: 50, process: (job) => ctx.pool.query(sql, [job.data.i, new Date()]) });
    const [[{ c }]] = (await ctx.pool.query(`SELECT COUNT(*) AS c FROM ${table}`)) as unknown as [[{ c: number }]];
    if (Number(c) !== jobs + 200) throw new Error(`expected ${jobs + 200} rows, found ${c}`);
    return { value: r.jobsPerSec, unit: 'jobs/s', extra: { jobs: r.jobs, ms: r.ms, concurrency: 50 } };
  },
});

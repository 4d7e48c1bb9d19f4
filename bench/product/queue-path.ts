import { DataSource } from 'typeorm';
import { inTransaction } from '@naskah/db';
import { JobName, JobRegistry, OutboxService } from '@naskah/queue';
import { BenchContext, registerBench, since } from '../harness';
import { scratchTable } from '../lib/scratch';
import { startProductWorker } from '../lib/product-apps';

const PER_TRANSACTION = 500;

/**
 * The product's queue path, end to end: jobs born in the outbox (OutboxService.add inside
 * inTransaction, PER_TRANSACTION jobs per commit, then relaySoon as the API does after a commit),
 * relayed to BullMQ with their deterministic ids and the central job options, run by the worker's
 * QueueWorkers (payload validated against the handler's class, dispatched through the JobRegistry)
 * with the worker's own concurrency. Only the body of the handler is the bench's: NOTIFY_POSITIONS
 * keeps its payload class, its body is replaced by `body` (nothing, or one INSERT as in the raw
 * bench). Measured from the first outbox write to the last handler run.
 */
async function queuePath(ctx: BenchContext, name: string, jobs: number, body: (i: number) => Promise<unknown>) {
  const worker = await startProductWorker(ctx);
  const ds = worker.get(DataSource);
  const outbox = worker.get(OutboxService);
  const handler = worker.get(JobRegistry).get(JobName.NOTIFY_POSITIONS);
  if (!handler) throw new Error('no NOTIFY_POSITIONS handler');
  const original = handler.fn;
  let ran = 0;
  let target = 0;
  let done: () => void = () => undefined;
  handler.fn = async (payload) => {
    await body(Number((payload as { ref: { i: string } }).ref.i));
    if (++ran >= target) done();
    return undefined;
  };
  // job ids must be new in this run: BullMQ keeps completed ids (a repeated id is a deduplicated no-op)
  const tag = `${name}${ctx.queuePrefix.replace(/[^A-Za-z0-9]/g, '')}`.slice(0, 60);
  ctx.onCleanup(async () => {
    handler.fn = original;
    await ds.query('DELETE FROM outbox WHERE job_id LIKE ?', [`${JobName.NOTIFY_POSITIONS}_${tag}%`]);
  });

  let serial = 0;
  const round = async (count: number) => {
    ran = 0;
    target = count;
    const finished = new Promise<void>((r) => (done = r));
    for (let i = 0; i < count; i += PER_TRANSACTION) {
      const n = Math.min(PER_TRANSACTION, count - i);
      await inTransaction(ds, async (em) => {
        for (let k = 0; k < n; k++) {
          const no = serial++;
          await outbox.add(em, JobName.NOTIFY_POSITIONS, { positionIds: [1], type: 'LETTER_RECEIVED', ref: { i: String(no) }, key: `${tag}-${no}` }, { key: `${tag}-${no}` });
        }
      });
      outbox.relaySoon();
    }
    await finished;
  };
  await round(200); // warm-up through the same path, not timed
  const t0 = performance.now();
  await round(jobs);
  const ms = since(t0);
  const [{ pending }] = await ds.query('SELECT COUNT(*) AS pending FROM outbox WHERE sent_at IS NULL AND job_id LIKE ?', [`${JobName.NOTIFY_POSITIONS}_${tag}%`]);
  if (Number(pending)) throw new Error(`${pending} outbox rows still unsent after every job ran`);
  return { jobsPerSec: (jobs * 1000) / ms, jobs, ms: Math.round(ms), perTransaction: PER_TRANSACTION };
}

registerBench({
  name: 'queue-path-trivial',
  kind: 'product',
  description:
    'jobs/s through the product queue path (outbox write in the transaction → relay → BullMQ with the central job options → QueueWorkers: payload validation, registry dispatch, worker concurrency) whose handler body does nothing',
  rawOf: 'queue-trivial',
  goal: { ratio: 0.7 },
  run: async (ctx) => {
    const r = await queuePath(ctx, 'qpt', ctx.quick ? 4000 : 20000, async () => undefined);
    return { value: r.jobsPerSec, unit: 'jobs/s', extra: r };
  },
});

registerBench({
  name: 'queue-path-one-write',
  kind: 'product',
  description: 'jobs/s through the same product queue path whose handler body does one INSERT (as the raw queue-one-insert job)',
  rawOf: 'queue-one-insert',
  goal: { ratio: 0.6 },
  run: async (ctx) => {
    const table = await scratchTable(ctx, 'bench_queue_path_rows',
      'id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT, job_no INT UNSIGNED NOT NULL, created_at DATETIME(3) NOT NULL, PRIMARY KEY (id)');
    const jobs = ctx.quick ? 4000 : 20000;
    const r = await queuePath(ctx, 'qpw', jobs, (i) => ctx.pool.query(`INSERT INTO ${table} (job_no, created_at) VALUES (?, ?)`, [i, new Date()]));
    const [[{ c }]] = (await ctx.pool.query(`SELECT COUNT(*) AS c FROM ${table}`)) as unknown as [[{ c: number }]];
    if (Number(c) !== jobs + 200) throw new Error(`expected ${jobs + 200} rows, found ${c}`);
    return { value: r.jobsPerSec, unit: 'jobs/s', extra: r };
  },
});

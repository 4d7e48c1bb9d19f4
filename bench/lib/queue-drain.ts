import { Job, Queue, Worker } from 'bullmq';
import { BenchContext, since } from '../harness';

interface DrainOptions {
  queueName: string;
  jobs: number;
  concurrency: number;
  process: (job: Job<{ i: number }>) => Promise<unknown>;
}

/**
 * Adds `jobs` jobs with addBulk (chunks of 500) while a worker of the same process drains them;
 * returns jobs/s from the first add to the last completion. The worker is created with
 * autorun: false, made ready and started before the clock (start-up is not measured).
 */
export async function addAndDrain(ctx: BenchContext, o: DrainOptions) {
  const prefix = ctx.queuePrefix;
  const queue = new Queue(o.queueName, { connection: ctx.redis(), prefix });
  const worker = new Worker(o.queueName, o.process, {
    connection: ctx.redis(), prefix, concurrency: o.concurrency, autorun: false,
    removeOnComplete: { count: 0 }, removeOnFail: { count: 1000 },
  });
  ctx.onCleanup(async () => {
    await worker.close(true);
    await queue.obliterate({ force: true });
    await queue.close();
  });
  let failed = 0;
  worker.on('failed', () => failed++);
  await queue.waitUntilReady();
  await worker.waitUntilReady();
  void worker.run();

  let completed = 0;
  let target = 0;
  let done: () => void = () => undefined;
  worker.on('completed', () => {
    completed++;
    if (completed + failed >= target) done();
  });
  // warm-up: a few jobs through the same path, not timed
  const round = async (count: number) => {
    completed = 0;
    failed = 0;
    target = count;
    const finished = new Promise<void>((r) => (done = r));
    for (let i = 0; i < count; i += 500) {
      const n = Math.min(500, count - i);
      await queue.addBulk(Array.from({ length: n }, (_, k) => ({ name: 'bench', data: { i: i + k } })));
    }
    await finished;
  };
  await round(200);
  const t0 = performance.now();
  await round(o.jobs);
  const ms = since(t0);
  if (failed) throw new Error(`${failed} jobs failed`);
  return { jobsPerSec: (o.jobs * 1000) / ms, jobs: o.jobs, ms: Math.round(ms) };
}

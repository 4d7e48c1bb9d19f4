import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobName, OutboxService, QueueName } from '@naskah/queue';
import { createWorker } from '../../apps/worker/src/main';

/** Polls until `probe` returns a value (not undefined) or the time is up; no fixed sleeps. */
async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('the worker process: outbox relay and job processing', () => {
  let worker: INestApplicationContext;
  let ds: DataSource;
  let queue: Queue;
  const jobIds: string[] = [];

  beforeAll(async () => {
    worker = await createWorker();
    await worker.init();
    ds = worker.get(DataSource);
    queue = worker.get<Queue>(getQueueToken(QueueName.MAINTENANCE), { strict: false });
  });
  afterAll(async () => {
    for (const id of jobIds) await (await queue.getJob(id))?.remove();
    await worker.close();
  });

  const finished = (jobId: string) =>
    eventually(async () => {
      const job = await queue.getJob(jobId);
      return job?.finishedOn ? job : undefined;
    }, `job ${jobId} to finish`);

  it('relays a job written in a transaction and completes it with the handler’s result', async () => {
    const outbox = worker.get(OutboxService, { strict: false });
    const jobId = await ds.transaction((em) => outbox.add(em, JobName.AUDIT_VERIFY, { requestedBy: null }, { key: randomUUID() }));
    jobIds.push(jobId);
    const job: Job = await finished(jobId);
    expect(job.failedReason).toBeUndefined();
    expect(job.returnvalue).toMatchObject({ ok: true, problems: [] });
    expect(job.returnvalue.streams).toBeGreaterThan(0);
    const [row] = await ds.query('SELECT sent_at FROM outbox WHERE job_id = ?', [jobId]);
    expect(row.sent_at).toBeInstanceOf(Date);
  });

  it('does not run a job again when its outbox row is replayed after completion', async () => {
    const outbox = worker.get(OutboxService, { strict: false });
    const jobId = await ds.transaction((em) => outbox.add(em, JobName.AUDIT_VERIFY, { requestedBy: null }, { key: randomUUID() }));
    jobIds.push(jobId);
    const done = await finished(jobId);

    await ds.query('UPDATE outbox SET sent_at = NULL WHERE job_id = ?', [jobId]);
    await eventually(async () => {
      const [row] = await ds.query('SELECT sent_at, attempts FROM outbox WHERE job_id = ?', [jobId]);
      return row.sent_at && Number(row.attempts) === 2 ? row : undefined;
    }, 'the relay to send the row again');
    const after = (await queue.getJob(jobId))!;
    expect(after.processedOn).toBe(done.processedOn);
    expect(after.finishedOn).toBe(done.finishedOn);
    expect(after.attemptsMade).toBe(done.attemptsMade);
    expect(await after.getState()).toBe('completed');
  });

  it('registers the daily audit verification scheduler', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toContainEqual(expect.objectContaining({ key: 'audit-verify-daily', name: JobName.AUDIT_VERIFY, pattern: '0 2 * * *' }));
  });

  it('registers the hourly outbox purge, which deletes only relayed rows past the retention', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toContainEqual(expect.objectContaining({ key: 'outbox-purge-hourly', name: JobName.OUTBOX_PURGE, pattern: '17 * * * *' }));
    const outbox = worker.get(OutboxService, { strict: false });
    const key = randomUUID();
    const jobId = await ds.transaction((em) => outbox.add(em, JobName.OUTBOX_PURGE, {}, { key }));
    jobIds.push(jobId);
    const job: Job = await finished(jobId);
    expect(job.failedReason).toBeUndefined();
    expect(job.returnvalue).toMatchObject({ retentionDays: 7, deleted: expect.any(Number), batches: expect.any(Number) });
    expect((await ds.query('SELECT sent_at FROM outbox WHERE job_id = ?', [jobId]))[0].sent_at).toBeInstanceOf(Date); // its own row, relayed today, stays
  });
});

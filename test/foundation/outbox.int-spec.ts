import { randomUUID } from 'node:crypto';
import { LoggerService } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { getQueueToken } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { CoreModule, SystemClock } from '@naskah/core';
import { DatabaseModule } from '@naskah/db';
import { JobName, OutboxService, QueueModule, QueueName } from '@naskah/queue';
import { countRows } from '@naskah/testing';

const silent: LoggerService = { log() {}, error() {}, warn() {}, debug() {}, verbose() {} };

/** One "process": configuration, database and queues, as the API or the worker has them. */
async function bootProcess(): Promise<TestingModule> {
  const m = await Test.createTestingModule({ imports: [CoreModule, DatabaseModule, QueueModule] }).setLogger(silent).compile();
  await m.init();
  return m;
}

describe('transactional outbox (real MariaDB and Redis)', () => {
  let proc: TestingModule;
  let outbox: OutboxService;
  let ds: DataSource;
  let queue: Queue;
  const created: string[] = [];
  const key = (name: string) => {
    const k = `${name}-${randomUUID()}`;
    created.push(`${JobName.AUDIT_VERIFY}_${k}`);
    return k;
  };
  const outboxRow = async (jobId: string) => (await ds.query('SELECT id, sent_at, attempts, run_at FROM outbox WHERE job_id = ?', [jobId]))[0];
  const addCommitted = (k: string, runAt?: Date) => ds.transaction((em) => outbox.add(em, JobName.AUDIT_VERIFY, { requestedBy: null }, { key: k, runAt }));
  /** Every job of the queue with this id, in any state: BullMQ holds at most one, a duplicate would show as a changed timestamp. */
  const jobsWithId = async (id: string) => (await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed', 'prioritized'])).filter((j) => j?.id === id);

  beforeAll(async () => {
    proc = await bootProcess();
    outbox = proc.get(OutboxService);
    ds = proc.get(DataSource);
    queue = proc.get<Queue>(getQueueToken(QueueName.MAINTENANCE));
    await queue.waitUntilReady();
    expect(queue.opts.prefix).toBe(process.env.QUEUE_PREFIX);
    // Rows other suites left pending in this database are theirs; relay them now so each case sees only its own.
    while ((await outbox.relay()) > 0);
  });
  afterAll(async () => {
    for (const id of created) await (await queue.getJob(id))?.remove();
    await proc.close();
  });

  it('loses nothing when the process dies after the commit and before the enqueue', async () => {
    const k = key('crash');
    const jobId = `${JobName.AUDIT_VERIFY}_${k}`;
    const doomed = await bootProcess();
    const doomedDs = doomed.get(DataSource);
    const written = await doomedDs.transaction((em) => doomed.get(OutboxService).add(em, JobName.AUDIT_VERIFY, { requestedBy: null }, { key: k }));
    expect(written).toBe(jobId);
    await doomed.close(); // "crash": committed, never relayed
    expect(await queue.getJob(jobId)).toBeUndefined();
    expect((await outboxRow(jobId)).sent_at).toBeNull();

    const fresh = await bootProcess(); // the worker that starts next
    try {
      expect(await fresh.get(OutboxService).relay()).toBeGreaterThanOrEqual(1);
    } finally {
      await fresh.close();
    }
    const job = await queue.getJob(jobId);
    expect(job).toBeDefined();
    expect(job!.name).toBe(JobName.AUDIT_VERIFY);
    expect(job!.data).toEqual({ requestedBy: null });
    expect(await job!.getState()).toBe('waiting');
    expect(job!.opts.attempts).toBeGreaterThan(1);
    const row = await outboxRow(jobId);
    expect(row.sent_at).toBeInstanceOf(Date);
    expect(Number(row.attempts)).toBe(1);
    expect(await outbox.pendingCount()).toBe(0);
  });

  it('enqueues once when a row is relayed again (sent_at lost) — a replay is a no-op', async () => {
    const k = key('replay');
    const jobId = `${JobName.AUDIT_VERIFY}_${k}`;
    await addCommitted(k);
    await outbox.relay();
    const first = await queue.getJob(jobId);
    const countsBefore = await queue.getJobCounts('waiting', 'delayed');

    await ds.query('UPDATE outbox SET sent_at = NULL WHERE job_id = ?', [jobId]);
    expect(await outbox.relay()).toBe(1);
    expect((await outboxRow(jobId)).sent_at).toBeInstanceOf(Date);
    expect(await queue.getJobCounts('waiting', 'delayed')).toEqual(countsBefore);
    const again = await jobsWithId(jobId);
    expect(again).toHaveLength(1);
    expect(again[0].timestamp).toBe(first!.timestamp);
  });

  it('claims each row once when two relays (two processes) run at the same time', async () => {
    const keys = Array.from({ length: 30 }, (_, i) => key(`concurrent-${i}`));
    await ds.transaction(async (em) => {
      for (const k of keys) await outbox.add(em, JobName.AUDIT_VERIFY, { requestedBy: null }, { key: k });
    });
    const countsBefore = await queue.getJobCounts('waiting');
    const other = await bootProcess();
    try {
      const [a, b, c] = await Promise.all([outbox.relay(), other.get(OutboxService).relay(), outbox.relay()]);
      expect(a + b + c).toBe(keys.length);
    } finally {
      await other.close();
    }
    const ids = keys.map((k) => `${JobName.AUDIT_VERIFY}_${k}`);
    const rows = await ds.query(`SELECT attempts, sent_at FROM outbox WHERE job_id IN (${ids.map(() => '?').join(',')})`, ids);
    expect(rows).toHaveLength(keys.length);
    for (const r of rows) {
      expect(Number(r.attempts)).toBe(1);
      expect(r.sent_at).toBeInstanceOf(Date);
    }
    expect((await queue.getJobCounts('waiting')).waiting - countsBefore.waiting).toBe(keys.length);
    for (const id of ids) expect(await queue.getJob(id)).toBeDefined();
  });

  it('keeps one row when the same job is added twice', async () => {
    const k = key('twice');
    await addCommitted(k);
    await addCommitted(k);
    expect(await countRows(ds, 'outbox', 'job_id = ?', [`${JobName.AUDIT_VERIFY}_${k}`])).toBe(1);
  });

  it('leaves no outbox row and no job when the transaction rolls back', async () => {
    const k = key('rollback');
    const jobId = `${JobName.AUDIT_VERIFY}_${k}`;
    const before = await countRows(ds, 'outbox');
    await expect(
      ds.transaction(async (em) => {
        await outbox.add(em, JobName.AUDIT_VERIFY, { requestedBy: null }, { key: k });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await countRows(ds, 'outbox')).toBe(before);
    await outbox.relay();
    expect(await queue.getJob(jobId)).toBeUndefined();
  });

  it('turns a future runAt into a delayed job', async () => {
    const k = key('later');
    const jobId = `${JobName.AUDIT_VERIFY}_${k}`;
    const runAt = new Date(Date.now() + 3600_000);
    await addCommitted(k, runAt);
    expect((await outboxRow(jobId)).run_at.getTime()).toBe(runAt.getTime());
    await outbox.relay();
    const job = (await queue.getJob(jobId)) as Job;
    expect(await job.getState()).toBe('delayed');
    expect(job.timestamp + (job.opts.delay ?? 0)).toBeGreaterThan(runAt.getTime() - 5000);
    expect(job.timestamp + (job.opts.delay ?? 0)).toBeLessThanOrEqual(runAt.getTime() + 1000);
  });

  it('runs a past runAt at once', async () => {
    const k = key('overdue');
    await addCommitted(k, new Date(Date.now() - 60_000));
    await outbox.relay();
    expect(await (await queue.getJob(`${JobName.AUDIT_VERIFY}_${k}`))!.getState()).toBe('waiting');
  });

  it('gives up within its timeout when Redis does not answer, keeps the row pending and releases it', async () => {
    const k = key('redis-down');
    const jobId = `${JobName.AUDIT_VERIFY}_${k}`;
    await addCommitted(k);
    // A Redis that never answers (a network partition): the enqueue neither succeeds nor fails.
    let asked = 0;
    const hung = { addBulk: () => (asked++, new Promise<never>(() => undefined)) };
    const cut = new OutboxService(ds, { get: () => hung } as unknown as ModuleRef, new SystemClock());
    const started = Date.now();
    await expect(cut.relay(500, 300)).rejects.toThrow(/timed out after 300 ms/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(asked).toBe(1);
    expect((await outboxRow(jobId)).sent_at).toBeNull(); // nothing lost
    expect(await outbox.relay()).toBeGreaterThanOrEqual(1); // and not left locked: a healthy relay sends it
    expect(await queue.getJob(jobId)).toBeDefined();
  });

  it('refuses a key BullMQ cannot use as a job id, writing nothing', async () => {
    const before = await countRows(ds, 'outbox');
    await expect(addCommitted('bad:key')).rejects.toThrow(/may not contain ':'/);
    expect(await countRows(ds, 'outbox')).toBe(before);
  });
});

import { randomUUID } from 'node:crypto';
import { LoggerService } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AppConfig, CoreModule, loadConfig } from '@naskah/core';
import { DatabaseModule } from '@naskah/db';
import { JobName, OutboxPurgeJob, OutboxService, QueueModule } from '@naskah/queue';
import { countRows } from '@naskah/testing';

const silent: LoggerService = { log() {}, error() {}, warn() {}, debug() {}, verbose() {} };

/** The outbox purge against the real MariaDB: only relayed rows past the retention go, in bounded batches, without blocking writers. */
describe('outbox purge (real MariaDB)', () => {
  let m: TestingModule;
  let ds: DataSource;
  let outbox: OutboxService;
  const tag = `purge-${randomUUID()}`;
  const mine = `job_id LIKE '${JobName.AUDIT_VERIFY}_${tag}%'`;

  /** `n` rows of this suite: sent `sentDaysAgo` days ago (null: never sent), created 30 days ago. */
  const insert = async (label: string, n: number, sentDaysAgo: number | null) => {
    for (let i = 0; i < n; i += 1000) {
      const rows = Array.from({ length: Math.min(1000, n - i) }, (_, j) => `${JobName.AUDIT_VERIFY}_${tag}-${label}-${i + j}`);
      await ds.query(
        `INSERT INTO outbox (queue, job_name, job_id, payload, created_at, sent_at, attempts)
         VALUES ${rows.map(() => `('maintenance', ?, ?, '{}', CURRENT_TIMESTAMP(3) - INTERVAL 30 DAY, ${sentDaysAgo === null ? 'NULL' : 'CURRENT_TIMESTAMP(3) - INTERVAL ? SECOND'}, 1)`).join(', ')}`,
        rows.flatMap((id) => [JobName.AUDIT_VERIFY, id, ...(sentDaysAgo === null ? [] : [Math.round(sentDaysAgo * 86400)])]),
      );
    }
  };
  const left = async (label: string) => countRows(ds, 'outbox', `${mine} AND job_id LIKE ?`, [`%-${label}-%`]);

  beforeAll(async () => {
    m = await Test.createTestingModule({ imports: [CoreModule, DatabaseModule, QueueModule], providers: [OutboxPurgeJob] }).setLogger(silent).compile();
    await m.init();
    ds = m.get(DataSource);
    outbox = m.get(OutboxService);
    // rows other suites relayed long ago would be counted as ours: there are none (the test database is new each run), but be sure
    await outbox.purgeSent(7);
  });
  afterAll(async () => {
    await ds.query(`DELETE FROM outbox WHERE ${mine}`);
    await m.close();
  });

  it('deletes relayed rows older than the retention, batch by batch, and nothing else', async () => {
    await insert('old', 2500, 8);
    await insert('recent', 20, 6.9);
    await insert('unsent', 30, null);
    const purged = await outbox.purgeSent(7, 1000);
    expect(purged).toEqual({ deleted: 2500, batches: 3 });
    expect(await left('old')).toBe(0);
    expect(await left('recent')).toBe(20);
    expect(await left('unsent')).toBe(30);
    expect(await outbox.purgeSent(7, 1000)).toEqual({ deleted: 0, batches: 1 });
    expect(await outbox.purgeSent(1, 1000)).toEqual({ deleted: 20, batches: 1 });
    expect(await left('unsent')).toBe(30);
    await ds.query(`DELETE FROM outbox WHERE ${mine}`);
  });

  it('stops after maxBatches so one run never holds the worker for long (the next run goes on)', async () => {
    await insert('backlog', 250, 10);
    expect(await outbox.purgeSent(7, 100, 2)).toEqual({ deleted: 200, batches: 2 });
    expect(await left('backlog')).toBe(50);
    expect(await outbox.purgeSent(7, 100, 2)).toEqual({ deleted: 50, batches: 1 });
  });

  it('does not block a transaction writing new jobs, nor the relay, while a batch is uncommitted', async () => {
    await insert('locked', 50, 9);
    const purge = ds.createQueryRunner();
    await purge.connect();
    await purge.startTransaction('READ COMMITTED'); // as purgeSent does: under REPEATABLE READ the range's next-key locks make new rows wait (this test then fails)
    try {
      expect(await outbox.purgeBatch(purge.manager, 7, 1000)).toBe(50);
      const key = `${tag}-while-purging`;
      const writer = ds.transaction(async (em) => {
        await em.query('SET SESSION innodb_lock_wait_timeout = 2');
        return outbox.add(em, JobName.AUDIT_VERIFY, { requestedBy: null }, { key });
      });
      await expect(writer).resolves.toBe(`${JobName.AUDIT_VERIFY}_${key}`);
      const claimed = await ds.transaction('READ COMMITTED', (em) =>
        em.query('SELECT id FROM outbox WHERE sent_at IS NULL AND job_id = ? ORDER BY id LIMIT 10 FOR UPDATE SKIP LOCKED', [`${JobName.AUDIT_VERIFY}_${key}`]),
      );
      expect(claimed).toHaveLength(1);
    } finally {
      await purge.commitTransaction();
      await purge.release();
    }
    expect(await left('locked')).toBe(0);
  });

  it('runs as the worker job with the configured retention (OUTBOX_RETENTION_DAYS)', async () => {
    await insert('job', 10, 3);
    const config = m.get(AppConfig);
    const before = config.OUTBOX_RETENTION_DAYS;
    try {
      config.OUTBOX_RETENTION_DAYS = 2;
      await expect(m.get(OutboxPurgeJob).run()).resolves.toMatchObject({ deleted: 10, retentionDays: 2 });
    } finally {
      config.OUTBOX_RETENTION_DAYS = before;
    }
    expect(before).toBe(7);
    expect(() => loadConfig({ OUTBOX_RETENTION_DAYS: '0' })).toThrow(/OUTBOX_RETENTION_DAYS=/);
  });
});

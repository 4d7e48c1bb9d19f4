import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { ApiClient, ManagedProcess, printFigures, ReliabilityEnv, verifyAuditChain, waitFor, withLogs } from '../../libs/testing/src/processes';
import { insertSignedLetterFixture } from '../../libs/testing/src/letters-fixture';
import { positionsOf } from './flows';
import { deliveryReport, unsentOutbox, violations } from './invariants';

/**
 * Reliability 7 (issue 16 item 1): one worker whose WORKER_CONCURRENCY equals its
 * DATABASE_POOL_SIZE, started against a backlog of several hundred jobs of every kind built while
 * no worker ran, must drain it: every delivery made, every job completed, none failed, no
 * connection left idle inside a transaction. A job that holds a connection inside a transaction
 * while it waits for a second one deadlocks such a worker for good (all connections held, every
 * holder waiting) — silently, since the pool waits for ever.
 */
const POOL = 6;
const LETTERS = 120; // dispatch-letter (then notify-positions for each)
const CIRCULARS = 2; // dispatch-letter of 552 deliveries each
const UNRENDERED = 80; // render-letter
const DISPOSED = 6; // each disposed to two positions: disposition-notify + reminder BEFORE/DUE + escalation
const NOTICES = 40; // notify-positions straight from the outbox
const HOLDS = 2; // records-apply-hold
const OFFICES = 552;
const QUEUES = ['dispatch', 'documents', 'maintenance', 'disposition', 'notifications', 'records'];

describe('reliability: a worker whose concurrency equals its database pool drains a backlog of every kind of job', () => {
  let env: ReliabilityEnv | undefined;
  let api: ApiClient;
  let ds: DataSource;
  let drainWorker: ManagedProcess;
  const figures: Record<string, string | number> = {};
  const logs = () => env;
  const letterIds: string[] = [];
  const unrenderedIds: string[] = [];
  let dispositionCount = 0;
  const queues = () => QUEUES.map((name) => new Queue(name, { connection: { host: '127.0.0.1', port: env!.redis.port, maxRetriesPerRequest: null }, prefix: env!.queuePrefix }));
  const outboxRow = (queue: string, job: string, key: string, payload: object) =>
    ds.query('INSERT INTO outbox (queue, job_name, job_id, payload) VALUES (?, ?, ?, ?)', [queue, job, `${job}_${key}`, JSON.stringify(payload)]);
  /** Connections of the worker's database user that sit idle (Sleep) inside an open transaction. */
  const idleInTransaction = async () =>
    Number((await ds.query("SELECT COUNT(*) AS n FROM information_schema.INNODB_TRX t JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id WHERE p.COMMAND = 'Sleep'"))[0].n);

  beforeAll(async () => {
    env = await ReliabilityEnv.create('worker-pool-drain');
    const a = await env.api('api');
    api = a.client;
    await env.startAll(a.proc, env.worker('setup-worker'));
    ds = await env.dataSource();
  }, 240_000);

  afterAll(() => env?.shutdown(), 120_000);

  it(`builds a backlog of every kind of job while no worker runs`, withLogs(logs, async () => {
    // Dispositions need delivered letters: the set-up worker delivers them, then stops; their delayed reminder jobs are promoted below.
    const p52 = await positionsOf(ds, '52');
    const drafter5204 = await api.login('kasubbag.umum.5204');
    const ids: string[] = [];
    for (let i = 0; i < DISPOSED; i++) ids.push((await insertSignedLetterFixture(ds, { office: '5204', subject: `Laporan untuk didisposisikan ${i}`, to: [{ office: '52', position: 'KETUA' }] })).letterId);
    for (const id of ids) expect((await api.request('POST', `/api/letters/${id}/send`, { token: drafter5204 })).status).toBe(201);
    const atKetua = `SELECT id FROM deliveries WHERE position_id = ? AND letter_id IN (${ids.map(() => '?').join(',')})`;
    await waitFor('the letters at the Ketua of KPU Provinsi NTB', async () => (await ds.query(atKetua, [p52.KETUA, ...ids])).length === DISPOSED, { timeoutMs: 30_000 });
    const ketua52 = await api.login('ketua.52');
    for (const d of await ds.query(atKetua, [p52.KETUA, ...ids])) {
      const res = await api.request('POST', '/api/dispositions', {
        token: ketua52, body: { deliveryId: String(d.id), recipientPositionIds: [p52.SEKRETARIS, p52['KABAG-KUL']], instructionCodes: ['TINDAK_LANJUTI'], workingDays: 3 },
      });
      expect(res.status).toBe(201);
      dispositionCount += res.body.length;
    }
    await waitFor('the disposition jobs relayed', async () => (await unsentOutbox(ds)) === 0, { timeoutMs: 30_000 });
    await env!.apps.find((p) => p.name === 'setup-worker')!.stop();
    // the set-up worker may have announced some dispositions already: forget those notices, so the drain announces them all
    await ds.query("DELETE FROM notifications WHERE type = 'DISPOSITION_NEW'");

    const qs = queues();
    try {
      const disposition = qs[QUEUES.indexOf('disposition')];
      await disposition.obliterate({ force: true });
      // every disposition job again, now due: notify ISSUED, reminders BEFORE and DUE, escalation
      const rows: { id: string; deadline_version: number }[] = await ds.query('SELECT id, deadline_version FROM dispositions');
      for (const r of rows) {
        const v = Number(r.deadline_version);
        await outboxRow('disposition', 'disposition-notify', `drain-${r.id}`, { event: 'ISSUED', id: String(r.id) });
        await outboxRow('disposition', 'disposition-reminder', `drain-${r.id}-before`, { dispositionId: String(r.id), kind: 'BEFORE', deadlineVersion: v });
        await outboxRow('disposition', 'disposition-reminder', `drain-${r.id}-due`, { dispositionId: String(r.id), kind: 'DUE', deadlineVersion: v });
        await outboxRow('disposition', 'disposition-escalation', `drain-${r.id}`, { dispositionId: String(r.id), deadlineVersion: v });
      }

      // letters sent through the API (dispatch jobs, relayed to the queue by the API at once) and two circulars
      const sekjen = await positionsOf(ds, 'RI');
      for (let i = 0; i < LETTERS; i++) {
        letterIds.push((await insertSignedLetterFixture(ds, { office: '5204', subject: `Laporan antre ${i}`, to: [{ office: '52', position: 'SEKRETARIS' }, { office: '5271' }], cc: [{ office: 'RI', position: 'SEKJEN' }] })).letterId);
      }
      const circulars: string[] = [];
      for (let i = 0; i < CIRCULARS; i++) circulars.push((await insertSignedLetterFixture(ds, { office: 'RI', typeCode: 'SE', subject: `Surat edaran antre ${i}`, toAllOtherOffices: true })).letterId);
      const staffRi = await api.login('staf.umum.ri');
      for (let i = 0; i < letterIds.length; i += 12) {
        const answers = await Promise.all(letterIds.slice(i, i + 12).map((id) => api.request('POST', `/api/letters/${id}/send`, { token: drafter5204 })));
        expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
      }
      for (const id of circulars) expect((await api.request('POST', `/api/letters/${id}/send`, { token: staffRi })).status).toBe(201);
      letterIds.push(...circulars);

      // signed letters waiting for their PDF (the signing service writes this job; here the outbox row is written directly)
      for (let i = 0; i < UNRENDERED; i++) {
        const { letterId } = await insertSignedLetterFixture(ds, { office: i % 2 ? '5204' : '52', subject: `Naskah belum dirender ${i}`, rendered: false, to: [{ office: 'RI', position: 'SEKJEN' }, { external: 'Bawaslu' }] });
        unrenderedIds.push(letterId);
        await outboxRow('documents', 'render-letter', letterId, { letterId });
      }
      // notifications, maintenance and records jobs
      for (let i = 0; i < NOTICES; i++) {
        await outboxRow('notifications', 'notify-positions', `drain-${i}`, { positionIds: [sekjen.SEKJEN, p52.KETUA, p52.SEKRETARIS], type: 'DRAFT_RETURNED', ref: { title: `Antrean ${i}` }, key: `drain-${i}` });
      }
      await outboxRow('maintenance', 'audit-verify', 'drain', { requestedBy: null });
      await outboxRow('maintenance', 'audit-checkpoint', 'drain', { reason: 'MANUAL' });
      await outboxRow('maintenance', 'outbox-purge', 'drain', {});
      await outboxRow('maintenance', 'storage-orphans', 'drain', {});
      await outboxRow('records', 'records-sweep', 'drain', { runId: null, requestedBy: null });
      for (let i = 0; i < HOLDS; i++) {
        const hold = await api.request('POST', '/api/records/holds', { token: await api.login('arsiparis.5271'), body: { caseName: `Pemeriksaan ${i}`, reason: 'Permintaan auditor', scope: { classificationCode: 'PY' } } });
        expect(hold.status).toBe(201);
      }

      const waiting = await Promise.all(qs.map((q) => q.getJobCounts('waiting', 'prioritized')));
      const [{ n: pending }] = await ds.query('SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL');
      const backlog = waiting.reduce((s, c) => s + c.waiting + c.prioritized, 0) + Number(pending);
      figures['backlog (jobs waiting in queues / in the outbox)'] = `${backlog - Number(pending)} / ${pending}`;
      figures['backlog by queue'] = QUEUES.map((q, i) => `${q} ${waiting[i].waiting + waiting[i].prioritized}`).join(', ');
      expect(backlog).toBeGreaterThanOrEqual(LETTERS + CIRCULARS + UNRENDERED + NOTICES + 4 * dispositionCount);
    } finally {
      await Promise.all(qs.map((q) => q.close()));
    }
  }), 120_000);

  it(`drains it with one worker of DATABASE_POOL_SIZE = WORKER_CONCURRENCY = ${POOL}`, withLogs(logs, async () => {
    drainWorker = env!.worker('drain-worker', { DATABASE_POOL_SIZE: String(POOL), WORKER_CONCURRENCY: String(POOL), LOG_LEVEL: 'info' });
    await env!.startAll(drainWorker);
    const qs = queues();
    try {
      const leftOver = async () => {
        const counts = await Promise.all(qs.map((q) => q.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children')));
        // delayed jobs other than the schedulers' next runs (repeat:…): retries waiting for their backoff
        const delayed = (await Promise.all(qs.map((q) => q.getDelayed(0, -1)))).map((list) => list.filter((j) => !String(j.id).startsWith('repeat:')).length);
        return counts.map((c, i) => Object.values(c).reduce((s, n) => s + n, 0) + delayed[i]);
      };
      const t0 = Date.now();
      let last: number[] = [];
      await waitFor('the worker to drain the backlog', async () => {
        last = await leftOver();
        if (last.some((n) => n > 0) || (await unsentOutbox(ds)) > 0) return false;
        const [t] = await ds.query('SELECT SUM(dispatched_at IS NULL) AS pending FROM transmissions');
        const [r] = await ds.query(`SELECT COUNT(*) AS n FROM letters WHERE document_sha256 IS NULL AND id IN (${unrenderedIds.map(() => '?').join(',')})`, unrenderedIds);
        return Number(t.pending) === 0 && Number(r.n) === 0;
      }, {
        timeoutMs: 60_000,
        everyMs: 250,
        explain: () => `jobs left by queue: ${QUEUES.map((q, i) => `${q} ${last[i] ?? '?'}`).join(', ')}`,
      }).catch(async (err: Error) => {
        err.message += `; connections idle inside a transaction: ${await idleInTransaction()} (pool ${POOL})`;
        throw err;
      });
      figures['drained in (ms)'] = Date.now() - t0;

      const failed = (await Promise.all(qs.map((q) => q.getFailed(0, -1)))).flat().map((j) => `${j.name} ${j.id}: ${j.failedReason}`);
      const completed = await Promise.all(qs.map((q) => q.getCompletedCount()));
      const deliveries = await deliveryReport(ds);
      const [notices] = await ds.query(
        `SELECT SUM(type = 'LETTER_RECEIVED') AS received, SUM(type = 'DRAFT_RETURNED') AS queued,
                SUM(type = 'DISPOSITION_NEW') AS issued, SUM(type IN ('DISPOSITION_REMINDER', 'DISPOSITION_DUE')) AS reminded, SUM(type = 'DISPOSITION_OVERDUE') AS overdue
           FROM notifications`,
      );
      const [holds] = await ds.query("SELECT COUNT(*) AS n, SUM(status = 'IN_FORCE') AS in_force FROM records_holds");
      const [sweeps] = await ds.query('SELECT COUNT(*) AS n, SUM(finished_at IS NOT NULL) AS finished FROM records_sweep_runs');
      const idle = await idleInTransaction();
      const secondConnection = drainWorker.output.split('\n').filter((l) => l.includes('SECOND_DB_CONNECTION'));
      printFigures(`7. one worker, DATABASE_POOL_SIZE = WORKER_CONCURRENCY = ${POOL}, against a backlog`, {
        ...figures,
        'jobs completed by queue': QUEUES.map((q, i) => `${q} ${completed[i]}`).join(', '),
        'jobs failed': failed.length,
        'transmissions / deliveries / missing': `${deliveries.transmissions} / ${deliveries.deliveries} / ${deliveries.missing}`,
        'letters rendered': `${UNRENDERED}`,
        'notifications (received / queued / disposition new / reminders / overdue)': `${notices.received} / ${notices.queued} / ${notices.issued} / ${notices.reminded} / ${notices.overdue}`,
        'holds in force / sweeps finished': `${holds.in_force}/${holds.n} / ${sweeps.finished}/${sweeps.n}`,
        'connections idle inside a transaction': idle,
        'second connection taken inside a job (log lines)': secondConnection.length,
      });
      expect(failed).toEqual([]);
      expect(violations(deliveries)).toBe(0);
      expect(deliveries.transmissions).toBe(DISPOSED + LETTERS + CIRCULARS);
      expect(deliveries.deliveries).toBeGreaterThanOrEqual(CIRCULARS * OFFICES + LETTERS * 2);
      expect(Number(notices.issued)).toBe(dispositionCount);
      expect(Number(notices.reminded)).toBe(2 * dispositionCount);
      expect(Number(notices.overdue)).toBe(dispositionCount);
      expect(Number(notices.queued)).toBeGreaterThan(0);
      expect(Number(notices.received)).toBeGreaterThan(0);
      expect([Number(holds.in_force), Number(sweeps.finished)]).toEqual([HOLDS, Number(sweeps.n)]);
      expect(Number(sweeps.n)).toBeGreaterThan(0);
      expect(idle).toBe(0);
      expect(secondConnection).toEqual([]);
    } finally {
      await Promise.all(qs.map((q) => q.close()));
    }
  }), 90_000);

  it('keeps an intact audit chain', withLogs(logs, async () => {
    const audit = await verifyAuditChain(ds);
    expect(audit.problems).toEqual([]);
  }));
});

import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { ApiClient, execFileP, HttpResult, ManagedProcess, printFigures, ReliabilityEnv, verifyAuditChain, waitFor, withLogs } from '../../libs/testing/src/processes';
import { insertSignedLetterFixture } from '../../libs/testing/src/letters-fixture';
import { draftBody, positionsOf } from './flows';
import { deliveryReport, letterReport, unsentOutbox, violations } from './invariants';

/**
 * Reliability: two API and two worker processes on one MariaDB and one Redis, under a steady load
 * of sends, inbox reads and dispositions spread round-robin over both APIs. A circular from KPU RI
 * to all 552 offices is sent mid-way; while its dispatch transaction is open, the worker running it
 * and one API are SIGKILLed. The client behaves like a load balancer: a request that gets no answer
 * marks that API down and is retried once on the other. Then the killed worker is restarted alone
 * (the other stopped) to show it picks up work, and the audit chain is verified.
 */
const CLIENTS = 4;
const OFFICES = 552;
const LOAD_AFTER_COMPLETE_MS = 3000;
const LOCK_MS = 10_000;
const STALLED_MS = 5_000;

interface Call { api: number; what: string; startedAt: number; res: HttpResult }

describe('reliability: one API and one worker of two SIGKILLed mid-circular', () => {
  let env: ReliabilityEnv | undefined;
  let apis: ApiClient[];
  let apiProcs: ManagedProcess[];
  let workers: ManagedProcess[];
  let ds: DataSource;
  const calls: Call[] = [];
  const down = new Set<number>();
  const acked = { sent: new Map<string, number>(), disposed: new Set<string>() };
  const figures: Record<string, string | number> = {};
  let circularId = '';
  let killedAt = 0;
  let killedWorker = -1;
  const logs = () => env;

  beforeAll(async () => {
    // Stall recovery shortened from BullMQ's 30 s / 30 s (WORKER_LOCK_DURATION_MS, WORKER_STALLED_INTERVAL_MS): the job of
    // the SIGKILLed worker is handed on once its lock has expired and a stalled check has seen it twice.
    env = await ReliabilityEnv.create('cluster-kill', { appEnv: { WORKER_LOCK_DURATION_MS: String(LOCK_MS), WORKER_STALLED_INTERVAL_MS: String(STALLED_MS) } });
    const [a1, a2] = [await env.api('api-1'), await env.api('api-2')];
    apis = [a1.client, a2.client];
    apiProcs = [a1.proc, a2.proc];
    workers = [env.worker('worker-1'), env.worker('worker-2')];
    await env.startAll(a1.proc, a2.proc, ...workers);
    ds = await env.dataSource();
  }, 240_000);

  afterAll(() => env?.shutdown(), 120_000);

  let sentAt = 0;
  let caughtAt = 0;
  const timeline: string[] = [];
  /** Every 500 ms until stopped: where the circular's dispatch job is (outbox, BullMQ, every queue's counts, InnoDB). */
  function sampleTimeline(txId: string): { stop: () => Promise<void> } {
    let stopped = false;
    const connection = { host: '127.0.0.1', port: env!.redis.port, maxRetriesPerRequest: null };
    const qs = ['dispatch', 'documents', 'notifications', 'disposition', 'maintenance', 'records'].map((n) => new Queue(n, { connection, prefix: env!.queuePrefix }));
    const jobId = `dispatch-letter_${txId}`;
    const run = (async () => {
      while (!stopped) {
        const t = Date.now() - sentAt;
        try {
          const [o] = await ds.query('SELECT created_at, sent_at, attempts FROM outbox WHERE job_id = ?', [jobId]);
          const job = await qs[0].getJob(jobId);
          const state = job ? await job.getState() : 'none';
          const counts = await Promise.all(qs.map(async (q) => `${q.name}:${Object.values(await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized')).join('/')}`));
          const [trx] = await ds.query("SELECT COUNT(*) AS n, SUM(trx_state = 'LOCK WAIT') AS w FROM information_schema.innodb_trx");
          const [pend] = await ds.query('SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL');
          timeline.push(`+${t} ms outbox ${o ? `created ${new Date(o.created_at).toISOString().slice(11, 23)} sent ${o.sent_at ? new Date(o.sent_at).toISOString().slice(11, 23) : '-'}` : 'none'}; job ${state}` +
            `${job ? ` added ${new Date(job.timestamp).toISOString().slice(11, 23)} processedOn ${job.processedOn ? new Date(job.processedOn).toISOString().slice(11, 23) : '-'} attempts ${job.attemptsMade} ${job.failedReason ?? ''}` : ''}` +
            `; queues w/a/d/p ${counts.join(' ')}; outbox pending ${pend.n}; trx ${trx.n} (lock wait ${trx.w ?? 0})`);
        } catch (err) {
          timeline.push(`+${t} ms sample failed: ${(err as Error).message}`);
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    })();
    return { stop: async () => { stopped = true; await run; await Promise.all(qs.map((q) => q.close())); } };
  }

  let rr = 0;
  /**
   * One request, as a load balancer would route it: round-robin over the APIs not marked down; no
   * answer at all (connection refused or reset) marks that API down and the request goes once to the other.
   */
  async function call(what: string, method: string, path: string, opts: { token: string; body?: unknown }): Promise<HttpResult> {
    const live = [0, 1].filter((i) => !down.has(i));
    let api = live[rr++ % live.length];
    const startedAt = Date.now();
    let res = await apis[api].request(method, path, { ...opts, timeoutMs: 20_000 });
    calls.push({ api, what, startedAt, res });
    if (res.status === 0) {
      down.add(api);
      api = 1 - api;
      res = await apis[api].request(method, path, { ...opts, timeoutMs: 20_000 });
      calls.push({ api, what: `${what} (retry)`, startedAt: Date.now(), res });
    }
    return res;
  }

  it('completes a 552-office circular and loses nothing when one API and the worker dispatching it are SIGKILLed under load', withLogs(logs, async () => {
    const login = async (u: string) => apis[0].login(u);
    const [drafter, signer, ketua52, ri] = await Promise.all(['kasubbag.umum.5204', 'ketua.5204', 'ketua.52', 'staf.umum.ri'].map(login));
    const p5204 = await positionsOf(ds, '5204');
    const p52 = await positionsOf(ds, '52');
    circularId = (await insertSignedLetterFixture(ds, { office: 'RI', typeCode: 'SE', subject: 'Surat edaran jadwal tahapan pemungutan suara', toAllOtherOffices: true })).letterId;
    let stop = false;
    let circularSent = false;

    /** A letter from KPU Kabupaten Sumbawa to the Ketua of KPU Provinsi NTB: create, submit, sign, send. */
    const sendFlow = async (n: number, i: number) => {
      const body = draftBody(p5204.KETUA, [{ kind: 'TO', positionId: p52.KETUA }], { subject: `Laporan pelaksanaan tahapan klien ${n} nomor ${i}` });
      const created = await call('create', 'POST', '/api/letters', { token: drafter, body });
      if (created.status !== 201) return;
      const id = String(created.body.id);
      if ((await call('submit', 'POST', `/api/letters/${id}/submit`, { token: drafter })).status !== 201) return;
      const signed = await call('sign', 'POST', `/api/letters/${id}/sign`, { token: signer, body: { password: 'Naskah#2026' } });
      if (signed.status !== 201 && signed.body?.code !== 'ALREADY_SIGNED') return;
      const sent = await call('send', 'POST', `/api/letters/${id}/send`, { token: drafter });
      if (sent.status === 201 || sent.body?.code === 'LETTER_ALREADY_SENT') acked.sent.set(id, Date.now());
    };
    /** The Ketua of KPU Provinsi NTB reads the inbox and disposes the newest letter not disposed yet to the Sekretaris. */
    const readAndDispose = async () => {
      const inbox = await call('inbox', 'GET', '/api/inbox?pageSize=20', { token: ketua52 });
      if (inbox.status !== 200) return;
      const item = (inbox.body.items as { id: string; letterId: string; positionId: number }[]).find((d) => d.positionId === p52.KETUA && d.letterId !== circularId && !acked.disposed.has(d.id));
      if (!item) return;
      acked.disposed.add(item.id); // claimed by this client; the answer is checked below
      const res = await call('dispose', 'POST', '/api/dispositions', {
        token: ketua52, body: { deliveryId: item.id, recipientPositionIds: [p52.SEKRETARIS], instructionCodes: ['TINDAK_LANJUTI'], workingDays: 3 },
      });
      if (res.status !== 201 && !(res.status === 409)) acked.disposed.delete(item.id);
    };
    const vu = async (n: number) => {
      for (let i = 0; !stop; i++) {
        await sendFlow(n, i);
        await readAndDispose();
      }
    };

    const load = Promise.all(Array.from({ length: CLIENTS }, (_, n) => vu(n)));
    let circularDoneAt = 0;
    const fault = (async () => {
      try {
        // A fresh installation's first signature makes the local CA and the signer's certificate (two RSA-3072 key
        // pairs) before the first PDF: under a loaded CI machine that alone took 40-50 s here, and no letter can be
        // sent before its PDF exists. The load is warmed up first; the clock of the fault starts after.
        figures['load warm-up: first 20 letters sent after (ms)'] = await waitFor('the load to send its first letters', () => acked.sent.size >= 20, { timeoutMs: 150_000, everyMs: 20 });
        // The circular's dispatch is one transaction: it locks the transmission, raises one agenda counter per office
        // (in key order), inserts 552 deliveries and commits, in about 100 ms. To kill its worker inside it every time,
        // the test holds the row lock of the last counter in that order (a plain upsert, rolled back) so the transaction
        // waits there with 551 counters locked; the worker is found by its connection (innodb_trx → processlist → ss).
        const year = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Jakarta', year: 'numeric' }).format(new Date());
        const keys = (await ds.query("SELECT id FROM offices WHERE code NOT IN ('RI', '52')")).map((o: { id: number }) => `agenda|office=${o.id}|year=${year}`).sort();
        const holder = ds.createQueryRunner();
        await holder.connect();
        await holder.startTransaction();
        await holder.query('INSERT INTO number_counters (scope_key, value) VALUES (?, 0) ON DUPLICATE KEY UPDATE value = value', [keys[keys.length - 1]]);
        const workerPidByPort = async () => {
          const { stdout } = await execFileP('ss', ['-tnpH', 'state', 'established', `( dport = :${env!.mariadb.port} )`]);
          const byPort = new Map<number, number>();
          for (const line of stdout.split('\n')) {
            const m = /127\.0\.0\.1:(\d+)\s+127\.0\.0\.1:\d+\s+users:\(\("[^"]*",pid=(\d+)/.exec(line);
            if (m) byPort.set(Number(m[1]), Number(m[2]));
          }
          return byPort;
        };
        let owner = -1;
        let trxState = '';
        let txId = '';
        try {
          const sent = await call('send circular', 'POST', `/api/letters/${circularId}/send`, { token: ri });
          expect([sent.status, sent.body?.targetCount]).toEqual([201, OFFICES]);
          circularSent = true;
          [{ id: txId }] = await ds.query("SELECT id FROM transmissions WHERE letter_id = ? AND kind = 'SEND'", [circularId]);
          const workerIndex = new Map(workers.map((w, i) => [w.pid, i]));
          sentAt = Date.now();
          const sampling = sampleTimeline(txId);
          let seen = '';
          await waitFor('the circular dispatch transaction to wait, 551 counters locked, on a worker connection', async () => {
            // The statement, not innodb_trx.trx_state: a transaction waiting on the held row was reported RUNNING, not
            // LOCK WAIT, by this MariaDB (10.11) in some runs — the test then never saw the wait, gave up after 60 s, and
            // released the row: the circular was dispatched at once. That was the unexplained "did not start" (issue 15).
            // Only the circular's upsert carries hundreds of counters; it cannot finish while the last one is held.
            const trx: { host: string; len: string; state: string | null; modified: string | null }[] = await ds.query(
              `SELECT p.HOST AS host, LENGTH(p.INFO) AS len, p.TIME AS time, t.trx_state AS state, t.trx_rows_modified AS modified
                 FROM information_schema.processlist p LEFT JOIN information_schema.innodb_trx t ON t.trx_mysql_thread_id = p.ID
                WHERE p.COMMAND = 'Query' AND p.INFO LIKE 'INSERT INTO number_counters%' ORDER BY LENGTH(p.INFO) DESC`,
            );
            if (!trx.length) {
              const all = await ds.query('SELECT trx_state, trx_rows_modified, trx_query FROM information_schema.innodb_trx');
              const [t] = await ds.query('SELECT dispatched_at FROM transmissions WHERE id = ?', [txId]);
              const [o] = await ds.query("SELECT sent_at, attempts FROM outbox WHERE job_id = CONCAT('dispatch-letter_', ?)", [txId]).catch(() => [null]);
              const dq = new Queue('dispatch', { connection: { host: '127.0.0.1', port: env!.redis.port, maxRetriesPerRequest: null }, prefix: env!.queuePrefix });
              const job = await Promise.all([dq.getJobState(`dispatch-letter_${txId}`), dq.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed')]).finally(() => dq.close());
              seen = `no lock wait; transmission ${JSON.stringify(t)}, outbox ${JSON.stringify(o)}, dispatch job ${JSON.stringify(job)}, transactions ${JSON.stringify(all).slice(0, 1500)}`;
              return false;
            }
            const byPort = await workerPidByPort();
            seen = `${JSON.stringify(trx)} ports ${JSON.stringify([...byPort])} workers ${JSON.stringify([...workerIndex])}`;
            // The circular's upsert lists ~551 counters (tens of kB); a letter's dispatch waiting behind it lists one.
            const mine = trx.find((t) => Number(t.len) > 10_000 && workerIndex.has(byPort.get(Number(t.host.split(':').pop()))));
            if (!mine) return false;
            owner = workerIndex.get(byPort.get(Number(mine.host.split(':').pop())))!;
            trxState = `${mine.state ?? 'no InnoDB transaction row'}${mine.modified !== null ? `, ${mine.modified} rows modified` : ''}`;
            return true;
          }, { timeoutMs: 60_000, everyMs: 20, explain: () => `last seen: ${seen}\ntimeline:\n${timeline.join('\n')}` }).finally(() => sampling.stop());
          caughtAt = Date.now();
          killedWorker = owner;
          await Promise.all([workers[killedWorker].kill('SIGKILL'), apiProcs[0].kill('SIGKILL')]);
          killedAt = Date.now();
        } finally {
          await holder.rollbackTransaction().catch(() => undefined);
          await holder.release();
        }
        const [after] = await ds.query('SELECT COUNT(*) AS n FROM deliveries WHERE transmission_id = ?', [txId]);
        figures['killed'] = `api-1 and worker-${killedWorker + 1}, the one whose connection held the circular's dispatch transaction open (its counter upsert waiting on the held row; innodb_trx said: ${trxState}); deliveries of the circular at the kill: ${after.n}`;
        expect(Number(after.n)).toBe(0);
        const tx = { id: txId };
        await waitFor('the circular to be dispatched to 552 offices', async () => {
          const [r] = await ds.query('SELECT COUNT(*) AS n FROM deliveries WHERE transmission_id = ?', [tx.id]);
          return Number(r.n) === OFFICES;
        }, { timeoutMs: 150_000, everyMs: 100 });
        circularDoneAt = Date.now();
        await new Promise((r) => setTimeout(r, LOAD_AFTER_COMPLETE_MS));
      } finally {
        stop = true;
      }
    })();
    await Promise.all([fault, load]);
    env!.recordPids();
    expect(circularSent).toBe(true);

    const failed = calls.filter((c) => c.res.status === 0 || c.res.status >= 500);
    const killedApi = 0;
    figures['requests'] = `${calls.length} (${calls.filter((c) => c.api === 0).length} to api-1, ${calls.filter((c) => c.api === 1).length} to api-2), ${calls.filter((c) => c.startedAt >= killedAt).length} after the kill`;
    figures['errors'] = `${failed.length}: ${failed.map((c) => `api-${c.api + 1} ${c.what} ${c.res.status || c.res.error}`).join(', ') || 'none'}`;
    figures['retried on the other API'] = calls.filter((c) => c.what.endsWith('(retry)')).length;
    figures['answers'] = Object.entries(calls.reduce<Record<string, number>>((m, c) => ({ ...m, [c.res.status || 'none']: (m[c.res.status || 'none'] ?? 0) + 1 }), {})).map(([s, n]) => `${s}×${n}`).join(' ');
    figures['refused (4xx), by request'] = Object.entries(calls.filter((c) => c.res.status >= 400 && c.res.status < 500).reduce<Record<string, number>>((m, c) => {
      const k = `${c.what} ${c.res.status} ${c.res.body?.code ?? ''}`.trim();
      return { ...m, [k]: (m[k] ?? 0) + 1 };
    }, {})).map(([k, n]) => `${k} ×${n}`).join(', ') || 'none';
    figures['time from circular sent to its dispatch transaction caught (ms)'] = caughtAt - sentAt;
    figures[`time from kill to circular complete (ms; WORKER_LOCK_DURATION_MS=${LOCK_MS}, WORKER_STALLED_INTERVAL_MS=${STALLED_MS})`] = circularDoneAt - killedAt;
    console.log(`[reliability] cluster: circular dispatch timeline\n${timeline.join('\n')}`);
    // Only requests to the killed API fail, and only those that were sent before the client knew it was down
    // (at most one per client); no 5xx anywhere; the surviving API answered every request.
    expect(failed.filter((c) => c.api !== killedApi || c.res.status !== 0)).toEqual([]);
    expect(failed.length).toBeLessThanOrEqual(CLIENTS);
    // the shortened stall recovery is in effect: lock (10 s) + two stalled checks (5 s) and the dispatch itself, well
    // under the 41-65 s measured with BullMQ's 30 s / 30 s
    expect(circularDoneAt - killedAt).toBeLessThan(30_000);
    expect(calls.filter((c) => c.api === 1 && c.startedAt >= killedAt).length).toBeGreaterThan(0);
  }), 420_000);

  it('delivers every acknowledged letter and the circular exactly once, with no duplicate notification or audit event; the outbox drains', withLogs(logs, async () => {
    const sentIds = [...acked.sent.keys()];
    await waitFor('the surviving worker to dispatch everything and the outbox to drain', async () => {
      const [t] = await ds.query('SELECT SUM(dispatched_at IS NULL) AS pending FROM transmissions');
      return Number(t.pending) === 0 && (await unsentOutbox(ds)) === 0;
    }, { timeoutMs: 120_000, everyMs: 200 });
    const all = await deliveryReport(ds);
    const acknowledged = await deliveryReport(ds, sentIds);
    const beforeKill = sentIds.filter((id) => acked.sent.get(id)! < killedAt);
    const [circular] = await ds.query('SELECT COUNT(*) AS n, COUNT(DISTINCT letter_id, office_id, position_id) AS uniq FROM deliveries WHERE letter_id = ?', [circularId]);
    const [lostBeforeKill] = beforeKill.length
      ? await ds.query(`SELECT COUNT(*) AS n FROM letters l WHERE l.id IN (${beforeKill.map(() => '?').join(',')}) AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.letter_id = l.id)`, beforeKill)
      : [{ n: 0 }];
    const letters = await letterReport(ds);
    const dupDeliveries = Number((await ds.query('SELECT COUNT(*) AS n FROM (SELECT letter_id, office_id, position_id FROM deliveries GROUP BY letter_id, office_id, position_id, transmission_id HAVING COUNT(*) > 1) x'))[0].n);
    const dupNotifications = Number((await ds.query('SELECT COUNT(*) AS n FROM (SELECT user_id FROM notifications GROUP BY user_id, type, payload HAVING COUNT(*) > 1) x'))[0].n);
    const dupAudit = Number((await ds.query(
      `SELECT COUNT(*) AS n FROM (SELECT entity_id FROM audit_events WHERE action IN ('LETTER_SIGNED', 'LETTER_SENT', 'LETTER_DELIVERED', 'DISPOSITION_ISSUED')
         GROUP BY action, entity_id, COALESCE(JSON_VALUE(after_state, '$.transmissionId'), ''), COALESCE(JSON_VALUE(after_state, '$.dispositionId'), '') HAVING COUNT(*) > 1) x`,
    ))[0].n);
    const [disp] = await ds.query('SELECT COUNT(*) AS n, COUNT(DISTINCT delivery_id, recipient_position_id) AS uniq FROM dispositions');
    const [received] = await ds.query(
      "SELECT COUNT(*) AS n, COUNT(DISTINCT user_id, JSON_VALUE(payload, '$.letterId')) AS uniq FROM notifications WHERE type = 'LETTER_RECEIVED' AND JSON_VALUE(payload, '$.letterId') = ?",
      [circularId],
    );
    printFigures('cluster: 2 APIs + 2 workers, one of each SIGKILLed mid-circular', {
      ...figures,
      'letters sent and acknowledged (before the kill)': `${sentIds.length} (${beforeKill.length})`,
      'circular deliveries / unique (letter, office, position)': `${circular.n} / ${circular.uniq}`,
      'deliveries checked (all transmissions)': `${all.deliveries} in ${all.transmissions} transmissions`,
      'items lost': all.missing + Number(lostBeforeKill.n),
      'duplicate deliveries / notifications / audit events': `${dupDeliveries} / ${dupNotifications} / ${dupAudit}`,
      'dispositions issued / unique': `${disp.n} / ${disp.uniq}`,
      'circular LETTER_RECEIVED notifications / unique users': `${received.n} / ${received.uniq}`,
      'unrelayed outbox rows': await unsentOutbox(ds),
    });
    expect([Number(circular.n), Number(circular.uniq)]).toEqual([OFFICES, OFFICES]);
    expect(acknowledged).toMatchObject({ undispatched: 0, missing: 0, extra: 0 });
    expect(Number(lostBeforeKill.n)).toBe(0);
    expect(violations(all)).toBe(0);
    expect(violations(letters)).toBe(0);
    expect([dupDeliveries, dupNotifications, dupAudit]).toEqual([0, 0, 0]);
    expect(Number(disp.n)).toBe(Number(disp.uniq));
    expect(Number(disp.n)).toBeGreaterThan(0);
    expect(Number(received.n)).toBe(Number(received.uniq));
  }), 180_000);

  it('restarts the killed worker, which picks up work on its own (the other worker stopped); no job left stuck', withLogs(logs, async () => {
    expect(killedWorker).toBeGreaterThanOrEqual(0);
    const restarted = workers[killedWorker];
    const other = workers[1 - killedWorker];
    await restarted.start();
    await other.stop();
    env!.recordPids();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await insertSignedLetterFixture(ds, { office: '5204', subject: `Laporan setelah pemulihan ${i}`, to: [{ office: '52', position: 'KETUA' }] })).letterId);
    const drafter = await apis[1].login('kasubbag.umum.5204');
    const t0 = Date.now();
    const sends = await Promise.all(ids.map((id) => apis[1].request('POST', `/api/letters/${id}/send`, { token: drafter })));
    expect(sends.map((s) => s.status)).toEqual([201, 201, 201]);
    await waitFor('the restarted worker alone to deliver the new letters', async () => {
      const [r] = await ds.query(`SELECT COUNT(*) AS n FROM deliveries WHERE letter_id IN (${ids.map(() => '?').join(',')})`, ids);
      return Number(r.n) === ids.length;
    }, { timeoutMs: 60_000, everyMs: 100 });
    const ms = Date.now() - t0;
    const q = new Queue('dispatch', { connection: { host: '127.0.0.1', port: env!.redis.port, maxRetriesPerRequest: null }, prefix: env!.queuePrefix });
    try {
      await waitFor('no job waiting or active', async () => Object.values(await q.getJobCounts('waiting', 'active', 'prioritized')).every((n) => n === 0), { timeoutMs: 30_000 });
      const failed = await q.getFailedCount();
      console.log(`[reliability] cluster: worker-${killedWorker + 1} restarted alone delivered 3 new letters in ${ms} ms; dispatch queue failed jobs: ${failed}`);
      expect(failed).toBe(0);
    } finally {
      await q.close();
    }
    await other.start();
    env!.recordPids();
  }), 120_000);

  it('SIGTERM: a worker finishes the job it is running and exits 0; an API answers the request in flight, takes no new one and exits 0', withLogs(logs, async () => {
    const GRACE_MS = 30_000;
    expect(workers.every((w) => w.running)).toBe(true);
    await apiProcs[0].start(); // api-1, SIGKILLed above
    env!.recordPids();
    const drafter = await apis[0].login('kasubbag.umum.5204');
    const year = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Jakarta', year: 'numeric' }).format(new Date());
    const [kpu52] = await ds.query("SELECT id FROM offices WHERE code = '52'");
    const q = new Queue('dispatch', { connection: { host: '127.0.0.1', port: env!.redis.port, maxRetriesPerRequest: null }, prefix: env!.queuePrefix });
    try {
      // 1. Worker: its dispatch job waits on the agenda counter of KPU Provinsi NTB, held by the test, when SIGTERM arrives.
      const { letterId } = await insertSignedLetterFixture(ds, { office: '5204', subject: 'Laporan saat pekerja dihentikan', to: [{ office: '52', position: 'KETUA' }] });
      const holder = ds.createQueryRunner();
      await holder.connect();
      await holder.startTransaction();
      // one worker runs the job: the other is stopped first (SIGTERM with nothing to do: it exits 0 at once)
      const w = 0;
      await workers[1].stop(GRACE_MS);
      const idleExit = workers[1].child!.exitCode;
      let stopping: Promise<void> = Promise.resolve();
      let termAt = 0;
      let txId = '';
      try {
        await holder.query('INSERT INTO number_counters (scope_key, value) VALUES (?, 0) ON DUPLICATE KEY UPDATE value = value', [`agenda|office=${kpu52.id}|year=${year}`]);
        const sent = await apis[0].request('POST', `/api/letters/${letterId}/send`, { token: drafter });
        expect(sent.status).toBe(201);
        txId = String(sent.body.transmissionId);
        let seen = '';
        await waitFor('the letter\'s dispatch transaction to wait on the held counter', async () => {
          const trx = await ds.query(
            `SELECT t.trx_state AS state, LEFT(p.INFO, 80) AS info FROM information_schema.innodb_trx t JOIN information_schema.processlist p ON p.ID = t.trx_mysql_thread_id`,
          );
          const pl = await ds.query("SELECT ID, HOST, COMMAND, TIME, STATE, LEFT(INFO, 80) AS info FROM information_schema.processlist WHERE COMMAND <> 'Sleep'");
          const job = await q.getJob(`dispatch-letter_${txId}`);
          seen = `${JSON.stringify(trx)}; not sleeping: ${JSON.stringify(pl)}; job ${job ? await job.getState() : 'none'} processedOn ${job?.processedOn}`;
          return pl.some((p: { COMMAND: string; info: string | null }) => p.COMMAND === 'Query' && (p.info ?? '').startsWith('INSERT INTO number_counters'));
        }, { timeoutMs: 30_000, everyMs: 50, explain: () => `transactions: ${seen}` });
        termAt = Date.now();
        stopping = workers[w].kill('SIGTERM', GRACE_MS);
        await new Promise((r) => setTimeout(r, 2000));
        // still running: it waits for its job, which waits for the lock
        expect(workers[w].running).toBe(true);
        expect(await q.getJobState(`dispatch-letter_${txId}`)).toBe('active');
      } finally {
        await holder.rollbackTransaction().catch(() => undefined);
        await holder.release();
      }
      await stopping;
      const workerMs = Date.now() - termAt;
      const workerExit = workers[w].child!.exitCode;
      const [d] = await ds.query('SELECT COUNT(*) AS n FROM deliveries WHERE transmission_id = ?', [txId]);
      const [a] = await ds.query("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'LETTER_DELIVERED' AND JSON_VALUE(after_state, '$.transmissionId') = ?", [txId]);
      const job = await q.getJob(`dispatch-letter_${txId}`);
      const jobState = job ? await job.getState() : 'none';

      await workers[1].start(); // delivers the letter of the API step below
      env!.recordPids();

      // 2. API: a send in flight (waiting on the letter's row lock, held by the test) when SIGTERM arrives.
      const second = await insertSignedLetterFixture(ds, { office: '5204', subject: 'Laporan saat API dihentikan', to: [{ office: '52', position: 'KETUA' }] });
      const letterLock = ds.createQueryRunner();
      await letterLock.connect();
      await letterLock.startTransaction();
      let inFlight: Promise<HttpResult> = Promise.resolve({ status: -1 } as HttpResult);
      let apiTermAt = 0;
      let apiStopping: Promise<void> = Promise.resolve();
      let during: HttpResult | undefined;
      try {
        await letterLock.query('SELECT id FROM letters WHERE id = ? FOR UPDATE', [second.letterId]);
        inFlight = apis[0].request('POST', `/api/letters/${second.letterId}/send`, { token: drafter, timeoutMs: 60_000 });
        await waitFor('the send to wait on the letter row lock', async () => {
          const [t] = await ds.query("SELECT COUNT(*) AS n FROM information_schema.processlist WHERE COMMAND = 'Query' AND INFO LIKE '%FROM letters WHERE id =%FOR UPDATE%' AND INFO NOT LIKE 'SELECT id FROM letters WHERE id =%'");
          return Number(t.n) > 0;
        }, { timeoutMs: 30_000, everyMs: 50 });
        apiTermAt = Date.now();
        apiStopping = apiProcs[0].kill('SIGTERM', GRACE_MS);
        await new Promise((r) => setTimeout(r, 1500));
        expect(apiProcs[0].running).toBe(true);
        during = await apis[0].request('GET', '/api/inbox?pageSize=1', { token: drafter, timeoutMs: 5000 });
      } finally {
        await letterLock.rollbackTransaction().catch(() => undefined);
        await letterLock.release();
      }
      const answer = await inFlight;
      await apiStopping;
      const apiMs = Date.now() - apiTermAt;
      const apiExit = apiProcs[0].child!.exitCode;
      await waitFor('the letter sent during the API shutdown to be delivered by the remaining worker', async () => {
        const [r] = await ds.query('SELECT COUNT(*) AS n FROM deliveries WHERE letter_id = ?', [second.letterId]);
        return Number(r.n) === 1;
      }, { timeoutMs: 30_000, everyMs: 100 });

      printFigures('cluster: SIGTERM (graceful shutdown)', {
        'worker-2: SIGTERM with no job running': `exit code ${idleExit}`,
        [`worker-${w + 1}: SIGTERM while its dispatch job waited on a lock, lock released 2 s later`]: `exit code ${workerExit} after ${workerMs} ms; job ${jobState}; deliveries ${d.n}; LETTER_DELIVERED audit events ${a.n}`,
        'api-1: SIGTERM while a send waited on a lock, lock released 1.5 s later': `in-flight send answered ${answer.status}; a new request meanwhile: ${during?.status || during?.error}; exit code ${apiExit} after ${apiMs} ms`,
      });
      expect(idleExit).toBe(0);
      expect([workerExit, jobState, Number(d.n), Number(a.n)]).toEqual([0, 'completed', 1, 1]);
      expect(workerMs).toBeLessThan(GRACE_MS);
      expect(answer.status).toBe(201);
      // a request that arrives while the API drains is not taken: the connection is refused or answered 503
      expect([0, 503]).toContain(during?.status);
      expect(apiExit).toBe(0);
      expect(apiMs).toBeLessThan(GRACE_MS);
      expect(await q.getFailedCount()).toBe(0);
    } finally {
      await q.close();
    }
  }), 180_000);

  it('keeps an intact audit chain', withLogs(logs, async () => {
    const audit = await verifyAuditChain(ds);
    console.log(`[reliability] cluster: audit chain: ${audit.checked} events in ${audit.streams} chains checked, problems: ${audit.problems.length}`);
    expect(audit.problems).toEqual([]);
    expect(audit.ok).toBe(true);
  }));
});

import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { ApiClient, printFigures, ReliabilityEnv, verifyAuditChain, waitFor, withLogs } from '../../libs/testing/src/processes';
import { insertSignedLetterFixture } from '../../libs/testing/src/letters-fixture';
import { approvedLetter, draftBody, positionsOf, Tally } from './flows';
import { deliveryReport, unsentOutbox, violations } from './invariants';

/**
 * Reliability 2: Redis goes away while letters are sent and signed — first a crash (SIGKILL), then
 * a clean SHUTDOWN — and comes back (with its append-only file, as in `npm start`). Sending and
 * signing only need the database; their jobs wait in the outbox and are relayed once Redis is back.
 */
const SENDS = 30;
const SIGNS = 6;
const OUTAGE_MS = 1500;

describe('reliability: Redis restarted while letters are sent', () => {
  let env: ReliabilityEnv | undefined;
  let client: ApiClient;
  let ds: DataSource;
  const sendIds: string[] = [];
  const signIds: string[] = [];
  const tally = new Tally();
  const figures = { 'faults injected (Redis SIGKILL, Redis SHUTDOWN)': 0, 'requests tried': 0, 'requests while Redis was down': 0, 'outbox rows waiting when Redis came back': 0 };
  const logs = () => env;

  beforeAll(async () => {
    env = await ReliabilityEnv.create('redis-restart', { redisPersistent: true });
    const api = await env.api();
    client = api.client;
    await env.startAll(api.proc, env.worker());
    ds = await env.dataSource();
  }, 240_000);

  afterAll(() => env?.shutdown(), 120_000);

  it('answers every send and signature while Redis is down (they only need the database), and no request with a 500', withLogs(logs, async () => {
    const drafter = await client.login('kasubbag.umum.5204');
    const signer = await client.login('ketua.5204');
    const p5204 = await positionsOf(ds, '5204');
    const p52 = await positionsOf(ds, '52');
    for (let i = 0; i < SENDS; i++) {
      const { letterId } = await insertSignedLetterFixture(ds, { office: '5204', subject: `Laporan rekapitulasi ${i}`, to: [{ office: '52', position: 'SEKRETARIS' }, { office: '5271' }], cc: [{ external: 'Bawaslu Kabupaten Sumbawa' }] });
      sendIds.push(letterId);
    }
    for (let i = 0; i < SIGNS; i++) signIds.push(await approvedLetter(client, drafter, draftBody(p5204.KETUA, [{ kind: 'TO', positionId: p52.SEKRETARIS }], { subject: `Nota dinas ${i}` })));

    // The work, interleaved: sends and signatures, three clients, paced so that outages fall in the middle.
    const work = [...sendIds.map((id) => ({ kind: 'send', id })), ...signIds.map((id) => ({ kind: 'sign', id }))].sort((a, b) => Number(a.id) % 7 - Number(b.id) % 7);
    let done = 0;
    let redisDown = false;
    const answers: { kind: string; status: number }[] = [];
    const load = Promise.all([0, 1, 2].map(async () => {
      for (let item = work.shift(); item; item = work.shift()) {
        const during = redisDown;
        const res = item.kind === 'send'
          ? await client.request('POST', `/api/letters/${item.id}/send`, { token: drafter })
          : await client.request('POST', `/api/letters/${item.id}/sign`, { token: signer, body: { password: 'Naskah#2026' } });
        tally.add(`${item.kind} ${item.id}`, res);
        answers.push({ kind: item.kind, status: res.status });
        if (during || redisDown) figures['requests while Redis was down'] += 1;
        done += 1;
        await new Promise((r) => setTimeout(r, 120));
      }
    }));
    const outage = async (how: 'kill' | 'stop', afterDone: number) => {
      await waitFor(`${afterDone} requests before the outage`, () => done >= afterDone, { timeoutMs: 60_000, everyMs: 5 });
      redisDown = true;
      await (how === 'kill' ? env!.redis.kill() : env!.redis.stop());
      figures['faults injected (Redis SIGKILL, Redis SHUTDOWN)'] += 1;
      // Sign-ins count attempts in Redis: without Redis they must fail cleanly (503), never 500.
      tally.add('login while Redis is down', await client.request('POST', '/api/auth/login', { body: { username: 'staf.umum.5204', password: 'Naskah#2026' } }));
      figures['requests while Redis was down'] += 1;
      await new Promise((r) => setTimeout(r, OUTAGE_MS));
      figures['outbox rows waiting when Redis came back'] += await unsentOutbox(ds);
      await env!.redis.start();
      redisDown = false;
    };
    await Promise.all([load, outage('kill', 6).then(() => outage('stop', 18))]);
    env!.recordPids();
    figures['requests tried'] = tally.total;

    expect(tally.serverErrors).toEqual([]);
    expect(tally.bad503).toEqual([]);
    expect(answers.filter((a) => a.status !== 201)).toEqual([]);
    expect(answers).toHaveLength(SENDS + SIGNS);
    expect(figures['requests while Redis was down']).toBeGreaterThan(2);
  }), 180_000);

  it('relays every job once Redis is back: every letter delivered and rendered exactly once, no outbox row left unsent', withLogs(logs, async () => {
    const t0 = Date.now();
    const all = [...sendIds, ...signIds];
    await waitFor('every transmission dispatched, every signed letter rendered and the outbox empty', async () => {
      const [t] = await ds.query(`SELECT COUNT(*) AS n, SUM(dispatched_at IS NULL) AS pending FROM transmissions WHERE letter_id IN (${sendIds.map(() => '?').join(',')})`, sendIds);
      const [r] = await ds.query(`SELECT SUM(document_file_id IS NULL) AS pending FROM letters WHERE id IN (${signIds.map(() => '?').join(',')})`, signIds);
      return Number(t.n) === SENDS && Number(t.pending) === 0 && Number(r.pending) === 0 && (await unsentOutbox(ds)) === 0;
    }, { timeoutMs: 90_000, everyMs: 200 });
    const settledMs = Date.now() - t0;

    const report = await deliveryReport(ds, sendIds);
    const [rendered] = await ds.query(
      `SELECT COUNT(*) AS n FROM audit_events WHERE action = 'LETTER_RENDERED' AND entity_type = 'letter' AND entity_id IN (${signIds.map(() => '?').join(',')})`,
      signIds,
    );
    const failed: Record<string, number> = {};
    for (const name of ['dispatch', 'documents']) {
      const q = new Queue(name, { connection: { host: '127.0.0.1', port: env!.redis.port, maxRetriesPerRequest: null }, prefix: env!.queuePrefix });
      failed[name] = (await q.getJobCounts('failed')).failed;
      await q.close();
    }
    const [{ n: outboxRows }] = await ds.query('SELECT COUNT(*) AS n FROM outbox');
    printFigures('2. Redis restarted while letters are sent', {
      'faults injected': `${figures['faults injected (Redis SIGKILL, Redis SHUTDOWN)']} (Redis SIGKILL, then Redis SHUTDOWN; down ${OUTAGE_MS} ms each)`,
      'requests tried': `${tally.total} (${figures['requests while Redis was down']} while Redis was down)`,
      'items checked': `${SENDS} sends → ${SENDS * 2} deliveries expected, ${report.deliveries} found; ${SIGNS} signatures → ${Number(rendered.n)} PDFs; ${outboxRows} outbox rows`,
      'items lost': report.missing + Math.max(0, SIGNS - Number(rendered.n)),
      'items doubled': report.extra + report.duplicateAgenda + Math.max(0, Number(rendered.n) - SIGNS),
      answers: tally.summary(),
      'outbox rows waiting when Redis came back': figures['outbox rows waiting when Redis came back'],
      'outbox rows unsent at the end': await unsentOutbox(ds),
      'failed jobs (dispatch, documents)': `${failed.dispatch}, ${failed.documents}`,
      'time until everything relayed (ms)': settledMs,
    });
    expect(report).toMatchObject({ transmissions: SENDS, deliveries: SENDS * 2, missing: 0, extra: 0, undispatched: 0 });
    expect(violations(report)).toBe(0);
    expect(Number(rendered.n)).toBe(SIGNS);
    expect(failed).toEqual({ dispatch: 0, documents: 0 });
    expect(all).toHaveLength(SENDS + SIGNS);
  }), 120_000);

  it('keeps an intact audit chain', withLogs(logs, async () => {
    const audit = await verifyAuditChain(ds);
    console.log(`[reliability] 2. audit chain: ${audit.checked} events in ${audit.streams} chains checked, problems: ${audit.problems.length}`);
    expect(audit.problems).toEqual([]);
  }));
});

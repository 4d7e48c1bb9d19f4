import type { DataSource } from 'typeorm';
import { ApiClient, ManagedProcess, printFigures, ReliabilityEnv, verifyAuditChain, waitFor, withLogs } from '../../libs/testing/src/processes';
import { draftBody, positionsOf, Tally } from './flows';
import { deliveryReport, letterReport, unsentOutbox, violations } from './invariants';

/**
 * Reliability 3: MariaDB is restarted under load — a clean shutdown, then a crash (SIGKILL) — while
 * four clients draft, submit, sign and send letters and read inboxes. Requests fail cleanly (503
 * SERVICE_UNAVAILABLE, never 500), nothing is half-applied, nothing acknowledged is lost, and the
 * API and the worker recover by themselves (same processes).
 */
const CLIENTS = 4;
const OUTAGE_MS = 1500;
const LOAD_BETWEEN_MS = 2500;

describe('reliability: MariaDB restarted under load', () => {
  let env: ReliabilityEnv | undefined;
  let client: ApiClient;
  let api: ManagedProcess;
  let worker: ManagedProcess;
  let ds: DataSource;
  const tally = new Tally();
  const acked = { created: new Set<string>(), signed: new Set<string>(), sent: new Set<string>() };
  const figures = { 'faults injected (clean shutdown, crash)': 0, 'requests tried': 0, 'flows completed (create→submit→sign→send)': 0, 'health/ready answered 503 while down': 0 };
  const recoveries: string[] = [];
  const logs = () => env;

  beforeAll(async () => {
    env = await ReliabilityEnv.create('mariadb-restart');
    ({ proc: api, client } = await env.api());
    worker = env.worker();
    await env.startAll(api, worker);
    ds = await env.dataSource();
  }, 240_000);

  afterAll(() => env?.shutdown(), 120_000);

  it('answers every request during two restarts with success or 503 SERVICE_UNAVAILABLE, never 500, and recovers without restarting the apps', withLogs(logs, async () => {
    const drafter = await client.login('kasubbag.umum.5204');
    const signer = await client.login('ketua.5204');
    const reader = await client.login('sekretaris.52');
    const p5204 = await positionsOf(ds, '5204');
    const p52 = await positionsOf(ds, '52');
    const o5271 = Number((await ds.query("SELECT id FROM offices WHERE code = '5271'"))[0].id);
    let stop = false;
    let flows = 0;

    /** One letter through the whole flow; false when a step was refused (then the client pauses briefly and starts a new letter). */
    const flow = async (n: number, i: number): Promise<boolean> => {
      const body = draftBody(p5204.KETUA, [{ kind: 'TO', positionId: p52.SEKRETARIS }, { kind: 'TO', officeId: o5271 }, { kind: 'CC', externalName: 'Bawaslu Kabupaten Sumbawa' }], { subject: `Laporan harian klien ${n} nomor ${i}` });
      const created = tally.add('create', await client.request('POST', '/api/letters', { token: drafter, body }));
      tally.add('inbox', await client.request('GET', '/api/inbox?pageSize=20', { token: reader }));
      if (created.status !== 201) return false;
      const id = String(created.body.id);
      acked.created.add(id);
      if (tally.add('submit', await client.request('POST', `/api/letters/${id}/submit`, { token: drafter })).status !== 201) return false;
      if (tally.add('sign', await client.request('POST', `/api/letters/${id}/sign`, { token: signer, body: { password: 'Naskah#2026' } })).status !== 201) return false;
      acked.signed.add(id);
      if (tally.add('send', await client.request('POST', `/api/letters/${id}/send`, { token: drafter })).status !== 201) return false;
      acked.sent.add(id);
      return true;
    };
    const vu = async (n: number) => {
      for (let i = 0; !stop; i++) {
        if (await flow(n, i)) flows += 1;
        else await new Promise((r) => setTimeout(r, 50));
      }
    };
    const ready = async () => (await client.request('GET', '/health/ready', { timeoutMs: 5000 })).status;

    const restart = async (how: 'stop' | 'kill') => {
      await (how === 'stop' ? env!.mariadb.stop() : env!.mariadb.kill());
      figures['faults injected (clean shutdown, crash)'] += 1;
      const downAt = Date.now();
      await waitFor('/health/ready to report the database down', async () => (await ready()) === 503, { timeoutMs: 10_000 });
      figures['health/ready answered 503 while down'] += 1;
      await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - downAt))));
      await env!.mariadb.start();
      const upAt = Date.now();
      const flowsBefore = flows;
      const readyMs = await waitFor('/health/ready green again after MariaDB is back', async () => (await ready()) === 200, { timeoutMs: 60_000, everyMs: 50 });
      await waitFor('a whole flow (create → submit → sign → send) to succeed again', () => flows > flowsBefore, { timeoutMs: 60_000, everyMs: 20 });
      recoveries.push(`${how === 'stop' ? 'clean shutdown' : 'crash'}: down ${upAt - downAt} ms, ready again ${readyMs} ms after restart, first whole flow ${Date.now() - upAt} ms after restart`);
    };

    const load = Promise.all(Array.from({ length: CLIENTS }, (_, n) => vu(n)));
    const faults = (async () => {
      try {
        await waitFor('the load to complete its first flows', () => flows >= 2, { timeoutMs: 60_000, everyMs: 20 });
        await restart('stop');
        await new Promise((r) => setTimeout(r, LOAD_BETWEEN_MS));
        await restart('kill');
        await new Promise((r) => setTimeout(r, LOAD_BETWEEN_MS));
      } finally {
        stop = true;
      }
    })();
    await Promise.all([faults, load]);
    env!.recordPids();
    figures['requests tried'] = tally.total;
    figures['flows completed (create→submit→sign→send)'] = flows;

    expect(tally.serverErrors).toEqual([]);
    expect(tally.bad503).toEqual([]);
    expect(tally.count((s) => s === 503)).toBeGreaterThan(0); // the faults did hit requests
    // the same processes served throughout: nothing was restarted to recover
    expect([api.running, api.starts, worker.running, worker.starts]).toEqual([true, 1, true, 1]);
  }), 240_000);

  it('leaves nothing half-applied and loses nothing acknowledged; the worker catches up', withLogs(logs, async () => {
    const t0 = Date.now();
    await waitFor('the worker to dispatch and render everything', async () => {
      const [t] = await ds.query('SELECT COUNT(*) AS n, SUM(dispatched_at IS NULL) AS pending FROM transmissions');
      const [r] = await ds.query("SELECT COUNT(*) AS n FROM letters WHERE status IN ('SIGNED','SENT') AND document_file_id IS NULL");
      return Number(t.n) > 0 && Number(t.pending) === 0 && Number(r.n) === 0 && (await unsentOutbox(ds)) === 0;
    }, { timeoutMs: 120_000, everyMs: 250 });
    const drainMs = Date.now() - t0;

    const letters = await letterReport(ds);
    const deliveries = await deliveryReport(ds);
    const rows: { id: string; status: string }[] = await ds.query('SELECT id, status FROM letters');
    const status = new Map(rows.map((r) => [String(r.id), r.status]));
    const lostCreated = [...acked.created].filter((id) => !status.has(id));
    const lostSigned = [...acked.signed].filter((id) => !['SIGNED', 'SENT'].includes(status.get(id) ?? ''));
    const lostSent = [...acked.sent].filter((id) => status.get(id) !== 'SENT');
    printFigures('3. MariaDB restarted under load', {
      'faults injected': `${figures['faults injected (clean shutdown, crash)']} (MariaDB clean shutdown, then SIGKILL; down ${OUTAGE_MS} ms each, ${CLIENTS} clients)`,
      'requests tried': figures['requests tried'],
      'items checked': `${letters.letters} letters (${letters.signed} signed), ${deliveries.transmissions} transmissions, ${deliveries.deliveries} deliveries`,
      'items lost': lostCreated.length + lostSigned.length + lostSent.length + deliveries.missing,
      'items doubled': deliveries.extra + deliveries.duplicateTargets + deliveries.duplicateAgenda + letters.duplicateNumbers,
      'flows completed (create→submit→sign→send)': figures['flows completed (create→submit→sign→send)'],
      'health/ready answered 503 while down': figures['health/ready answered 503 while down'],
      answers: tally.summary(),
      ...Object.fromEntries(recoveries.map((r, i) => [`recovery ${i + 1}`, r])),
      'half-applied letters (violations)': violations(letters),
      'delivery violations (missing, extra, duplicates, gaps)': violations(deliveries),
      'items lost (acknowledged create / sign / send not found)': `${lostCreated.length} / ${lostSigned.length} / ${lostSent.length}`,
      'worker caught up in (ms)': drainMs,
    });
    expect(letters).toMatchObject({ withoutRecipients: 0, withoutFirstRevision: 0, withoutDraftedEvent: 0, withoutSubmittedEvent: 0, signedIncomplete: 0, signedEventWithoutSignature: 0, sentIncomplete: 0, transmissionsIncomplete: 0, duplicateNumbers: 0, numberGaps: 0 });
    expect(deliveries).toMatchObject({ undispatched: 0, wrongCount: 0, missing: 0, extra: 0, duplicateTargets: 0, duplicateAgenda: 0, agendaGaps: 0, auditMismatch: 0 });
    expect({ lostCreated, lostSigned, lostSent }).toEqual({ lostCreated: [], lostSigned: [], lostSent: [] });
    expect(acked.sent.size).toBeGreaterThan(0);
  }), 150_000);

  it('serves a new sign-in and a whole new letter after the restarts', withLogs(logs, async () => {
    const fresh = new ApiClient(client.baseUrl);
    const drafter = await fresh.login('kasubbag.umum.5204');
    const p5204 = await positionsOf(ds, '5204');
    const p52 = await positionsOf(ds, '52');
    const created = await fresh.request('POST', '/api/letters', { token: drafter, body: draftBody(p5204.KETUA, [{ kind: 'TO', positionId: p52.SEKRETARIS }], { subject: 'Surat sesudah pemulihan' }) });
    expect(created.status).toBe(201);
    expect((await fresh.request('POST', `/api/letters/${created.body.id}/submit`, { token: drafter })).status).toBe(201);
    expect((await fresh.request('POST', `/api/letters/${created.body.id}/sign`, { token: await fresh.login('ketua.5204'), body: { password: 'Naskah#2026' } })).status).toBe(201);
    expect((await fresh.request('POST', `/api/letters/${created.body.id}/send`, { token: drafter })).status).toBe(201);
    await waitFor('the new letter to reach the inbox of sekretaris.52', async () => {
      const inbox = await fresh.request('GET', '/api/inbox?q=sesudah%20pemulihan', { token: await fresh.login('sekretaris.52') });
      return inbox.status === 200 && inbox.body.items.some((i: { letterId: string }) => String(i.letterId) === String(created.body.id));
    }, { timeoutMs: 30_000, everyMs: 100 });
  }), 60_000);

  it('keeps an intact audit chain', withLogs(logs, async () => {
    const audit = await verifyAuditChain(ds);
    console.log(`[reliability] 3. audit chain: ${audit.checked} events in ${audit.streams} chains checked, problems: ${audit.problems.length}`);
    expect(audit.problems).toEqual([]);
  }));
});

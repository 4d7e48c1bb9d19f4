import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { ApiClient, printFigures, ReliabilityEnv, verifyAuditChain, waitFor, withLogs } from '../../libs/testing/src/processes';
import { insertSignedLetterFixture } from '../../libs/testing/src/letters-fixture';
import { approvedLetter, draftBody, officeIdOf, positionsOf, Tally } from './flows';
import { deliveryReport, letterReport, unsentOutbox, violations } from './invariants';

/**
 * Reliability 4: two API and two worker processes on one MariaDB and one Redis. Every signature,
 * send and forward is requested twice at once, through both APIs; circulars and letters are
 * dispatched by both workers at once. Numbers and agenda numbers never collide, nothing is
 * delivered twice, every job runs once.
 */
const LETTERS = 40;
const CIRCULARS = 3;
const OFFICES = 552;

describe('reliability: two API and two worker processes on one database and Redis', () => {
  let env: ReliabilityEnv | undefined;
  let apis: ApiClient[];
  let ds: DataSource;
  const tally = new Tally();
  const letterIds: string[] = [];
  const circularIds: string[] = [];
  const figures: Record<string, string> = {};
  const logs = () => env;
  const via = (i: number) => apis[i % 2];
  /** Sends the same request through both APIs at once; returns both answers. */
  const twice = async (what: string, method: string, path: string, opts: { token: string; body?: unknown }) => {
    const [a, b] = await Promise.all(apis.map((api) => api.request(method, path, opts)));
    tally.add(what, a);
    tally.add(what, b);
    return [a, b];
  };
  const countBy = (xs: string[]) => xs.reduce<Record<string, number>>((m, x) => ({ ...m, [x]: (m[x] ?? 0) + 1 }), {});
  /** Runs the calls `size` at a time, keeping their order. */
  const inWaves = async <T>(calls: (() => Promise<T>)[], size = 12): Promise<T[]> => {
    const out: T[] = [];
    for (let i = 0; i < calls.length; i += size) out.push(...(await Promise.all(calls.slice(i, i + size).map((c) => c()))));
    return out;
  };
  /** Exactly one of two racing requests wins (201) and the other is refused with `loserCode` (409). */
  const oneWins = (pairs: { status: number; body: any }[][], loserCode: string) =>
    pairs.filter(([a, b]) => [a.status, b.status].sort().join() !== '201,409' || (a.status === 409 ? a : b).body?.code !== loserCode).map(([a, b]) => `${a.status}/${b.status} ${JSON.stringify([a.body?.code, b.body?.code])}`);

  beforeAll(async () => {
    env = await ReliabilityEnv.create('scale-out');
    const [a1, a2] = [await env.api('api-1'), await env.api('api-2')];
    apis = [a1.client, a2.client];
    await env.startAll(a1.proc, a2.proc, env.worker('worker-1'), env.worker('worker-2'));
    ds = await env.dataSource();
  }, 240_000);

  afterAll(() => env?.shutdown(), 120_000);

  it('both workers listen on the dispatch queue', withLogs(logs, async () => {
    const q = new Queue('dispatch', { connection: { host: '127.0.0.1', port: env!.redis.port, maxRetriesPerRequest: null }, prefix: env!.queuePrefix });
    try {
      await waitFor('two workers on the dispatch queue', async () => (await q.getWorkersCount()) === 2, { timeoutMs: 10_000 });
    } finally {
      await q.close();
    }
  }));

  it('accepts 40 drafts written at once through both APIs', withLogs(logs, async () => {
    const drafter = await apis[0].login('kasubbag.umum.5204');
    const p5204 = await positionsOf(ds, '5204');
    const pRI = await positionsOf(ds, 'RI');
    const o5271 = await officeIdOf(ds, '5271');
    const body = (i: number) => draftBody(p5204.KETUA, [{ kind: 'TO', positionId: pRI.SEKJEN }, { kind: 'TO', officeId: o5271 }], { typeCode: 'ND', subject: `Usulan penggantian antarwaktu ${i}` });
    const drafted = await Promise.all(Array.from({ length: LETTERS }, (_, i) =>
      approvedLetter(via(i), drafter, body(i)).then((id) => ({ i, id, error: null }), (err: Error) => ({ i, id: null, error: err.message }))));
    const refused = drafted.filter((d) => d.error);
    figures['drafts written at once / refused'] = `${LETTERS} / ${refused.length}`;
    letterIds.push(...drafted.flatMap((d) => (d.id ? [d.id] : [])));
    // The suite goes on with 40 letters either way: refused drafts are written again, one at a time.
    for (const d of refused) letterIds.push(await approvedLetter(apis[0], drafter, body(d.i)));
    expect(countBy(refused.map((d) => d.error!))).toEqual({});
  }), 120_000);

  it('numbers 40 letters signed twice at once through both APIs: one signature each, no duplicate, no gap', withLogs(logs, async () => {
    const signer = await apis[1].login('ketua.5204');
    const pairs = await Promise.all(letterIds.map((id) => twice('sign', 'POST', `/api/letters/${id}/sign`, { token: signer, body: { password: 'Naskah#2026' } })));
    const seqs = (await ds.query(`SELECT number_seq FROM letters WHERE id IN (${letterIds.map(() => '?').join(',')}) ORDER BY number_seq`, letterIds)).map((r: { number_seq: string }) => Number(r.number_seq));
    expect(oneWins(pairs, 'ALREADY_SIGNED')).toEqual([]);
    expect(seqs).toEqual(Array.from({ length: LETTERS }, (_, i) => i + 1));
  }), 120_000);

  it('sends every letter and three circulars twice at once through both APIs: one transmission each', withLogs(logs, async () => {
    for (let i = 0; i < CIRCULARS; i++) circularIds.push((await insertSignedLetterFixture(ds, { office: 'RI', typeCode: 'SE', subject: `Surat edaran jadwal ${i}`, toAllOtherOffices: true })).letterId);
    // a letter is sent once its signed PDF exists (409 DOCUMENT_NOT_READY before): the workers render
    // and sign the 40 PDFs first (PAdES, and the signer position's certificate made on first use)
    await waitFor('the signed letters to be rendered', async () => {
      const [r] = await ds.query(`SELECT COUNT(*) AS n FROM letters WHERE document_file_id IS NULL AND id IN (${letterIds.map(() => '?').join(',')})`, letterIds);
      return Number(r.n) === 0;
    }, { timeoutMs: 90_000, everyMs: 100 });
    const drafter = await apis[0].login('kasubbag.umum.5204');
    const ri = await apis[1].login('staf.umum.ri');
    // In waves of 12 pairs, below the API's 40 database connections (more at once: see the last test).
    const pairs = await inWaves([
      ...circularIds.map((id) => () => twice('send circular', 'POST', `/api/letters/${id}/send`, { token: ri })),
      ...letterIds.map((id) => () => twice('send', 'POST', `/api/letters/${id}/send`, { token: drafter })),
    ]);
    expect(oneWins(pairs, 'LETTER_ALREADY_SENT')).toEqual([]);
  }), 120_000);

  it('forwards every letter held at KPU Provinsi NTB twice at once through both APIs: one forward each', withLogs(logs, async () => {
    const sekretaris52 = await apis[0].login('sekretaris.52');
    const [{ n: sent }] = await ds.query(`SELECT COUNT(*) AS n FROM letters WHERE status = 'SENT' AND id IN (${letterIds.map(() => '?').join(',')})`, letterIds);
    const sentLetters = Number(sent);
    const p52 = await positionsOf(ds, '52');
    await waitFor('the letters to reach KPU Provinsi NTB', async () => {
      const [r] = await ds.query(`SELECT COUNT(*) AS n FROM deliveries WHERE position_id = ? AND to_be_forwarded = 1 AND letter_id IN (${letterIds.map(() => '?').join(',')})`, [p52.SEKRETARIS, ...letterIds]);
      return Number(r.n) === sentLetters;
    }, { timeoutMs: 60_000, everyMs: 100 });
    const held: { id: string }[] = await ds.query(`SELECT id FROM deliveries WHERE position_id = ? AND to_be_forwarded = 1 AND letter_id IN (${letterIds.map(() => '?').join(',')})`, [p52.SEKRETARIS, ...letterIds]);
    const pairs = await inWaves(held.map((d) => () => twice('forward', 'POST', `/api/deliveries/${d.id}/forward`, { token: sekretaris52, body: { note: 'Diteruskan ke Sekretariat Jenderal' } })));
    expect(oneWins(pairs, 'DELIVERY_ALREADY_FORWARDED')).toEqual([]);
  }), 120_000);

  it('ends with 0 duplicate numbers, 0 duplicate or missing deliveries, unique agenda numbers, every job run once', withLogs(logs, async () => {
    const t0 = Date.now();
    await waitFor('both workers to dispatch and render everything', async () => {
      const [t] = await ds.query('SELECT COUNT(*) AS n, SUM(dispatched_at IS NULL) AS pending FROM transmissions');
      const [r] = await ds.query("SELECT COUNT(*) AS n FROM letters WHERE status IN ('SIGNED','SENT') AND document_file_id IS NULL AND counter_key LIKE 'letter|%'");
      return Number(t.n) > 0 && Number(t.pending) === 0 && Number(r.n) === 0 && (await unsentOutbox(ds)) === 0;
    }, { timeoutMs: 120_000, everyMs: 200 });
    const drainMs = Date.now() - t0;
    const letters = await letterReport(ds);
    const deliveries = await deliveryReport(ds);
    const [kinds] = await ds.query("SELECT SUM(kind = 'SEND') AS sends, SUM(kind = 'FORWARD') AS forwards FROM transmissions");
    const [renders] = await ds.query(
      `SELECT COUNT(*) AS n, COUNT(DISTINCT entity_id) AS letters FROM audit_events WHERE action = 'LETTER_RENDERED' AND entity_type = 'letter' AND entity_id IN (${letterIds.map(() => '?').join(',')})`,
      letterIds,
    );
    const n = letterIds.length; // LETTERS unless drafting failed (the numbering test says so)
    const expectedDeliveries = n * 2 + CIRCULARS * OFFICES + n; // each letter: KPU Provinsi NTB (to forward) and Kota Mataram; its forward: the Sekjen
    printFigures('4. two APIs and two workers on one database and Redis', {
      'faults injected': `${tally.count((s) => s === 409)} duplicate writes refused of ${tally.total / 2} raced (every sign, send and forward sent twice at once, through both APIs; 2 API + 2 worker processes)`,
      'requests tried': tally.total,
      'items checked': `${letters.letters} letters, ${deliveries.transmissions} transmissions, ${deliveries.deliveries} deliveries`,
      'items lost': deliveries.missing,
      'items doubled': deliveries.extra + deliveries.duplicateTargets + deliveries.duplicateAgenda + letters.duplicateNumbers,
      ...figures,
      answers: tally.summary(),
      'letters signed / numbers checked': `${letters.signed} / ${n}`,
      'duplicate numbers / counter gaps': `${letters.duplicateNumbers} / ${letters.numberGaps}`,
      'transmissions (send / forward)': `${kinds.sends} / ${kinds.forwards}`,
      'deliveries expected / found': `${expectedDeliveries} / ${deliveries.deliveries}`,
      'extra deliveries / duplicate targets / duplicate agenda numbers': `${deliveries.extra} / ${deliveries.duplicateTargets} / ${deliveries.duplicateAgenda}`,
      'agenda counters with a gap': deliveries.agendaGaps,
      'render jobs run (audit events / letters)': `${renders.n} / ${renders.letters}`,
      'half-applied letters (violations)': violations(letters),
      'workers caught up in (ms)': drainMs,
    });
    expect(tally.serverErrors).toEqual([]);
    expect(violations(letters)).toBe(0);
    expect(letters.duplicateNumbers + letters.numberGaps).toBe(0);
    expect(violations(deliveries)).toBe(0);
    expect(deliveries.deliveries).toBe(expectedDeliveries);
    expect([Number(kinds.sends), Number(kinds.forwards)]).toEqual([n + CIRCULARS, n]);
    expect([Number(renders.n), Number(renders.letters)]).toEqual([n, n]);
  }), 180_000);

  it('sends each disposition reminder once while both workers run the reminder jobs, even when a job is delivered twice', withLogs(logs, async () => {
    const DISPOSED = 12;
    const p52 = await positionsOf(ds, '52');
    const drafter = await apis[0].login('kasubbag.umum.5204');
    const ketua52 = await apis[1].login('ketua.52');
    const ids: string[] = [];
    for (let i = 0; i < DISPOSED; i++) ids.push((await insertSignedLetterFixture(ds, { office: '5204', subject: `Laporan untuk didisposisikan ${i}`, to: [{ office: '52', position: 'KETUA' }] })).letterId);
    const sends = await Promise.all(ids.map((id, i) => via(i).request('POST', `/api/letters/${id}/send`, { token: drafter })));
    sends.forEach((r) => tally.add('send for disposition', r));
    await waitFor('the letters at the Ketua of KPU Provinsi NTB', async () => Number((await ds.query(`SELECT COUNT(*) AS n FROM deliveries WHERE position_id = ? AND letter_id IN (${ids.map(() => '?').join(',')})`, [p52.KETUA, ...ids]))[0].n) === DISPOSED, { timeoutMs: 60_000 });
    const deliveries: { id: string }[] = await ds.query(`SELECT id FROM deliveries WHERE position_id = ? AND letter_id IN (${ids.map(() => '?').join(',')})`, [p52.KETUA, ...ids]);
    // each letter disposed to two positions below the Ketua, with a deadline three working days away: BEFORE, DUE and ESCALATE jobs, delayed
    const issued = await Promise.all(deliveries.map((d, i) => via(i).request('POST', '/api/dispositions', {
      token: ketua52, body: { deliveryId: String(d.id), recipientPositionIds: [p52.SEKRETARIS, p52['KABAG-KUL']], instructionCodes: ['TINDAK_LANJUTI'], workingDays: 3 },
    })));
    issued.forEach((r) => tally.add('issue disposition', r));
    expect(issued.map((r) => r.status)).toEqual(deliveries.map(() => 201));
    const dispositionIds = issued.flatMap((r) => r.body.map((x: { id: string }) => String(x.id)));
    const queue = new Queue('disposition', { connection: { host: '127.0.0.1', port: env!.redis.port, maxRetriesPerRequest: null }, prefix: env!.queuePrefix });
    try {
      await waitFor('every reminder job relayed and waiting for its time', async () => (await unsentOutbox(ds)) === 0 && (await queue.getDelayedCount()) === dispositionIds.length * 3, { timeoutMs: 30_000 });
      // Their time comes (promoted: nothing else is touched); every job also arrives a second time under another id,
      // as a re-run after a lost lock or a replayed outbox row would, so the two workers race on each.
      const delayed = await queue.getDelayed(0, -1);
      await queue.addBulk(delayed.map((j) => ({ name: j.name, data: j.data, opts: { jobId: `${j.id}-again`, attempts: 3 } })));
      await Promise.all(delayed.map((j) => j.promote()));
      await waitFor('both workers to run every reminder job', async () => {
        const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        return Object.values(c).every((n) => n === 0);
      }, { timeoutMs: 60_000, everyMs: 100 });
      const failed = (await queue.getFailed(0, -1)).map((j) => `${j.id}: ${j.failedReason}`);
      const sent: { type: string; n: string; users: string }[] = await ds.query(
        `SELECT type, COUNT(*) AS n, COUNT(DISTINCT user_id, JSON_VALUE(payload, '$.dispositionId')) AS users FROM notifications
          WHERE type IN ('DISPOSITION_REMINDER', 'DISPOSITION_DUE', 'DISPOSITION_OVERDUE', 'DISPOSITION_ESCALATION') GROUP BY type ORDER BY type`,
      );
      const [events] = await ds.query(
        `SELECT SUM(action = 'DISPOSITION_REMINDED') AS reminded, SUM(action = 'DISPOSITION_ESCALATED') AS escalated,
                COUNT(DISTINCT IF(action = 'DISPOSITION_REMINDED', CONCAT(JSON_VALUE(after_state, '$.dispositionId'), JSON_VALUE(after_state, '$.kind')), NULL)) AS remindedDistinct
           FROM audit_events WHERE action IN ('DISPOSITION_REMINDED', 'DISPOSITION_ESCALATED')`,
      );
      const n = dispositionIds.length;
      figures['disposition reminder jobs run (each twice, by 2 workers)'] = `${delayed.length} × 2`;
      figures['reminders sent (before / due / overdue / escalation)'] = sent.map((r) => `${r.type} ${r.n}`).join(', ');
      console.log(`[reliability] 4. dispositions: ${n}, reminder jobs ${delayed.length} (each delivered twice), notifications ${sent.map((r) => `${r.type}=${r.n}`).join(' ')}, audit reminded=${events.reminded} escalated=${events.escalated}, failed jobs ${failed.length}`);
      expect(failed).toEqual([]);
      // one recipient user per disposition; the escalation goes to the author and the author's superior (the Ketua has none in the office)
      expect(Object.fromEntries(sent.map((r) => [r.type, Number(r.n)]))).toEqual({ DISPOSITION_REMINDER: n, DISPOSITION_DUE: n, DISPOSITION_OVERDUE: n, DISPOSITION_ESCALATION: expect.any(Number) });
      expect(sent.every((r) => Number(r.n) === Number(r.users))).toBe(true);
      expect([Number(events.reminded), Number(events.remindedDistinct), Number(events.escalated)]).toEqual([2 * n, 2 * n, n]);
    } finally {
      await queue.close();
    }
  }), 180_000);

  // Last: when it fails, the API it talks to may be left without a free database connection.
  it('answers 60 sends at once through one API (more than its 40 database connections) without hanging', withLogs(logs, async () => {
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push((await insertSignedLetterFixture(ds, { office: '5204', subject: `Usulan serentak ${i}`, to: [{ office: 'RI', position: 'SEKJEN' }] })).letterId);
    const drafter = await apis[0].login('kasubbag.umum.5204');
    const t0 = Date.now();
    const answers = await Promise.all(ids.map((id) => apis[0].request('POST', `/api/letters/${id}/send`, { token: drafter, timeoutMs: 15_000 })));
    answers.forEach((a, i) => tally.add(`send ${ids[i]} (60 at once)`, a));
    figures['60 sends at once through one API'] = `${answers.filter((a) => a.status === 201).length} answered 201, ${answers.filter((a) => a.status === 0).length} without an answer after 15 s, ${Date.now() - t0} ms`;
    console.log(`[reliability] 4. ${figures['60 sends at once through one API']}`);
    expect(countBy(answers.map((a) => String(a.status || a.error)))).toEqual({ 201: ids.length });
  }), 60_000);

  it('keeps an intact audit chain', withLogs(logs, async () => {
    const audit = await verifyAuditChain(ds);
    console.log(`[reliability] 4. audit chain: ${audit.checked} events in ${audit.streams} chains checked, problems: ${audit.problems.length}`);
    expect(audit.problems).toEqual([]);
  }));
});

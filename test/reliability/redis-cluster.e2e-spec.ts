import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { ApiClient, printFigures, ReliabilityEnv, verifyAuditChain, waitFor, withLogs } from '../../libs/testing/src/processes';
import { insertSignedLetterFixture, positionIdOf, userIdOf } from '../../libs/testing/src/letters-fixture';
import { openNotificationStream, SseStream } from '../../libs/testing/src/sse-client';
import { redisOptions } from '../../libs/queue/src/redis-connection';
import { notificationBusChannel } from '../../libs/notification/src/notification-bus';
import { deliveryReport, unsentOutbox, violations } from './invariants';
import { Tally } from './flows';

/**
 * Reliability: the product on a Redis Cluster — three masters with one replica each (six real
 * redis-server processes, `--cluster-enabled yes`, made by `redis-cli --cluster create`) — with
 * two API processes and a worker configured by REDIS_CLUSTER_NODES and the hash-tagged
 * QUEUE_PREFIX `{rel}` (REDIS_WAIT_REPLICAS=1). Every Redis use of the product runs there: the login
 * limiter (Lua scripts and MULTI over several keys), stream tickets, the acting-positions cache
 * invalidated across processes by pub/sub, the notification bus feeding the live stream, BullMQ
 * (outbox → queue → worker). Then the master holding the product's slot is SIGKILLed mid-load: the
 * cluster promotes its replica, every client follows, and once the killed node is back (as the
 * new master's replica, so that WAIT can be answered again) the outbox drains: nothing lost,
 * nothing twice. Last, the node that carries the live stream's subscription (any of the six:
 * ioredis picks one) is killed: the subscription moves to another node and the next
 * notification still reaches the stream.
 */
const LETTERS = 16;
const KILL_AFTER = 6;
const PACE_MS = 150;
const PASSWORD = 'Naskah#2026';

describe('reliability: the product on a Redis Cluster (3 masters + 3 replicas), and the master of its slot killed', () => {
  let env: ReliabilityEnv | undefined;
  let a: ApiClient;
  let b: ApiClient;
  let portB: number;
  let apiBPid = 0;
  let ds: DataSource;
  let stream: SseStream | undefined;
  let slotMaster = '';
  const sendIds: string[] = [];
  let circularId = '';
  let circularTargets = 0;
  const tally = new Tally();
  const figures: Record<string, number | string> = {};
  const logs = () => env;

  beforeAll(async () => {
    const t0 = Date.now();
    env = await ReliabilityEnv.create('redis-cluster', { redisPersistent: false, cluster: { masters: 3 }, appEnv: { LOGIN_MAX_ATTEMPTS: '3', LOGIN_DELAY_SECONDS: '60' } });
    figures['cluster created (ms)'] = Date.now() - t0;
    const apiA = await env.api('api-a');
    const apiB = await env.api('api-b');
    a = apiA.client;
    b = apiB.client;
    portB = apiB.port;
    await env.startAll(apiA.proc, apiB.proc, env.worker());
    apiBPid = apiB.proc.pid!;
    ds = await env.dataSource();
    slotMaster = await env.cluster!.masterOf('{rel}');
    figures['environment ready (ms)'] = Date.now() - t0;
  }, 180_000);

  afterAll(async () => {
    stream?.close();
    await env?.shutdown();
  }, 60_000);

  it('runs against the cluster: /health/ready names the master of the {rel} slot', withLogs(logs, async () => {
    for (const api of [a, b]) {
      const ready = await api.request('GET', '/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.info.redis).toEqual({ status: 'up', master: slotMaster });
    }
  }));

  it('limits sign-in attempts on the cluster (scripts over four keys): 3 wrong passwords, then the account waits, through either API', withLogs(logs, async () => {
    const wrong = await Promise.all([a, b, a].map((api) => api.request('POST', '/api/auth/login', { body: { username: 'staf.umum.5204', password: 'salah-sandi' } })));
    expect(wrong.map((r) => r.status)).toEqual([401, 401, 401]);
    // the fourth attempt, even with the right password, waits LOGIN_DELAY_SECONDS — on the other process too: the count is in the cluster
    const held = await b.request('POST', '/api/auth/login', { body: { username: 'staf.umum.5204', password: PASSWORD } });
    expect([held.status, held.body.code]).toEqual([429, 'TOO_MANY_LOGIN_ATTEMPTS']);
    expect(Number(held.headers!.get('retry-after'))).toBeGreaterThan(50);
    expect(Number(held.headers!.get('retry-after'))).toBeLessThanOrEqual(60);
    const account = `{rel}:app:{rel}:login:acct:u:${await userIdOf(ds, 'staf.umum.5204')}`;
    expect(await env!.cluster!.ask(Number(slotMaster.split(':')[1]), 'HGET', account, 'f')).toBe('3');
    // another account signs in at once
    expect((await a.request('POST', '/api/auth/login', { body: { username: 'sekretaris.52', password: PASSWORD } })).status).toBe(200);
  }));

  it('drops an identity cached by the other API within moments (pub/sub across the cluster)', withLogs(logs, async () => {
    const admin = await a.login('admin');
    const username = `klaster.${Date.now().toString(36)}`;
    const created = await a.request('POST', '/api/admin/users', { token: admin, body: { username, fullName: 'Pengguna Uji Klaster', password: 'Rahasia-Uji-2026', positionId: await positionIdOf(ds, '5204', 'STAF-KUL') } });
    expect(created.status).toBe(201);
    const token = await b.login(username, 'Rahasia-Uji-2026');
    expect((await b.request('GET', '/api/inbox?pageSize=1', { token })).status).toBe(200);
    expect((await b.request('GET', '/api/inbox?pageSize=1', { token })).status).toBe(200); // now cached by B
    expect((await a.request('PATCH', `/api/admin/users/${created.body.id}`, { token: admin, body: { version: created.body.version, isActive: false } })).status).toBe(200);
    const t0 = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - t0 < 2_000) {
      status = (await b.request('GET', '/api/inbox?pageSize=1', { token })).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 10));
    }
    expect(status).toBe(401);
    figures['deactivation at API A → refused at API B (ms)'] = Date.now() - t0;
  }));

  it('sends letters and a circular through outbox → BullMQ → worker while the master of the slot is killed and its replica promoted; never a 500', withLogs(logs, async () => {
    const drafter = await a.login('kasubbag.umum.5204');
    const reader = await b.login('sekretaris.52');
    // the reader's live stream on API B (a stream ticket kept in the cluster, then the notification bus)
    stream = await openNotificationStream(portB, reader);
    expect(stream.res.statusCode).toBe(200);
    // the circular: from KPU Provinsi 52 to each of its regencies and cities
    const regencies: { code: string }[] = await ds.query(`SELECT code FROM offices WHERE code LIKE '52__' ORDER BY code`);
    expect(regencies.length).toBeGreaterThanOrEqual(5);
    circularTargets = regencies.length;
    circularId = (await insertSignedLetterFixture(ds, { office: '52', subject: 'Surat edaran: jadwal rekapitulasi', to: regencies.map((r) => ({ office: r.code })) })).letterId;
    const [provinceDrafter] = await ds.query(`SELECT u.username FROM users u JOIN positions p ON p.id = u.position_id JOIN offices o ON o.id = p.office_id WHERE o.code = '52' AND p.code = 'KABAG-KUL' ORDER BY u.id LIMIT 1`);
    const circularSent = await a.request('POST', `/api/letters/${circularId}/send`, { token: await a.login(provinceDrafter.username) });
    expect(circularSent.status).toBe(201);
    for (let i = 0; i < LETTERS; i++) {
      sendIds.push((await insertSignedLetterFixture(ds, { office: '5204', subject: `Laporan rekapitulasi ${i}`, to: [{ office: '52', position: 'SEKRETARIS' }, { office: '5271' }] })).letterId);
    }

    const work = [...sendIds];
    let sent = 0;
    const statuses: number[] = [];
    const senders = Promise.all([a, b].map(async (api) => {
      for (let id = work.shift(); id; id = work.shift()) {
        const res = tally.add(`send ${id}`, await api.request('POST', `/api/letters/${id}/send`, { token: drafter }));
        statuses.push(res.status);
        sent += 1;
        await new Promise((r) => setTimeout(r, PACE_MS));
      }
    }));
    let stopReads = false;
    let reads = 0;
    const readers = (async () => {
      while (!stopReads) {
        tally.add('inbox', await b.request('GET', '/api/inbox?pageSize=20', { token: reader }));
        tally.add('notifications', await a.request('GET', '/api/notifications', { token: reader }));
        reads += 2;
        await new Promise((r) => setTimeout(r, 50));
      }
    })();

    await waitFor(`${KILL_AFTER} sends before the kill`, () => sent >= KILL_AFTER, { timeoutMs: 60_000, everyMs: 5 });
    const sentAtKill = sent;
    const victim = env!.cluster!.node(slotMaster);
    const survivor = env!.cluster!.nodes.find((n) => n !== victim)!;
    const t0 = Date.now();
    await victim.kill(); // kill -9 of the master that holds every key of the product
    let promoted = '';
    await waitFor('the cluster promotes the replica of the killed master', async () => {
      promoted = await env!.cluster!.masterOf('{rel}', survivor.port).catch(() => '');
      return promoted !== '' && promoted !== slotMaster;
    }, { timeoutMs: 30_000, everyMs: 100 });
    figures['master killed → replica promoted (ms)'] = Date.now() - t0;
    await waitFor('both APIs ready on the promoted master', async () => {
      for (const api of [a, b]) {
        const r = await api.request('GET', '/health/ready', { timeoutMs: 3000 });
        if (r.status !== 200 || r.body.info?.redis?.master !== promoted) return false;
      }
      return true;
    }, { timeoutMs: 30_000, everyMs: 100 });
    figures['master killed → both APIs ready on the promoted master (ms)'] = Date.now() - t0;
    // the killed node comes back: it rejoins as the promoted master's replica, so WAIT 1 is answered again
    await victim.start();
    env!.recordPids();
    await env!.cluster!.waitHealthy(env!.cluster!.nodes);
    const rows = await env!.cluster!.clusterNodes(survivor.port);
    const promotedRow = rows.find((r) => r.addr === promoted)!;
    expect(rows.find((r) => r.addr === slotMaster)).toMatchObject({ master: false, masterId: promotedRow.id });
    figures['master killed → killed node back as a replica (ms)'] = Date.now() - t0;
    // a letter sent now is delivered through the promoted master
    const probe = await insertSignedLetterFixture(ds, { office: '5204', subject: 'Laporan sesudah failover', to: [{ office: '52', position: 'SEKRETARIS' }] });
    sendIds.push(probe.letterId);
    tally.add('send after failover', await b.request('POST', `/api/letters/${probe.letterId}/send`, { token: drafter }));
    await waitFor('a letter sent after the failover delivered', async () => Number((await ds.query('SELECT COUNT(*) AS n FROM deliveries d JOIN transmissions t ON t.id = d.transmission_id WHERE t.letter_id = ?', [probe.letterId]))[0].n) === 1, { timeoutMs: 60_000, everyMs: 100 });
    figures['master killed → first delivery through the promoted master (ms)'] = Date.now() - t0;

    await senders;
    stopReads = true;
    await readers;
    figures['sends before the kill'] = sentAtKill;
    figures.requests = `${tally.total} (${LETTERS + 1} sends, ${reads} reads)`;
    figures.answers = tally.summary();
    expect(tally.serverErrors).toEqual([]);
    expect(tally.bad503).toEqual([]);
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    expect(statuses).toHaveLength(LETTERS);
  }), 120_000);

  it('moves the live stream\'s subscription when the node carrying it is killed: the next notification still arrives', withLogs(logs, async () => {
    // API B's notification bus (the reader's stream) listens on one node of the six, chosen by ioredis; its connection is named after the process
    const name = `ioredis-cluster(subscriber):naskah-notification-bus-${apiBPid}`;
    const carrierOfB = async () => {
      for (const n of env!.cluster!.nodes.filter((x) => x.proc.running)) {
        const clients = String(await env!.cluster!.ask(n.port, 'CLIENT', 'LIST', 'TYPE', 'pubsub').catch(() => ''));
        if (clients.split('\n').some((line) => line.includes(` name=${name} `) && / sub=1 /.test(line))) return n.port;
      }
      return null;
    };
    const carrier = await carrierOfB();
    expect(carrier).not.toBeNull();
    const [, numsub] = (await env!.cluster!.ask(carrier!, 'PUBSUB', 'NUMSUB', notificationBusChannel(env!.queuePrefix))) as [string, number];
    expect(Number(numsub)).toBeGreaterThanOrEqual(1); // and it is the notification channel that it listens to
    const node = env!.cluster!.nodes.find((n) => n.port === carrier)!;
    const t0 = Date.now();
    await node.kill();
    let moved: number | null = null;
    await waitFor('API B subscribed on another node', async () => (moved = await carrierOfB()) !== null, { timeoutMs: 20_000, everyMs: 50 });
    expect(moved).not.toBe(carrier);
    figures['subscriber\'s node killed → subscribed on another node (ms)'] = Date.now() - t0;
    // back as a replica (or still one): the cluster whole again, WAIT answered
    await node.start();
    env!.recordPids();
    await env!.cluster!.waitHealthy(env!.cluster!.nodes);
    const drafter = await a.login('kasubbag.umum.5204');
    const letter = await insertSignedLetterFixture(ds, { office: '5204', subject: 'Laporan sesudah pindah langganan', to: [{ office: '52', position: 'SEKRETARIS' }] });
    sendIds.push(letter.letterId);
    expect(tally.add('send after the subscriber moved', await a.request('POST', `/api/letters/${letter.letterId}/send`, { token: drafter })).status).toBe(201);
    await waitFor('the stream to carry the notification of that letter', () =>
      stream!.events.some((e) => e.event === 'notification' && String(e.data?.payload?.letterId ?? e.data?.letterId) === letter.letterId), { timeoutMs: 30_000, everyMs: 100 });
    figures['subscriber\'s node killed → notification of a new letter on the stream (ms)'] = Date.now() - t0;
  }), 90_000);

  it('loses no letter, delivery, job or notification and does nothing twice; the outbox drains', withLogs(logs, async () => {
    const all = [circularId, ...sendIds];
    const t0 = Date.now();
    await waitFor('every transmission dispatched and the outbox empty', async () => {
      const [t] = await ds.query(`SELECT COUNT(*) AS n, SUM(dispatched_at IS NULL) AS pending FROM transmissions WHERE letter_id IN (${all.map(() => '?').join(',')})`, all);
      return Number(t.n) === all.length && Number(t.pending) === 0 && (await unsentOutbox(ds)) === 0;
    }, { timeoutMs: 60_000, everyMs: 200 });
    figures['drain after the load (ms)'] = Date.now() - t0;

    const report = await deliveryReport(ds, all);
    const expectedDeliveries = circularTargets + LETTERS * 2 + 2; // and the two one-recipient letters sent after each kill
    const notes: { letter: string; n: string }[] = await ds.query(
      `SELECT JSON_VALUE(n.payload, '$.letterId') AS letter, COUNT(*) AS n FROM notifications n JOIN users u ON u.id = n.user_id
       WHERE u.username = 'sekretaris.52' AND n.type = 'LETTER_RECEIVED' GROUP BY letter`,
    );
    const perLetter = new Map(notes.map((r) => [String(r.letter), Number(r.n)]));
    const failed: Record<string, number> = {};
    for (const name of ['dispatch', 'notifications']) {
      const q = new Queue(name, { connection: redisOptions({ REDIS_URL: '', REDIS_CLUSTER_NODES: env!.cluster!.nodeList }), prefix: env!.queuePrefix });
      failed[name] = (await q.getJobCounts('failed')).failed;
      await q.close();
    }
    // the live stream: the notification of the letter sent after the failover arrives too (the bus followed the cluster)
    await waitFor('the stream to carry the notification of the letter sent after the failover', () =>
      !!stream && stream.events.some((e) => e.event === 'notification' && String(e.data?.payload?.letterId ?? e.data?.letterId) === sendIds[LETTERS]), { timeoutMs: 15_000, everyMs: 100 });
    const pushed = stream!.events.filter((e) => e.event === 'notification').map((e) => String(e.id));
    // every key of the product on one master (the hash tag's slot), none elsewhere
    const keys = await env!.cluster!.keys('*rel*');
    const promoted = await env!.cluster!.masterOf('{rel}');
    const elsewhere = [...keys].filter(([addr]) => addr !== promoted).flatMap(([, k]) => k);

    printFigures('the product on a Redis Cluster, the master of its slot killed', {
      ...figures,
      'items checked': `${all.length} sends (${LETTERS + 2} letters, 1 circular to ${circularTargets} offices) → ${expectedDeliveries} deliveries expected, ${report.deliveries} found; ${notes.length} letters notified to sekretaris.52`,
      'items lost': report.missing + (sendIds.length - notes.length),
      'items doubled': report.extra + report.duplicateAgenda + [...perLetter.values()].filter((n) => n > 1).length + (pushed.length - new Set(pushed).size),
      'notifications pushed on the live stream': `${pushed.length} of ${notes.length} (${new Set(pushed).size} distinct)`,
      'failed jobs (dispatch, notifications)': `${failed.dispatch}, ${failed.notifications}`,
      'keys of the product': `${keys.get(promoted)?.length ?? 0} on ${promoted}, ${elsewhere.length} on the other masters`,
    });
    expect(report).toMatchObject({ transmissions: all.length, deliveries: expectedDeliveries, missing: 0, extra: 0, undispatched: 0 });
    expect(violations(report)).toBe(0);
    expect(sendIds.filter((id) => perLetter.get(id) !== 1)).toEqual([]);
    expect(pushed.length).toBe(new Set(pushed).size);
    expect(failed).toEqual({ dispatch: 0, notifications: 0 });
    expect(keys.get(promoted)!.filter((k) => k.startsWith('{rel}:dispatch:')).length).toBeGreaterThan(0);
    expect(elsewhere).toEqual([]);
  }), 90_000);

  it('the worker stops on SIGTERM without hanging on its cluster connections', withLogs(logs, async () => {
    const worker = env!.apps.find((p) => p.name === 'worker')!;
    const t0 = Date.now();
    await worker.stop(30_000); // SIGTERM; SIGKILL only after 30 s
    printFigures('the product on a Redis Cluster: stop', { 'worker SIGTERM → exited (ms)': Date.now() - t0 });
    // Nest's shutdown hooks close the app (workers, queues, Redis clients), then the worker exits 0: a hang would end in the SIGKILL
    expect(readFileSync(join(env!.dir, 'worker.log'), 'utf8')).toMatch(/===== worker \(pid \d+\) exited: code 0\n$/);
    expect(Date.now() - t0).toBeLessThan(30_000);
  }), 60_000);

  it('keeps an intact audit chain', withLogs(logs, async () => {
    const audit = await verifyAuditChain(ds);
    expect(audit.problems).toEqual([]);
  }));
});

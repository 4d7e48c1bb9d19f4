import { rmSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '@naskah/db';
import { ApiClient, MariaDbServer, ManagedProcess, printFigures, ReliabilityEnv, sleep, verifyAuditChain, waitFor, withLogs } from '../../libs/testing/src/processes';
import { approvedLetter, draftBody, positionsOf, Tally } from './flows';

/**
 * Reliability: read replicas (issue 15). A real MariaDB primary with its binlog (ROW, GTID) and a
 * real replica fed by binlog replication (CHANGE MASTER … MASTER_USE_GTID=slave_pos), the API with
 * DATABASE_REPLICA_URLS and a lag bound of MAX_LAG seconds, a worker (deliveries).
 *
 * How the test knows which server answered: once the replica holds the "marker" letter, its copy of
 * that letter's subject (letters and deliveries rows) gets the suffix " [replika]" on the replica
 * only (the replica writes no binlog, so the primary never sees it). A list showing the suffix was
 * read from the replica; one without it, from the primary. Nothing in the test touches those rows
 * on the primary again, so replication never overwrites the marker.
 *
 *  a. inbox, outbox, search and worklist reads land on the replica; the writer's own reads stay on
 *     the primary for the read-your-writes window, then move to the replica;
 *  b. the replica is shut down under steady reads → the reads go on from the primary, 0 errors;
 *     restarted → it catches up (a letter sent meanwhile arrives) and takes reads again;
 *  c. its SQL thread is stopped (lag grows) → the sender sees the new letter in their outbox at
 *     once (read-your-writes); another user's list is served from the replica at most until the
 *     lag passes the bound, then from the primary; /health/replicas shows the lag and LAGGING.
 */
const MAX_LAG = 2;
const READERS = 4;
const SUFFIX = ' [replika]';
const SUITE = 'read-replicas';
/** NASKAH_REL_REPLICA_PORTS=primary,replica pins the two MariaDB ports (default: free ones). */
const PORTS = (process.env.NASKAH_REL_REPLICA_PORTS ?? '').split(',').map(Number).filter((n) => n > 0);

describe('reliability: read replicas (MariaDB primary + binlog replica)', () => {
  let env: ReliabilityEnv | undefined;
  let replica: MariaDbServer;
  let client: ApiClient;
  let api: ManagedProcess;
  let primaryDs: DataSource;
  let replicaDs: DataSource | undefined;
  let drafter: string;
  let signer: string;
  let reader: string;
  let p5204: Record<string, number>;
  let p52: Record<string, number>;
  let markerId = '';
  let failed = false;
  const figures: Record<string, string | number> = {};
  const logs = () => env;

  /** A letter from kasubbag.umum.5204 to sekretaris.52, signed by ketua.5204 and sent; its id. */
  const sendLetter = async (subject: string): Promise<string> => {
    const id = await approvedLetter(client, drafter, draftBody(p5204.KETUA, [{ kind: 'TO', positionId: p52.SEKRETARIS }], { subject }));
    const signed = await client.request('POST', `/api/letters/${id}/sign`, { token: signer, body: { password: 'Naskah#2026' } });
    if (signed.status !== 201) throw new Error(`sign: ${signed.status} ${JSON.stringify(signed.body)}`);
    const sent = await client.request('POST', `/api/letters/${id}/send`, { token: drafter });
    if (sent.status !== 201) throw new Error(`send: ${sent.status} ${JSON.stringify(sent.body)}`);
    return id;
  };
  const replicaStatus = async () => (await client.request('GET', '/health/replicas')).body.replicas[0];
  const inboxOf = (token: string) => client.request('GET', '/api/inbox?pageSize=50', { token });
  const sentOf = (token: string) => client.request('GET', '/api/outbox?box=sent&pageSize=50', { token });
  /** Whether a list came from the replica: the marker letter carries the replica's suffix. */
  const fromReplica = (items: { letterId?: string; id: string; subject: string }[]) => {
    const m = items.find((i) => String(i.letterId ?? i.id) === markerId);
    if (!m) throw new Error(`the marker letter ${markerId} is not in the list`);
    return m.subject.endsWith(SUFFIX);
  };
  /** A statement on the replica; retried, since after the replica's restart the pool may hand out a connection that died with it. */
  const onReplica = async (sql: string, params: unknown[] = []) => {
    for (let i = 1; ; i++) {
      try {
        return await replicaDs!.query(sql, params);
      } catch (err) {
        if (i >= 3) throw err;
      }
    }
  };
  const replicaHas = async (letterId: string) => Number((await onReplica('SELECT COUNT(*) AS n FROM deliveries WHERE letter_id = ?', [letterId]))[0].n) > 0;

  beforeAll(async () => {
    env = await ReliabilityEnv.create(SUITE, { mariadbArgs: ['--server-id=1', '--log-bin=bin', '--binlog-format=ROW'], mariadbPort: PORTS[0] });
    // the primary: migrated (the template is; this proves nothing is pending), a replication user
    await runMigrations(env.databaseUrl);
    primaryDs = await env.dataSource();
    await primaryDs.query("CREATE USER 'repl'@'127.0.0.1' IDENTIFIED BY 'repl-pw-naskah'");
    await primaryDs.query("GRANT REPLICATION SLAVE ON *.* TO 'repl'@'127.0.0.1'");
    // the replica: a clone of the same data directory the primary started from, then binlog replication by GTID
    replica = await env.replica('replica', ['--server-id=2', '--read-only=1', '--relay-log=relay'], PORTS[1]);
    replicaDs = new DataSource(dataSourceOptions(replica.url(), { poolSize: 2 } as never));
    await replicaDs.initialize();
    await replicaDs.query(
      `CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=${env.mariadb.port}, MASTER_USER='repl', MASTER_PASSWORD='repl-pw-naskah', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1`,
    );
    await replicaDs.query('START SLAVE');
    await waitFor('the replica to connect to the primary', async () => {
      const [s] = await replicaDs!.query('SHOW SLAVE STATUS');
      return s?.Slave_IO_Running === 'Yes' && s?.Slave_SQL_Running === 'Yes';
    }, { timeoutMs: 30_000 });
    ({ proc: api, client } = await env.api('api', { DATABASE_REPLICA_URLS: replica.url(), DATABASE_REPLICA_MAX_LAG_SECONDS: String(MAX_LAG) }));
    await env.startAll(api, env.worker());
    drafter = await client.login('kasubbag.umum.5204');
    signer = await client.login('ketua.5204');
    reader = await client.login('sekretaris.52');
    p5204 = await positionsOf(primaryDs, '5204');
    p52 = await positionsOf(primaryDs, '52');
  }, 300_000);

  afterAll(async () => {
    await replicaDs?.destroy().catch(() => undefined);
    await env?.shutdown();
    if (env && !failed) rmSync(env.dir, { recursive: true, force: true }); // a failed run keeps its logs and data directories
  }, 120_000);

  const step = (fn: () => Promise<void>) => withLogs(logs, async () => {
    try {
      await fn();
    } catch (err) {
      failed = true;
      throw err;
    }
  });

  it('a. sends inbox, outbox, search and worklist reads to the replica; the writer reads the primary for the read-your-writes window', step(async () => {
    markerId = await sendLetter('Penanda replika pemilihan');
    await waitFor('the marker letter delivered and replicated', () => replicaHas(markerId), { timeoutMs: 30_000, everyMs: 100 });
    await onReplica('UPDATE letters SET subject = CONCAT(subject, ?) WHERE id = ?', [SUFFIX, markerId]);
    await onReplica('UPDATE deliveries SET subject = CONCAT(subject, ?) WHERE letter_id = ?', [SUFFIX, markerId]);
    await waitFor('the API to take the replica into use', async () => (await replicaStatus()).inUse === true, { timeoutMs: 10_000 });

    // the reader never wrote: every list comes from the replica
    const before = (await replicaStatus()).reads;
    let inboxFromReplica = 0;
    for (let i = 0; i < 20; i++) {
      const res = await inboxOf(reader);
      expect(res.status).toBe(200);
      if (fromReplica(res.body.items)) inboxFromReplica += 1;
    }
    expect(inboxFromReplica).toBe(20);
    // a sorted page and its total too: only the replica's copy carries the suffix (the primary would answer 0)
    const sorted = await client.request('GET', `/api/inbox?q=${encodeURIComponent(SUFFIX.trim())}&sort=-urgency`, { token: reader });
    expect(sorted.status).toBe(200);
    expect({ total: sorted.body.total, letters: sorted.body.items.map((i: { letterId: string }) => i.letterId) }).toEqual({ total: 1, letters: [markerId] });
    const search = await client.request('GET', '/api/search?q=Penanda%20replika', { token: reader });
    expect(search.status).toBe(200);
    expect(search.body.items.map((i: { subject: string }) => i.subject)).toContain(`Penanda replika pemilihan${SUFFIX}`);
    expect((await client.request('GET', '/api/worklist', { token: reader })).status).toBe(200);
    const reads = (await replicaStatus()).reads - before;
    expect(reads).toBeGreaterThanOrEqual(22);

    // the drafter writes (a new draft): their outbox is read on the primary (no suffix) until the window ends, then on the replica
    const draft = await client.request('POST', '/api/letters', { token: drafter, body: draftBody(p5204.KETUA, [{ kind: 'TO', positionId: p52.SEKRETARIS }], { subject: 'Konsep baru' }) });
    expect(draft.status).toBe(201);
    const own = await sentOf(drafter);
    expect(own.status).toBe(200);
    expect(fromReplica(own.body.items)).toBe(false);
    const status = (await client.request('GET', '/health/replicas')).body;
    expect(status.readYourWritesSeconds).toBe(MAX_LAG + 3);
    const ryw = await waitFor("the drafter's outbox to come from the replica once the window has passed", async () => fromReplica((await sentOf(drafter)).body.items), { timeoutMs: 15_000, everyMs: 250 });
    expect(ryw).toBeGreaterThan(1000); // the window was still open right after the send

    const ready = await client.request('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.details.replicas).toMatchObject({ status: 'up', message: expect.stringContaining('1 dari 1 replika dipakai') });
    const metrics = await client.request('GET', '/metrics');
    expect(String(metrics.body)).toMatch(/naskah_db_replica_in_use\{replica="127\.0\.0\.1:\d+\/naskah"\} 1/);
    expect(String(metrics.body)).toMatch(/naskah_db_replica_lag_seconds\{replica="127\.0\.0\.1:\d+\/naskah"\} [0-9.]+/);
    Object.assign(figures, {
      'a. reads of a user who did not write': `inbox 20/20 from the replica, search and worklist too (${reads} reads on the replica)`,
      'a. writer (read-your-writes)': `outbox from the primary right after their write (a new draft), from the replica ${ryw} ms later (window ${MAX_LAG + 3} s)`,
    });
  }), 90_000);

  it('b. replica shut down under steady reads → reads continue from the primary, 0 errors; restarted → it catches up and takes reads again', step(async () => {
    const tally = new Tally();
    let stop = false;
    const served: { at: number; replica: boolean }[] = [];
    const load = Promise.all(Array.from({ length: READERS }, async () => {
      while (!stop) {
        const res = tally.add('inbox', await inboxOf(reader));
        if (res.status === 200) served.push({ at: Date.now(), replica: fromReplica(res.body.items) });
        else await sleep(20);
      }
    }));
    try {
      await sleep(500);
      const stoppedAt = Date.now();
      await replica.stop();
      const downMs = Date.now() - stoppedAt;
      await waitFor('/health/replicas to show the replica UNREACHABLE', async () => (await replicaStatus()).skippedBecause === 'UNREACHABLE', { timeoutMs: 10_000 });
      const sentMeanwhile = await sendLetter('Surat selama replika mati');
      await sleep(1500);
      const lastFromReplica = Math.max(...served.filter((s) => s.replica).map((s) => s.at));
      const duringOutage = served.filter((s) => s.at > lastFromReplica).length;
      const startedAt = Date.now();
      await replica.start();
      const answersAt = Date.now();
      env!.recordPids();
      await waitFor('the replica to take reads again', () => served.length > 0 && served[served.length - 1].replica && served[served.length - 1].at > answersAt, { timeoutMs: 30_000, everyMs: 20 });
      const firstReplicaRead = served.find((x) => x.replica && x.at > answersAt)!.at;
      await waitFor('the replica to catch up with the letter sent while it was down', () => replicaHas(sentMeanwhile), { timeoutMs: 30_000, everyMs: 100 });
      const health = await replicaStatus();
      expect(health).toMatchObject({ up: true, inUse: true, skippedBecause: null });
      await sleep(500);
      Object.assign(figures, {
        'b. requests (inbox, 4 readers)': `${tally.total}: ${tally.summary()}`,
        'b. errors': tally.serverErrors.length + tally.count((s) => s !== 200),
        'b. time to fall back': `last replica answer ${Math.max(0, lastFromReplica - stoppedAt)} ms after the shutdown began (shutdown took ${downMs} ms); ${duringOutage} reads from the primary while it was down`,
        'b. time to recover': `replica restarted in ${answersAt - startedAt} ms, first read on it ${firstReplicaRead - answersAt} ms after it answered; it holds the letter sent while it was down`,
        'b. reads the replica failed, answered by the primary': health.fallbacks,
      });
      expect(duringOutage).toBeGreaterThan(10);
    } finally {
      stop = true;
      await load;
    }
    expect(tally.serverErrors).toEqual([]);
    expect(tally.count((s) => s !== 200)).toBe(0);
  }), 90_000);

  it('c. replica lagging (SQL thread stopped) → the sender sees their letter at once, another user reads the primary once the lag passes the bound', step(async () => {
    await onReplica('STOP SLAVE SQL_THREAD');
    const stoppedAt = Date.now();
    const id = await sendLetter('Surat ketika replika tertinggal');
    // read-your-writes: the sender's outbox has it at once, from the primary
    const own = await sentOf(drafter);
    expect(own.status).toBe(200);
    expect(own.body.items.map((i: { id: string }) => String(i.id))).toContain(id);
    expect(fromReplica(own.body.items)).toBe(false);

    // the reader did not write: from the replica (stale: no new letter) until the lag passes MAX_LAG, then the primary
    const tally = new Tally();
    let lastStale = 0;
    let seenAt = 0;
    let staleWithNewLetter = 0;
    await waitFor('the reader to see the new letter (from the primary once the replica lags too far)', async () => {
      const res = tally.add('inbox', await inboxOf(reader));
      if (res.status !== 200) return false;
      const has = res.body.items.some((i: { letterId: string }) => String(i.letterId) === id);
      if (fromReplica(res.body.items)) {
        if (has) staleWithNewLetter += 1; // would mean the replica was not lagging
        lastStale = Date.now();
        return false;
      }
      if (!has) return false; // the worker has not delivered it yet
      seenAt = Date.now();
      return true;
    }, { timeoutMs: 20_000, everyMs: 50 });
    expect(staleWithNewLetter).toBe(0);
    const status = await replicaStatus();
    expect(status).toMatchObject({ up: true, inUse: false, skippedBecause: 'LAGGING' });
    expect(status.lagSeconds).toBeGreaterThan(MAX_LAG);
    const staleFor = lastStale ? lastStale - stoppedAt : 0;
    // lag measured by a heartbeat written every second and checked every second: skipped at most ~2 s after it passes the bound
    expect(staleFor).toBeLessThan((MAX_LAG + 3) * 1000);
    expect(tally.count((s) => s !== 200)).toBe(0);

    await onReplica('START SLAVE SQL_THREAD');
    const backMs = await waitFor('the caught-up replica to take reads again', async () => {
      const res = await inboxOf(reader);
      return res.status === 200 && fromReplica(res.body.items) && res.body.items.some((i: { letterId: string }) => String(i.letterId) === id);
    }, { timeoutMs: 15_000, everyMs: 50 });
    Object.assign(figures, {
      'c. sender (read-your-writes)': 'new letter in their outbox at once, from the primary',
      'c. reader': `stale replica lists for ${staleFor} ms after the SQL thread stopped (bound ${MAX_LAG} s + check granularity), new letter seen ${seenAt - stoppedAt} ms after; ${tally.total} reads, ${tally.count((s) => s !== 200)} errors`,
      'c. /health/replicas while lagging': `inUse=false skippedBecause=LAGGING lagSeconds=${status.lagSeconds?.toFixed(2)}`,
      'c. back on the replica after START SLAVE SQL_THREAD': `${backMs} ms`,
    });
  }), 60_000);

  it('keeps an intact audit chain and the same API process throughout', step(async () => {
    const audit = await verifyAuditChain(primaryDs);
    expect(audit.problems).toEqual([]);
    expect([api.running, api.starts]).toEqual([true, 1]);
    printFigures('read replicas (MariaDB primary + binlog replica, GTID)', { 'max lag (DATABASE_REPLICA_MAX_LAG_SECONDS)': MAX_LAG, ...figures, 'audit chain': `${audit.checked} events, ${audit.problems.length} problems` });
  }));
});

import IORedis from 'ioredis';
import type { DataSource } from 'typeorm';
import { ApiClient, freePort, printFigures, ReliabilityEnv, verifyAuditChain, waitFor, withLogs } from '../../libs/testing/src/processes';
import { insertSignedLetterFixture } from '../../libs/testing/src/letters-fixture';
import { deliveryReport, unsentOutbox, violations } from './invariants';

/**
 * Reliability 7 (issue 16, items 2 and 3): Redis is demoted under a running API and worker — made a
 * replica of a master that does not exist (`REPLICAOF`), so it keeps its data and answers PING and
 * reads, and refuses every write with READONLY, as a Redis demoted by a failover does. Ready must
 * fail within seconds, naming Redis, and recover when Redis is writable again (`REPLICAOF NO ONE`);
 * a send still answers 201 and waits in the outbox, whose age rises and is reported; the letter's
 * page and the administrators are told once it is late; nothing is lost once Redis is back.
 */
const LATE_SECONDS = 3;

describe('reliability: Redis made read-only under a running API and worker', () => {
  let env: ReliabilityEnv | undefined;
  let client: ApiClient;
  let ds: DataSource;
  let redis: IORedis;
  const logs = () => env;
  const figures: Record<string, number | string> = {};
  const letters: string[] = [];
  let drafter = '';
  let admin = '';

  const ready = () => client.request('GET', '/health/ready', { timeoutMs: 5000 });
  const pipeline = () => client.request('GET', '/health/pipeline', { timeoutMs: 5000 });
  const letter = async (id: string) => (await client.request('GET', `/api/letters/${id}`, { token: drafter })).body;
  const send = async (subject: string) => {
    const { letterId } = await insertSignedLetterFixture(ds, { office: '5204', subject, to: [{ office: '52', position: 'SEKRETARIS' }] });
    letters.push(letterId);
    return { letterId, res: await client.request('POST', `/api/letters/${letterId}/send`, { token: drafter }) };
  };
  const pipelineLateNotifications = async () =>
    Number((await ds.query("SELECT COUNT(*) AS n FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = 'admin' AND n.type = 'PIPELINE_LATE'"))[0].n);

  beforeAll(async () => {
    env = await ReliabilityEnv.create('redis-readonly', { redisPersistent: false, appEnv: { PIPELINE_LATE_SECONDS: String(LATE_SECONDS), PIPELINE_WATCH_SECONDS: '1' } });
    const api = await env.api();
    client = api.client;
    await env.startAll(api.proc, env.worker());
    ds = await env.dataSource();
    redis = new IORedis({ host: '127.0.0.1', port: env.redis.port, maxRetriesPerRequest: 1, lazyConnect: true });
    await redis.connect();
    // sign-in counts attempts in Redis: sign in while it takes writes
    drafter = await client.login('kasubbag.umum.5204');
    admin = await client.login('admin');
  }, 240_000);

  afterAll(async () => {
    redis?.disconnect();
    await env?.shutdown();
  }, 120_000);

  it('is ready and delivers while Redis takes writes', withLogs(logs, async () => {
    expect((await ready()).status).toBe(200);
    const { letterId, res } = await send('Surat sebelum Redis turun menjadi replika');
    expect(res.status).toBe(201);
    await waitFor('the letter dispatched', async () => (await letter(letterId)).delivery?.state === 'DISPATCHED', { timeoutMs: 20_000, everyMs: 100 });
  }), 60_000);

  it('fails /health/ready within seconds naming Redis (READONLY) while Redis still answers PING; a send waits in the outbox, whose age rises and is reported', withLogs(logs, async () => {
    const nowhere = await freePort();
    await redis.call('REPLICAOF', '127.0.0.1', String(nowhere));
    expect(await redis.ping()).toBe('PONG');
    figures['ready 503 after demotion (ms)'] = await waitFor('/health/ready to fail', async () => (await ready()).status === 503, { timeoutMs: 10_000, everyMs: 100 });
    const down = await ready();
    expect(down.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', details: { error: { redis: { status: 'down', message: expect.stringMatching(/^READONLY/) } }, info: { database: { status: 'up' } } } });

    const before = await unsentOutbox(ds);
    const { letterId, res } = await send('Surat saat Redis hanya-baca');
    expect(res.status).toBe(201); // sending needs only the database
    expect(await unsentOutbox(ds)).toBeGreaterThan(before);

    const first = (await pipeline()).body.outbox;
    expect(first.unrelayed).toBeGreaterThanOrEqual(1);
    let last = first;
    await waitFor('the outbox age to rise past the threshold', async () => {
      last = (await pipeline()).body.outbox;
      return last.oldestAgeSeconds > first.oldestAgeSeconds && last.oldestAgeSeconds > LATE_SECONDS;
    }, { timeoutMs: 15_000, everyMs: 250 });
    expect(new Date(last.oldestSince).getTime()).toBe(new Date(first.oldestSince).getTime()); // the same row, older
    const report = await pipeline();
    expect(report.status).toBe(503);
    expect(report.body).toMatchObject({ verdict: 'LATE', lateAfterSeconds: LATE_SECONDS, outbox: { late: true } });
    figures['outbox age reported (s)'] = `${first.oldestAgeSeconds} → ${last.oldestAgeSeconds}`;

    const metrics = await client.request('GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(Number(/^naskah_outbox_oldest_unrelayed_age_seconds (\d+)/m.exec(String(metrics.body))?.[1])).toBeGreaterThan(LATE_SECONDS);
    expect(String(metrics.body)).toMatch(/^naskah_pipeline_late 1$/m);

    // the sender's page says the letter waits, and since when
    const page = await letter(letterId);
    expect(page.delivery).toMatchObject({ state: 'WAITING', late: true, lateAfterSeconds: LATE_SECONDS });
    expect(page.delivery.ageSeconds).toBeGreaterThan(LATE_SECONDS);

    // the worker's watch runs on a timer, not a queue job, so it tells the administrators now
    await waitFor('the administrators to be notified', async () => (await pipelineLateNotifications()) >= 1, { timeoutMs: 10_000, everyMs: 250 });
    const list = await client.request('GET', '/api/notifications', { token: admin });
    expect(list.body.items.find((n: { type: string }) => n.type === 'PIPELINE_LATE')?.payload).toMatchObject({ lateAfterSeconds: LATE_SECONDS });
    expect(await pipelineLateNotifications()).toBe(1); // once per hour, though the watch runs every second
    figures['admin notifications while read-only'] = await pipelineLateNotifications();
  }), 60_000);

  it('is ready again within seconds once Redis takes writes, and relays and delivers what waited', withLogs(logs, async () => {
    await redis.call('REPLICAOF', 'NO', 'ONE');
    figures['ready 200 after promotion (ms)'] = await waitFor('/health/ready to recover', async () => (await ready()).status === 200, { timeoutMs: 10_000, everyMs: 100 });
    figures['everything relayed and dispatched after promotion (ms)'] = await waitFor('the outbox drained and every letter dispatched', async () => {
      if ((await unsentOutbox(ds)) > 0) return false;
      const [t] = await ds.query(`SELECT SUM(dispatched_at IS NULL) AS pending FROM transmissions WHERE letter_id IN (${letters.map(() => '?').join(',')})`, letters);
      return Number(t.pending) === 0;
    }, { timeoutMs: 30_000, everyMs: 200 });
    for (const id of letters) expect((await letter(id)).delivery).toMatchObject({ state: 'DISPATCHED', late: false });
    const report = await deliveryReport(ds, letters);
    expect(report).toMatchObject({ transmissions: letters.length, deliveries: letters.length, missing: 0, extra: 0, undispatched: 0 });
    expect(violations(report)).toBe(0);
    await waitFor('the pipeline to be OK again', async () => (await pipeline()).status === 200, { timeoutMs: 20_000, everyMs: 250 });

    const audit = await verifyAuditChain(ds);
    printFigures('7. Redis made read-only (REPLICAOF) under a running API and worker', {
      ...figures,
      'letters sent': letters.length,
      'items lost': report.missing,
      'items doubled': report.extra + report.duplicateAgenda,
      'audit chain': `${audit.checked} events, problems: ${audit.problems.length}`,
    });
    expect(audit.problems).toEqual([]);
  }), 60_000);
});

import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { AppConfig, ControllableClock } from '@naskah/core';
import type IORedis from 'ioredis';
import { JobName, PipelineStatusService, QueueName, REDIS } from '@naskah/queue';
import { NotificationsService, PipelineWatch } from '@naskah/notification';
import { Http, startApi } from '@naskah/testing';
import { insertSignedLetterFixture, userIdOf } from '../../libs/testing/src/letters-fixture';

const RUN = `hp${Date.now().toString(36)}`;
const LATE = 120; // PIPELINE_LATE_SECONDS' default: the rule the expectations come from

/**
 * Issue 16, items 2 and 3, inside one API process (no worker): readiness proves the database takes
 * a write, /health/pipeline and /metrics show how long work has waited, a letter whose sending
 * waits past the threshold says so, and the administrators are told once per hour.
 * (Redis turned read-only is test/reliability/redis-readonly.e2e-spec.ts: it needs a Redis of its own.)
 */
describe('health: write probes, pipeline ages, metrics, late letters', () => {
  let http: Http;
  beforeAll(async () => {
    http = await startApi();
  });
  afterAll(() => http.close());

  /** An outbox row written `ageSeconds` ago and never relayed (a harmless job if it ever is). */
  const staleOutboxRow = async (ageSeconds: number): Promise<string> => {
    const res = await http.ds.query(
      "INSERT INTO outbox (queue, job_name, job_id, payload, created_at) VALUES ('maintenance', ?, ?, '{}', CURRENT_TIMESTAMP(3) - INTERVAL ? SECOND)",
      [JobName.OUTBOX_PURGE, `${JobName.OUTBOX_PURGE}_${RUN}-${Math.random().toString(36).slice(2)}`, ageSeconds],
    );
    return String(res.insertId);
  };
  const dropOutboxRow = (id: string) => http.ds.query('DELETE FROM outbox WHERE id = ?', [id]);

  describe('/health/ready', () => {
    it('writes the database (the health_probes row moves) and Redis (a key that expires), and answers 200', async () => {
      await http.ds.query("UPDATE health_probes SET probed_at = '2000-01-01', probed_by = NULL WHERE id = 1");
      const res = await http.request('GET', '/health/ready');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, redis: { status: 'up' } } });
      const [row] = await http.ds.query('SELECT probed_at, probed_by FROM health_probes WHERE id = 1');
      expect(new Date(row.probed_at).getUTCFullYear()).toBeGreaterThan(2000);
      expect(row.probed_by).toMatch(/:\d+$/);
      const key = `health:${row.probed_by}`; // under the app client's own key prefix
      expect(await http.app.get<IORedis>(REDIS).pttl(key)).toBeGreaterThan(0);
    });

    it('answers 503 naming the database when it cannot write (its table locked), and 200 again once it can', async () => {
      const qr = http.ds.createQueryRunner();
      await qr.connect();
      try {
        await qr.query('LOCK TABLES health_probes READ');
        const res = await http.request('GET', '/health/ready');
        expect(res.status).toBe(503);
        expect(res.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', details: { error: { database: { status: 'down', message: expect.stringContaining('timeout') } }, info: { redis: { status: 'up' } } } });
      } finally {
        await qr.query('UNLOCK TABLES');
        await qr.release();
      }
      expect((await http.request('GET', '/health/ready')).status).toBe(200);
    });
  });

  describe('/health/pipeline', () => {
    it('reports the age of the oldest unrelayed outbox row, late past PIPELINE_LATE_SECONDS, as 503 LATE naming the outbox', async () => {
      const id = await staleOutboxRow(LATE * 5);
      try {
        const res = await http.request('GET', '/health/pipeline');
        expect(res.status).toBe(503);
        expect(res.body).toMatchObject({ verdict: 'LATE', lateAfterSeconds: LATE, outbox: { late: true } });
        expect(res.body.outbox.unrelayed).toBeGreaterThanOrEqual(1);
        expect(res.body.outbox.oldestAgeSeconds).toBeGreaterThanOrEqual(LATE * 5);
        expect(res.body.problems.join('\n')).toMatch(/^outbox: /m);
        expect(res.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(Object.values(QueueName).sort());
        // ages and counts only
        expect(JSON.stringify(res.body)).not.toMatch(/letter|subject|payload/i);
      } finally {
        await dropOutboxRow(id);
      }
      const after = await http.request('GET', '/health/pipeline');
      expect(after.body.outbox.late).toBe(false);
    });

    it('reports a queue whose oldest waiting job is past the threshold, with its counts', async () => {
      const q = http.app.get<Queue>(getQueueToken(QueueName.RECORDS), { strict: false });
      await q.obliterate({ force: true }); // this Jest worker's prefix only; nothing consumes it here
      const job = await q.add(JobName.RECORDS_SWEEP, { runId: null, requestedBy: null }, { jobId: `records-sweep_${RUN}`, timestamp: Date.now() - LATE * 3 * 1000 });
      try {
        const res = await http.request('GET', '/health/pipeline');
        const records = res.body.queues.find((x: { name: string }) => x.name === 'records');
        expect(records).toMatchObject({ waiting: 1, active: 0, late: true });
        expect(records.oldestWaitingAgeSeconds).toBeGreaterThanOrEqual(LATE * 3);
        expect(res.body.verdict).toBe('LATE');
        expect(res.body.problems.join('\n')).toMatch(/antrean records: 1 tugas menunggu/);
      } finally {
        await job.remove();
      }
    });
  });

  describe('/metrics', () => {
    it('serves Prometheus text to a direct local scraper: latency by route template, queue and outbox gauges, the database pool', async () => {
      const { letterId } = await insertSignedLetterFixture(http.ds, { office: '5204', to: [{ office: '52' }] });
      await http.request('GET', `/api/letters/${letterId}`, { token: await http.login('kasubbag.umum.5204') });
      const id = await staleOutboxRow(LATE * 2);
      try {
        const res = await http.request('GET', '/metrics');
        expect(res.status).toBe(200);
        expect(String(res.headers['content-type'])).toMatch(/^text\/plain; version=0\.0\.4/);
        const text = String(res.body);
        expect(text).toMatch(/^naskah_http_request_duration_seconds_count\{route="\/api\/letters\/:id",method="GET",status_code="200"\} [1-9]/m);
        expect(text).not.toContain(`/api/letters/${letterId}"`);
        const outboxAge = Number(/^naskah_outbox_oldest_unrelayed_age_seconds (\d+)/m.exec(text)?.[1]);
        expect(outboxAge).toBeGreaterThanOrEqual(LATE * 2);
        expect(text).toMatch(/^naskah_pipeline_late 1$/m);
        for (const q of Object.values(QueueName)) {
          expect(text).toMatch(new RegExp(`^naskah_queue_jobs\\{queue="${q}",state="waiting"\\} \\d+$`, 'm'));
          expect(text).toMatch(new RegExp(`^naskah_queue_oldest_waiting_age_seconds\\{queue="${q}"\\} \\d+$`, 'm'));
        }
        expect(text).toMatch(/^naskah_db_pool_connections\{state="in_use"\} \d+$/m);
        expect(text).toMatch(/^naskah_db_pool_connections\{state="limit"\} [1-9]\d*$/m);
        expect(text).toMatch(/^naskah_db_pool_waiting_requests \d+$/m);
        expect(text).toMatch(/^process_cpu_user_seconds_total /m);
      } finally {
        await dropOutboxRow(id);
      }
    });

    it('refuses a request that came through a proxy when no METRICS_TOKEN is set', async () => {
      const res = await http.request('GET', '/metrics', { headers: { 'x-forwarded-for': '203.0.113.9' } });
      expect(res).toMatchObject({ status: 403, body: { code: 'METRICS_LOOPBACK_ONLY' } });
      expect(JSON.stringify(res.body)).not.toContain('naskah_');
    });

    it('with METRICS_TOKEN set, answers only its bearer', async () => {
      process.env.METRICS_TOKEN = 'scrape-token-for-tests-0123456789';
      const other = await startApi();
      try {
        expect(await other.request('GET', '/metrics')).toMatchObject({ status: 401, body: { code: 'METRICS_TOKEN_REQUIRED' } });
        expect((await other.request('GET', '/metrics', { token: 'scrape-token-for-tests-wrong' })).status).toBe(401);
        const ok = await other.request('GET', '/metrics', { token: 'scrape-token-for-tests-0123456789', headers: { 'x-forwarded-for': '203.0.113.9' } });
        expect(ok.status).toBe(200);
        expect(String(ok.body)).toContain('naskah_outbox_unrelayed_rows');
      } finally {
        delete process.env.METRICS_TOKEN;
        await other.close();
      }
    });
  });

  describe('a letter whose sending waits', () => {
    it('shows delivery WAITING on its page, and late once it has waited past the threshold', async () => {
      const token = await http.login('kasubbag.umum.5204');
      const { letterId } = await insertSignedLetterFixture(http.ds, { office: '5204', subject: `Undangan rapat ${RUN}`, to: [{ office: '52', position: 'SEKRETARIS' }] });
      expect((await http.request('GET', `/api/letters/${letterId}`, { token })).body.delivery).toBeNull();
      expect((await http.request('POST', `/api/letters/${letterId}/send`, { token })).status).toBe(201);

      // no worker runs here: the dispatch job waits in Redis
      const fresh = (await http.request('GET', `/api/letters/${letterId}`, { token })).body.delivery;
      expect(fresh).toMatchObject({ state: 'WAITING', late: false, lateAfterSeconds: LATE, since: expect.any(String) });
      expect(fresh.ageSeconds).toBeLessThanOrEqual(LATE);

      // the same sending, as if written LATE + 60 seconds ago
      await http.ds.query('UPDATE transmissions SET created_at = created_at - INTERVAL ? SECOND WHERE letter_id = ?', [LATE + 60, letterId]);
      const late = (await http.request('GET', `/api/letters/${letterId}`, { token })).body.delivery;
      expect(late).toMatchObject({ state: 'WAITING', late: true });
      expect(late.ageSeconds).toBeGreaterThanOrEqual(LATE + 60);
      expect(Date.now() - new Date(late.since).getTime()).toBeGreaterThanOrEqual((LATE + 60) * 1000);

      // once the worker has made its deliveries, the page no longer waits
      const [tx] = await http.ds.query('SELECT id FROM transmissions WHERE letter_id = ?', [letterId]);
      await http.ds.query('UPDATE transmissions SET dispatched_at = CURRENT_TIMESTAMP(3) WHERE id = ?', [tx.id]); // as DispatchJob marks it
      const done = (await http.request('GET', `/api/letters/${letterId}`, { token })).body.delivery;
      expect(done).toMatchObject({ state: 'DISPATCHED', ageSeconds: null, late: false, since: expect.any(String) });
    });
  });

  describe('the administrators are told', () => {
    it('when the outbox is late: every active ADMIN once per hour, nobody else, no letter data', async () => {
      const at = new ControllableClock();
      at.set(new Date('2026-12-04T03:10:00Z'));
      const watch = new PipelineWatch(http.app.get(PipelineStatusService), http.app.get(NotificationsService), http.ds, http.app.get(AppConfig), at);
      const admins: { id: number }[] = await http.ds.query("SELECT u.id FROM users u JOIN user_grants g ON g.user_id = u.id AND g.role = 'ADMIN' WHERE u.is_active = 1");
      expect(admins.length).toBeGreaterThan(0);
      const staff = await userIdOf(http.ds, 'staf.umum.5204');
      const countFor = async (userId: number) => Number((await http.ds.query("SELECT COUNT(*) AS n FROM notifications WHERE user_id = ? AND type = 'PIPELINE_LATE'", [userId]))[0].n);

      const id = await staleOutboxRow(LATE * 4);
      try {
        expect(await watch.check()).toBe(admins.length);
        at.advance(40 * 60_000); // same hour (03:50)
        expect(await watch.check()).toBe(0);
        at.advance(20 * 60_000); // the next hour, still late: told again
        expect(await watch.check()).toBe(admins.length);
      } finally {
        await dropOutboxRow(id);
      }
      expect(await countFor(staff)).toBe(0);

      const list = await http.request('GET', '/api/notifications', { token: await http.login('admin') });
      const mine = list.body.items.filter((n: { type: string }) => n.type === 'PIPELINE_LATE');
      expect(mine).toHaveLength(2);
      expect(mine[0].payload).toMatchObject({ title: expect.stringContaining('tertunda'), lateAfterSeconds: LATE });
      expect(mine[0].payload.outboxOldestAgeSeconds).toBeGreaterThanOrEqual(LATE * 4);
      expect(Object.keys(mine[0].payload).filter((k) => /letter|delivery|disposition|subject/i.test(k))).toEqual([]);
    });
  });
});

import IORedis from 'ioredis';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { ApiClient, ManagedProcess, printFigures, ReliabilityEnv, verifyAuditChain, waitFor, withLogs } from '../../libs/testing/src/processes';
import { insertSignedLetterFixture } from '../../libs/testing/src/letters-fixture';
import { deliveryReport, unsentOutbox, violations } from './invariants';

/**
 * Reliability 1: the worker is SIGKILLed while it dispatches circulars (a letter to every office:
 * 552 deliveries each, in one job), then again while it re-runs a job it had been killed in. After
 * the restarts every delivery must exist exactly once.
 */
const CIRCULARS = 4;
const OFFICES = 552;

describe('reliability: worker SIGKILLed in the middle of dispatching circulars', () => {
  let env: ReliabilityEnv | undefined;
  let client: ApiClient;
  let worker: ManagedProcess;
  let ds: DataSource;
  let redis: IORedis;
  let queue: Queue;
  const letterIds: string[] = [];
  const figures = { 'faults injected (worker SIGKILL)': 0, 'jobs killed inside the dispatch transaction': 0, 'jobs killed after commit, before completion': 0, 'requests tried': 0, 'time until a killed job ran again (ms)': 0 };
  const logs = () => env;

  beforeAll(async () => {
    env = await ReliabilityEnv.create('worker-kill');
    const api = await env.api();
    client = api.client;
    worker = env.worker();
    await env.startAll(api.proc, worker);
    ds = await env.dataSource();
    redis = new IORedis(env.redis.url, { maxRetriesPerRequest: null });
    queue = new Queue('dispatch', { connection: { host: '127.0.0.1', port: env.redis.port, maxRetriesPerRequest: null }, prefix: env.queuePrefix });
  }, 240_000);

  afterAll(async () => {
    await queue?.close().catch(() => undefined);
    redis?.disconnect();
    await env?.shutdown();
  }, 120_000);

  const activeJobs = () => redis.lrange(`${env!.queuePrefix}:dispatch:active`, 0, -1);

  const lockOf = (jobId: string) => redis.get(`${env!.queuePrefix}:dispatch:${jobId}:lock`);
  const transmissionOf = async (jobId: string) => String(JSON.parse((await redis.hget(`${env!.queuePrefix}:dispatch:${jobId}`, 'data')) ?? '{}').transmissionId);

  /**
   * Polls the active list as fast as Redis answers and SIGKILLs the worker the moment it works on
   * a job: any job, or (with `rerun`) one for a transmission it was killed in before, under a lock
   * other than the one the killed worker held (whatever the job's id: a re-drive may use a new one).
   * Returns the jobs it was working on: job id → { transmission, lock }.
   */
  type Killed = Map<string, { transmission: string; lock: string | null }>;
  async function killWhenActive(what: string, rerun: Killed | null, timeoutMs: number): Promise<Killed> {
    const before = new Map([...(rerun ?? new Map()).values()].map((k) => [k.transmission, k.lock]));
    const working = async (): Promise<Killed> => {
      const active = await activeJobs();
      const found: Killed = new Map();
      for (const id of active) {
        const [transmission, lock] = await Promise.all([transmissionOf(id), lockOf(id)]);
        if (!rerun || (before.has(transmission) && lock !== null && lock !== before.get(transmission))) found.set(id, { transmission, lock });
      }
      return found;
    };
    await waitFor(`the worker to pick up ${what}`, async () => {
      if (!(await working()).size) return false;
      await worker.kill('SIGKILL');
      return true;
    }, { timeoutMs, everyMs: 2, explain: () => env!.logs() });
    // A dead worker changes nothing more: what is in the active list under its locks now is what it was killed in.
    const caught = await working();
    figures['faults injected (worker SIGKILL)'] += 1;
    for (const { transmission } of caught.values()) {
      const [t] = await ds.query('SELECT dispatched_at, (SELECT COUNT(*) FROM deliveries d WHERE d.transmission_id = t.id) AS n FROM transmissions t WHERE t.id = ?', [transmission]);
      if (t.dispatched_at) figures['jobs killed after commit, before completion'] += 1;
      else {
        expect(Number(t.n)).toBe(0); // the killed transaction left nothing behind
        figures['jobs killed inside the dispatch transaction'] += 1;
      }
    }
    return caught;
  }

  it('sends a burst of circulars, kills the worker while it dispatches them and again while it re-runs a killed job', withLogs(logs, async () => {
    for (let i = 1; i <= CIRCULARS; i++) {
      const { letterId } = await insertSignedLetterFixture(ds, { office: 'RI', typeCode: 'SE', subject: `Surat edaran tahapan ${i}`, toAllOtherOffices: true });
      letterIds.push(letterId);
    }
    const token = await client.login('staf.umum.ri');
    // BullMQ notices a dead worker's job in two stalled checks at least 30 s apart, and a check only runs once the
    // previous one's marker key has expired. The burst is timed so that the restarted worker's first check can run
    // (the marker is about to expire): recovery then takes one interval, not two. Nothing is changed in Redis.
    await waitFor('the stalled-check marker of the running worker to be about to expire', async () => {
      const ttl = await redis.pttl(`${env!.queuePrefix}:dispatch:stalled-check`);
      return ttl === -2 || (ttl >= 0 && ttl <= 1500);
    }, { timeoutMs: 45_000, everyMs: 50 });
    const sent = await Promise.all(letterIds.map((id) => client.request('POST', `/api/letters/${id}/send`, { token })));
    figures['requests tried'] += sent.length;
    expect(sent.map((r) => r.status)).toEqual(letterIds.map(() => 201));
    expect(sent.map((r) => r.body.targetCount)).toEqual(letterIds.map(() => OFFICES));

    const first = await killWhenActive('a circular', null, 30_000);
    expect(first.size).toBeGreaterThan(0);
    const killedAt = Date.now();
    await worker.start();
    // The killed jobs come back once BullMQ sees their lock expire (lockDuration + stalledInterval, up to about a minute).
    const second = await killWhenActive(`again a transmission it was killed in (${[...first.values()].map((k) => k.transmission).join(', ')})`, first, 150_000);
    expect(second.size).toBeGreaterThan(0);
    figures['time until a killed job ran again (ms)'] = Date.now() - killedAt;
    await worker.start();
    env!.recordPids();
  }), 240_000);

  it('creates every delivery exactly once after the restarts (552 per circular, no duplicate target, unique gapless agenda numbers)', withLogs(logs, async () => {
    const jobIds = (await ds.query(`SELECT id FROM transmissions WHERE letter_id IN (${letterIds.map(() => '?').join(',')})`, letterIds)).map((r: { id: string }) => `dispatch-letter_${r.id}`);
    const t0 = Date.now();
    // Wait until every transmission is dispatched, or no job is left that could still dispatch one.
    await waitFor('every circular to be dispatched (or its job to end)', async () => {
      const [r] = await ds.query(`SELECT SUM(dispatched_at IS NULL) AS pending FROM transmissions WHERE letter_id IN (${letterIds.map(() => '?').join(',')})`, letterIds);
      if (Number(r.pending) === 0) return true;
      const states = await Promise.all(jobIds.map((id: string) => queue.getJobState(id)));
      const busy = Object.values(await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized')).some((n) => n > 0);
      return !busy && states.every((s) => s === 'completed' || s === 'failed' || s === 'unknown') && (await unsentOutbox(ds)) === 0;
    }, { timeoutMs: 150_000, everyMs: 250 });
    const recoveryMs = Date.now() - t0;

    const failed = [];
    for (const id of jobIds) {
      const job = await queue.getJob(id);
      if (job?.failedReason) failed.push(`${id}: ${job.failedReason}`);
    }
    const report = await deliveryReport(ds, letterIds);
    const perCircular = await ds.query(
      `SELECT letter_id, COUNT(*) AS n, COUNT(DISTINCT office_id) AS offices FROM deliveries WHERE letter_id IN (${letterIds.map(() => '?').join(',')}) GROUP BY letter_id`,
      letterIds,
    );
    // A job that failed for good is lost work unless its transmission got dispatched anyway (e.g. by a re-drive).
    const [{ pending }] = await ds.query(`SELECT SUM(dispatched_at IS NULL) AS pending FROM transmissions WHERE letter_id IN (${letterIds.map(() => '?').join(',')})`, letterIds);
    printFigures('1. worker SIGKILLed while dispatching circulars', {
      'faults injected': `${figures['faults injected (worker SIGKILL)']} × worker SIGKILL`,
      'requests tried': figures['requests tried'],
      'items checked': `${CIRCULARS} circulars, ${CIRCULARS * OFFICES} deliveries expected, ${report.deliveries} found`,
      'items lost': report.missing,
      'items doubled': report.extra + report.duplicateTargets + report.duplicateAgenda,
      'jobs killed inside the dispatch transaction / after commit': `${figures['jobs killed inside the dispatch transaction']} / ${figures['jobs killed after commit, before completion']}`,
      'agenda counters with a gap': report.agendaGaps,
      'jobs failed for good': failed.length ? failed.join('; ') : 0,
      'time until a killed job ran again (ms)': figures['time until a killed job ran again (ms)'],
      'time from the last restart to settled (ms)': recoveryMs,
    });
    expect({ undispatched: Number(pending), failed: Number(pending) ? failed : [] }).toEqual({ undispatched: 0, failed: [] });
    expect(report).toMatchObject({ transmissions: CIRCULARS, undispatched: 0, wrongCount: 0, missing: 0, extra: 0, duplicateTargets: 0, duplicateAgenda: 0, agendaGaps: 0, auditMismatch: 0 });
    expect(violations(report)).toBe(0);
    expect(perCircular.map((r: { n: string; offices: string }) => [Number(r.n), Number(r.offices)])).toEqual(letterIds.map(() => [OFFICES, OFFICES]));
  }), 200_000);

  it('keeps an intact audit chain', withLogs(logs, async () => {
    const audit = await verifyAuditChain(ds);
    console.log(`[reliability] 1. audit chain: ${audit.checked} events in ${audit.streams} chains checked, problems: ${audit.problems.length}`);
    expect(audit.problems).toEqual([]);
    expect(audit.ok).toBe(true);
  }));
});

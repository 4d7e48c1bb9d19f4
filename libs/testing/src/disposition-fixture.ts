import type { DataSource } from 'typeorm';
import type { Http } from './test-app';
import { deliveriesOnceDispatched, eventually, insertSignedLetterFixture, positionIdOf } from './letters-fixture';

type AppLike = { get<T>(token: unknown, opts?: { strict: boolean }): T };

/**
 * Test databases are re-created on every run but Redis keeps job ids (and delayed jobs) of the
 * last run under this Jest worker's prefix; reminder ids restart with the disposition ids, so an
 * old delayed job could fire into a new run. Empties the disposition and notification queues.
 */
export async function forgetOldDispositionJobs(app: AppLike): Promise<void> {
  const { getQueueToken } = require('@nestjs/bullmq') as typeof import('@nestjs/bullmq');
  const { QueueName } = require('@naskah/queue') as typeof import('@naskah/queue');
  for (const name of [QueueName.DISPOSITION, QueueName.NOTIFICATIONS, QueueName.DISPATCH]) {
    await app.get<import('bullmq').Queue>(getQueueToken(name), { strict: false }).obliterate({ force: true });
  }
}

/**
 * A controllable clock for whole processes (the API and the worker): every app attached reads the
 * same simulated "now", which keeps flowing at real speed from the instant set. The outbox turns
 * a job's runAt into a BullMQ delay against this clock, so a reminder due "tomorrow 08:00 WIB"
 * fires a few real seconds after the clock is set to just before it.
 */
export class SharedClock {
  private offsetMs = 0;
  private readonly restores: (() => void)[] = [];

  attach(app: AppLike): this {
    const { Clock } = require('@naskah/core') as typeof import('@naskah/core');
    const clock = app.get<{ now(): Date }>(Clock, { strict: false });
    const original = clock.now;
    clock.now = () => new Date(Date.now() + this.offsetMs);
    this.restores.push(() => (clock.now = original));
    return this;
  }

  /** From now on, "now" is `at` (and moves on in real time). */
  set(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  reset(): void {
    this.offsetMs = 0;
  }

  restore(): void {
    for (const r of this.restores.splice(0)) r();
  }
}

/** Sends a fixture letter from KPU RI to a position of an office and returns the delivery that reached it (the worker must run). */
export async function receivedLetter(
  http: Http,
  to: { office: string; position: string },
  extra: { subject?: string; securityClass?: 'B' | 'T' | 'R' | 'SR'; urgency?: 'BIASA' | 'SEGERA' | 'AMAT_SEGERA' } = {},
): Promise<{ letterId: string; deliveryId: string; positionId: number }> {
  const { letterId } = await insertSignedLetterFixture(http.ds, { office: 'RI', to: [to], ...extra });
  const res = await http.request('POST', `/api/letters/${letterId}/send`, { token: await http.login('sekjen.ri') });
  if (res.status !== 201) throw new Error(`send failed: ${res.status} ${JSON.stringify(res.body)}`);
  const positionId = await positionIdOf(http.ds, to.office, to.position);
  const deliveries = await deliveriesOnceDispatched(http.ds, letterId);
  const d = deliveries.find((x) => Number(x.position_id) === positionId);
  if (!d) throw new Error(`no delivery of letter ${letterId} reached ${to.office}/${to.position}`);
  return { letterId, deliveryId: String(d.id), positionId };
}

/** Notifications of one user (newest first), straight from the table. */
export async function notificationsOf(ds: DataSource, username: string, type?: string): Promise<{ id: string; type: string; payload: Record<string, unknown>; dedupe_key: string }[]> {
  const rows = await ds.query(
    `SELECT n.id, n.type, n.payload, n.dedupe_key FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = ? ${type ? 'AND n.type = ?' : ''} ORDER BY n.id DESC`,
    type ? [username, type] : [username],
  );
  return rows.map((r: Record<string, unknown>) => ({ ...r, id: String(r.id), payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload }));
}

/** Waits until a user has a notification of this type about this disposition. */
export function notificationArrives(ds: DataSource, username: string, type: string, dispositionId: string, timeoutMs = 15_000) {
  return eventually(async () => (await notificationsOf(ds, username, type)).find((n) => n.payload.dispositionId === dispositionId), `${type} for ${username} about disposition ${dispositionId}`, timeoutMs);
}

/** Row counts of every table a disposition command writes, to show that a rejected request changed nothing. */
export async function dispositionFootprint(ds: DataSource): Promise<Record<string, number>> {
  const tables = ['dispositions', 'disposition_follow_ups', 'disposition_files', 'prepared_dispositions', 'outbox', 'audit_events', 'notifications', 'letter_access', 'letters'];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = Number((await ds.query(`SELECT COUNT(*) AS n FROM ${t}`))[0].n);
  const [v] = await ds.query('SELECT COALESCE(SUM(version), 0) AS v, COALESCE(SUM(deadline_version), 0) AS dv FROM dispositions');
  const [pv] = await ds.query('SELECT COALESCE(SUM(version), 0) AS v FROM prepared_dispositions');
  out.dispositionVersions = Number(v.v);
  out.deadlineVersions = Number(v.dv);
  out.preparedVersions = Number(pv.v);
  return out;
}

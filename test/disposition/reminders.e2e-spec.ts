import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DispositionReminderJob, DispositionEscalationJob } from '@naskah/disposition';
import { OutboxService, QueueName } from '@naskah/queue';
import { Http, startApi } from '@naskah/testing';
import { createWorker } from '../../apps/worker/src/main';
import { forgetOldDispositionJobs, notificationArrives, notificationsOf, receivedLetter, SharedClock } from '../../libs/testing/src/disposition-fixture';
import { eventually, positionIdOf } from '../../libs/testing/src/letters-fixture';

const wib = (day: string, time: string) => new Date(`${day}T${time}+07:00`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Reminders and escalation on delayed jobs born in the outbox, against real MariaDB and Redis. The
 * API and the worker share a controllable clock set a few seconds before a reminder is due, so the
 * jobs fire after real seconds, not days. Around Christmas 2026: 24 Dec is cuti bersama, 25 Dec
 * Natal, so the working day before Monday 28 Dec is Wednesday 23 Dec.
 */
describe('disposition reminders and escalation', () => {
  let http: Http;
  let worker: INestApplicationContext;
  let queue: Queue;
  let deliveryId: string;
  const letters: string[] = [];
  const pos: Record<string, number> = {};
  const clock = new SharedClock();
  const call = async (user: string, method: string, url: string, body?: unknown) => http.request(method, url, { token: await http.login(user), body });
  const dispose = async (user: string, url: string, body: Record<string, unknown>) => {
    const res = await call(user, 'POST', url, { instructionCodes: ['TINDAK_LANJUTI'], ...body });
    if (res.status !== 201) throw new Error(`dispose failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body[0] as { id: string; version: number };
  };
  const bootWorker = async () => {
    const w = await createWorker();
    await w.init();
    clock.attach(w);
    return w;
  };
  /** Every job of a disposition in the queue has been written from the outbox. */
  const relayed = async (jobIds: string[]) => {
    await http.app.get(OutboxService).relay();
    return eventually(async () => ((await Promise.all(jobIds.map((id) => queue.getJob(id)))).every(Boolean) ? true : undefined), `jobs ${jobIds.join(', ')} queued`);
  };
  const jobIdsOf = (id: string, v = 1) => ({ before: `disposition-reminder_${id}_v${v}_before`, due: `disposition-reminder_${id}_v${v}_due`, escalate: `disposition-escalation_${id}_v${v}` });

  beforeAll(async () => {
    http = await startApi();
    await forgetOldDispositionJobs(http.app);
    queue = http.app.get<Queue>(getQueueToken(QueueName.DISPOSITION), { strict: false });
    worker = await bootWorker();
    clock.attach(http.app);
    for (const code of ['KETUA', 'SEKRETARIS', 'KABAG-KUL']) pos[code] = await positionIdOf(http.ds, '52', code);
    // one letter per test: a second open disposition to the same position on one letter is refused (issue 11, item 3)
    for (let i = 0; i < 12; i++) letters.push((await receivedLetter(http, { office: '52', position: 'KETUA' }, { subject: `Undangan rapat pleno ${i + 1}` })).deliveryId);
  });
  beforeEach(() => {
    deliveryId = letters.shift()!;
  });
  afterAll(async () => {
    clock.restore();
    await worker?.close();
    await http.close();
  });

  it('reminds the recipient at 08:00 WIB on the working day before the deadline, skipping holidays and the weekend', async () => {
    clock.set(wib('2026-12-23', '07:59:57'));
    const d = await dispose('ketua.52', '/api/dispositions', { deliveryId, recipientPositionIds: [pos.SEKRETARIS], deadline: '2026-12-28' });
    const ids = jobIdsOf(d.id);
    await relayed([ids.before, ids.due, ids.escalate]);
    const before = (await queue.getJob(ids.before))!;
    expect(before.opts.delay).toBeGreaterThan(1000);
    expect(before.opts.delay).toBeLessThanOrEqual(3100);
    expect((await queue.getJob(ids.due))!.opts.delay).toBeGreaterThan(4 * 86400_000); // Monday 28 Dec 08:00
    const n = await notificationArrives(http.ds, 'sekretaris.52', 'DISPOSITION_REMINDER', d.id);
    expect(n.payload).toMatchObject({ deadline: '2026-12-28', from: 'Ketua' });
    const [row] = await http.ds.query('SELECT created_at FROM notifications WHERE id = ?', [n.id]);
    expect(row.created_at.getTime()).toBeGreaterThanOrEqual(wib('2026-12-23', '08:00:00').getTime()); // not before its time
    expect(await (await queue.getJob(ids.due))!.getState()).toBe('delayed');
    expect(await (await queue.getJob(ids.escalate))!.getState()).toBe('delayed');
    const [audit] = await http.ds.query("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'DISPOSITION_REMINDED' AND JSON_VALUE(after_state, '$.dispositionId') = ?", [d.id]);
    expect(Number(audit.n)).toBe(1);
  });

  it('reminds on the deadline day at 08:00 WIB', async () => {
    clock.set(wib('2026-12-28', '07:59:57'));
    const root = await dispose('ketua.52', '/api/dispositions', { deliveryId, recipientPositionIds: [pos.SEKRETARIS], deadline: '2026-12-29' });
    const d = await dispose('sekretaris.52', `/api/dispositions/${root.id}/dispositions`, { recipientPositionIds: [pos['KABAG-KUL']], deadline: '2026-12-28' });
    const ids = jobIdsOf(d.id);
    await relayed([ids.due, ids.escalate]);
    expect(await queue.getJob(ids.before)).toBeUndefined(); // Wednesday 23 Dec 08:00 had passed when it was issued
    await notificationArrives(http.ds, 'kabag.umum.52', 'DISPOSITION_DUE', d.id);
    expect(await notificationsOf(http.ds, 'kabag.umum.52', 'DISPOSITION_REMINDER')).toHaveLength(0);
  });

  it('escalates an overdue disposition at 00:00 WIB after the deadline day: recipient, author and the author’s superior', async () => {
    clock.set(wib('2026-12-28', '23:59:57'));
    const root = await dispose('ketua.52', '/api/dispositions', { deliveryId, recipientPositionIds: [pos.SEKRETARIS], deadline: '2026-12-30' });
    const d = await dispose('sekretaris.52', `/api/dispositions/${root.id}/dispositions`, { recipientPositionIds: [pos['KABAG-KUL']], deadline: '2026-12-28' });
    await relayed([jobIdsOf(d.id).escalate]);
    await notificationArrives(http.ds, 'kabag.umum.52', 'DISPOSITION_OVERDUE', d.id);
    await notificationArrives(http.ds, 'sekretaris.52', 'DISPOSITION_ESCALATION', d.id); // the author
    await notificationArrives(http.ds, 'ketua.52', 'DISPOSITION_ESCALATION', d.id); // the author's superior
    const job = (await queue.getJob(jobIdsOf(d.id).escalate))!;
    await eventually(async () => ((await job.getState()) === 'completed' ? true : undefined), 'escalation job completed');
    expect((await queue.getJob(jobIdsOf(d.id).escalate))!.returnvalue).toMatchObject({ superiorPositionId: pos.KETUA });
    const view = (await call('sekretaris.52', 'GET', `/api/dispositions/${d.id}`)).body;
    expect(view).toMatchObject({ overdue: true, status: 'UNREAD' });
    expect((await call('ketua.52', 'GET', '/api/dispositions/overdue?pageSize=100')).body.items.map((x: { id: string }) => x.id)).toContain(d.id);
  });

  it('reschedules on a changed deadline: the old jobs leave the queue, a stale one that still runs does nothing', async () => {
    clock.set(wib('2026-12-22', '07:59:56'));
    const d = await dispose('ketua.52', '/api/dispositions', { deliveryId, recipientPositionIds: [pos.SEKRETARIS], deadline: '2026-12-23' });
    const v1 = jobIdsOf(d.id, 1);
    await relayed([v1.before, v1.due, v1.escalate]);
    const moved = await call('ketua.52', 'PATCH', `/api/dispositions/${d.id}/deadline`, { deadline: '2026-12-28', version: d.version });
    expect(moved.body).toMatchObject({ deadline: '2026-12-28', deadlineVersion: 2 });
    for (const id of Object.values(v1)) expect(await queue.getJob(id)).toBeUndefined();
    const v2 = jobIdsOf(d.id, 2);
    await relayed([v2.before, v2.due, v2.escalate]);
    expect((await queue.getJob(v2.before))!.opts.delay).toBeGreaterThan(86400_000 - 10_000); // Wednesday 23 Dec 08:00
    const stale = await worker.get(DispositionReminderJob).run({ dispositionId: d.id, kind: 'BEFORE', deadlineVersion: 1 });
    expect(stale).toEqual({ skipped: 'STALE_VERSION' });
    while (clock.now() < wib('2026-12-22', '08:00:02')) await sleep(200); // past the old reminder's time
    expect((await notificationsOf(http.ds, 'sekretaris.52', 'DISPOSITION_REMINDER')).filter((n) => n.payload.dispositionId === d.id)).toHaveLength(0);
  });

  it('finishing removes the jobs, and a job that still runs finds the disposition closed', async () => {
    clock.reset();
    const d = await dispose('ketua.52', '/api/dispositions', { deliveryId, recipientPositionIds: [pos.SEKRETARIS], workingDays: 5 });
    const ids = jobIdsOf(d.id);
    await relayed([ids.before, ids.due, ids.escalate]);
    expect((await call('sekretaris.52', 'POST', `/api/dispositions/${d.id}/complete`, { body: 'Sudah ditindaklanjuti.' })).body.status).toBe('DONE');
    for (const id of Object.values(ids)) expect(await queue.getJob(id)).toBeUndefined();
    expect(await worker.get(DispositionEscalationJob).run({ dispositionId: d.id, deadlineVersion: 1 })).toEqual({ skipped: 'CLOSED' });
    const [pending] = await http.ds.query('SELECT COUNT(*) AS n FROM outbox WHERE job_id IN (?, ?, ?)', Object.values(ids));
    expect(Number(pending.n)).toBe(3); // relayed rows stay as the record of what was sent
  });

  it('fires exactly once after a worker restart, and a replay of any kind sends nothing twice', async () => {
    clock.set(wib('2026-12-23', '07:59:56'));
    const d = await dispose('ketua.52', '/api/dispositions', { deliveryId, recipientPositionIds: [pos.SEKRETARIS], deadline: '2026-12-28' });
    const ids = jobIdsOf(d.id);
    await relayed([ids.before]);
    await worker.close(); // the worker goes down before the reminder is due …
    while (clock.now() < wib('2026-12-23', '08:00:01')) await sleep(200);
    expect(await (await queue.getJob(ids.before))!.getState()).toMatch(/delayed|waiting/);
    expect((await notificationsOf(http.ds, 'sekretaris.52', 'DISPOSITION_REMINDER')).filter((n) => n.payload.dispositionId === d.id)).toHaveLength(0);
    worker = await bootWorker(); // … and a new one comes up after its time
    await notificationArrives(http.ds, 'sekretaris.52', 'DISPOSITION_REMINDER', d.id);
    const count = async () => (await notificationsOf(http.ds, 'sekretaris.52', 'DISPOSITION_REMINDER')).filter((n) => n.payload.dispositionId === d.id).length;
    await eventually(async () => ((await (await queue.getJob(ids.before))!.getState()) === 'completed' ? true : undefined), 'reminder job completed');
    expect(await count()).toBe(1);

    // replay 1: the outbox row is relayed again (its sent mark lost) — BullMQ keeps the one job id
    await http.ds.query('UPDATE outbox SET sent_at = NULL WHERE job_id = ?', [ids.before]);
    await eventually(async () => (Number((await http.ds.query('SELECT attempts FROM outbox WHERE job_id = ? AND sent_at IS NOT NULL', [ids.before]))[0]?.attempts) === 2 ? true : undefined), 'the row relayed again');
    // replay 2: the handler runs again, as a retry after a crash between its commit and its ack would
    expect(await worker.get(DispositionReminderJob).run({ dispositionId: d.id, kind: 'BEFORE', deadlineVersion: 1 })).toEqual({ sent: 0 });
    // replay 3: the finished job is gone from Redis and the outbox row is relayed once more: the job really runs again
    await (await queue.getJob(ids.before))!.remove();
    await http.ds.query('UPDATE outbox SET sent_at = NULL WHERE job_id = ?', [ids.before]);
    const again = await eventually(async () => {
      const job = await queue.getJob(ids.before);
      return job?.finishedOn ? job : undefined;
    }, 'the replayed job to finish');
    expect(again.returnvalue).toEqual({ sent: 0 });
    expect(await count()).toBe(1);
    const [audit] = await http.ds.query("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'DISPOSITION_REMINDED' AND JSON_VALUE(after_state, '$.dispositionId') = ?", [d.id]);
    expect(Number(audit.n)).toBe(1);
  });
});

import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QueueName } from '@naskah/queue';
import { Http, startApi } from '@naskah/testing';
import { createWorker } from '../../apps/worker/src/main';
import { dispositionFootprint, forgetOldDispositionJobs, receivedLetter } from '../../libs/testing/src/disposition-fixture';
import { positionIdOf } from '../../libs/testing/src/letters-fixture';

/**
 * Bad input and conflicts: each refused request answers with the status and code that name the
 * rule, and changes nothing (no row, no job, no audit event, no notification, no version bump).
 * The worker runs only while the letters are delivered, so nothing moves behind the checks.
 */
describe('disposition rules: refused requests change nothing', () => {
  let http: Http;
  let queue: Queue;
  let letter: { letterId: string; deliveryId: string };
  const letters: { letterId: string; deliveryId: string }[] = [];
  const pos: Record<string, number> = {};
  const call = async (user: string, method: string, url: string, body?: unknown) => http.request(method, url, { token: await http.login(user), body });
  /** Runs a request that must be refused with this status and code, and checks that nothing changed. */
  async function refused(user: string, method: string, url: string, body: unknown, status: number, code?: string) {
    const token = await http.login(user); // signing in is audited too: before the snapshot
    const before = await dispositionFootprint(http.ds);
    const res = await http.request(method, url, { token, body });
    expect([res.status, res.body.code]).toEqual([status, code ?? res.body.code]);
    expect(await dispositionFootprint(http.ds)).toEqual(before);
    return res.body;
  }
  const issue = (user: string, body: Record<string, unknown>) => call(user, 'POST', '/api/dispositions', { deliveryId: letter.deliveryId, instructionCodes: ['TINDAK_LANJUTI'], ...body });

  beforeAll(async () => {
    http = await startApi();
    await forgetOldDispositionJobs(http.app);
    queue = http.app.get<Queue>(getQueueToken(QueueName.DISPOSITION), { strict: false });
    const worker: INestApplicationContext = await createWorker();
    await worker.init();
    try {
      // one letter per test: a second open disposition to the same position on one letter is refused (issue 11, item 3)
      for (let i = 0; i < 12; i++) letters.push(await receivedLetter(http, { office: '52', position: 'KETUA' }, { subject: `Permohonan data ${i + 1}` }));
    } finally {
      await worker.close();
    }
    for (const code of ['KETUA', 'SEKRETARIS', 'KABAG-KUL', 'KABAG-TPH', 'STAF-KUL', 'STAF-TPH', 'ANGGOTA-1']) pos[code] = await positionIdOf(http.ds, '52', code);
    pos.SUMBAWA = await positionIdOf(http.ds, '5204', 'SEKRETARIS');
  });
  afterAll(() => http.close());
  beforeEach(() => {
    letter = letters.shift()!;
  });

  it('refuses a recipient in another office, naming the rule (422)', async () => {
    const body = await refused('ketua.52', 'POST', '/api/dispositions', { deliveryId: letter.deliveryId, recipientPositionIds: [pos.SEKRETARIS, pos.SUMBAWA], instructionCodes: ['TINDAK_LANJUTI'] }, 422, 'RECIPIENT_OTHER_OFFICE');
    expect(body.message).toMatch(/di bawah jabatan pemberi disposisi dalam satker yang sama/);
    expect(body.details).toEqual({ index: 1, positionId: pos.SUMBAWA });
  });

  it('refuses recipients that are not below the author: above, beside, itself (422)', async () => {
    const [root] = (await issue('ketua.52', { recipientPositionIds: [pos.SEKRETARIS] })).body;
    const url = `/api/dispositions/${root.id}/dispositions`;
    for (const target of [pos.KETUA, pos['ANGGOTA-1'], pos.SEKRETARIS]) {
      await refused('sekretaris.52', 'POST', url, { recipientPositionIds: [target], instructionCodes: ['PELAJARI'] }, 422, 'RECIPIENT_NOT_BELOW');
    }
    expect((await call('ketua.52', 'GET', `/api/dispositions/${root.id}`)).body.status).toBe('UNREAD'); // the refused re-dispositions did not start it
  });

  it('lets only the recipient of the letter (or a Plt/Plh) dispose it: 403 to a colleague who sees it, 404 to others', async () => {
    await refused('sekretaris.52', 'POST', '/api/dispositions', { deliveryId: letter.deliveryId, recipientPositionIds: [pos['KABAG-KUL']], instructionCodes: ['PELAJARI'] }, 403, 'NOT_THE_RECIPIENT');
    await refused('staf.umum.3201', 'POST', '/api/dispositions', { deliveryId: letter.deliveryId, recipientPositionIds: [pos['KABAG-KUL']], instructionCodes: ['PELAJARI'] }, 404);
    await refused('ketua.52', 'POST', '/api/dispositions', { deliveryId: '999999999', recipientPositionIds: [pos['KABAG-KUL']], instructionCodes: ['PELAJARI'] }, 404);
  });

  it('refuses bad instructions, recipients and deadlines', async () => {
    const base = { deliveryId: letter.deliveryId, recipientPositionIds: [pos['KABAG-KUL']], instructionCodes: ['PELAJARI'] };
    await refused('ketua.52', 'POST', '/api/dispositions', { ...base, instructionCodes: ['TIDAK_ADA'] }, 422, 'UNKNOWN_INSTRUCTION');
    await refused('ketua.52', 'POST', '/api/dispositions', { ...base, instructionCodes: ['tindak lanjuti'] }, 400, 'VALIDATION_FAILED');
    await refused('ketua.52', 'POST', '/api/dispositions', { ...base, instructionCodes: ['PELAJARI', 'PELAJARI'] }, 400, 'VALIDATION_FAILED');
    await refused('ketua.52', 'POST', '/api/dispositions', { ...base, recipientPositionIds: [] }, 400, 'VALIDATION_FAILED');
    await refused('ketua.52', 'POST', '/api/dispositions', { ...base, recipientPositionIds: [pos['KABAG-KUL'], pos['KABAG-KUL']] }, 400, 'VALIDATION_FAILED');
    await refused('ketua.52', 'POST', '/api/dispositions', { ...base, recipientPositionIds: [99999999] }, 422, 'UNKNOWN_POSITION');
    await refused('ketua.52', 'POST', '/api/dispositions', { ...base, deadline: '2020-01-02' }, 422, 'DEADLINE_IN_PAST');
    await refused('ketua.52', 'POST', '/api/dispositions', { ...base, deadline: '2099-02-30' }, 400, 'VALIDATION_FAILED');
    await refused('ketua.52', 'POST', '/api/dispositions', { ...base, deadline: '2099-01-02', workingDays: 3 }, 400, 'VALIDATION_FAILED');
    await refused('ketua.52', 'POST', '/api/dispositions', { ...base, workingDays: 0 }, 400, 'VALIDATION_FAILED');
    await refused('ketua.52', 'POST', '/api/dispositions', { ...base, priority: 'PENTING' }, 400, 'VALIDATION_FAILED');
    await refused('ketua.52', 'POST', '/api/dispositions', { ...base, extra: 1 }, 400, 'VALIDATION_FAILED');
  });

  it('cancels only an unread disposition, only by its author; a read one is 409', async () => {
    const [d] = (await issue('ketua.52', { recipientPositionIds: [pos.SEKRETARIS], workingDays: 3 })).body;
    const url = `/api/dispositions/${d.id}/cancel`;
    await refused('staf.umum.52', 'POST', url, {}, 404);
    await refused('kabag.teknis.52', 'POST', url, {}, 404);
    await refused('sekretaris.52', 'POST', url, {}, 403, 'NOT_THE_AUTHOR');
    expect((await call('sekretaris.52', 'POST', `/api/dispositions/${d.id}/read`)).status).toBe(200);
    await refused('ketua.52', 'POST', url, {}, 409, 'DISPOSITION_ALREADY_READ');
  });

  it('cancelling an unread disposition removes its reminder jobs from the queue', async () => {
    const [d] = (await issue('ketua.52', { recipientPositionIds: [pos['KABAG-TPH']], workingDays: 5 })).body;
    const jobIds = [`disposition-reminder_${d.id}_v1_before`, `disposition-reminder_${d.id}_v1_due`, `disposition-escalation_${d.id}_v1`];
    const queued = async () => (await Promise.all(jobIds.map((id) => queue.getJob(id)))).filter(Boolean).length;
    const [{ pending }] = await http.ds.query(`SELECT COUNT(*) AS pending FROM outbox WHERE sent_at IS NULL AND job_id IN (?, ?, ?)`, jobIds);
    if (Number(pending)) await http.app.get((await import('@naskah/queue')).OutboxService).relay();
    expect(await queued()).toBe(3);
    expect((await queue.getJob(jobIds[2]))!.opts.delay).toBeGreaterThan(24 * 3600_000);
    const res = await call('ketua.52', 'POST', `/api/dispositions/${d.id}/cancel`, { reason: 'salah alamat' });
    expect(res.body).toMatchObject({ status: 'CANCELLED' });
    expect(await queued()).toBe(0);
    await refused('ketua.52', 'POST', `/api/dispositions/${d.id}/complete`, { body: 'x y z' }, 403, 'NOT_THE_RECIPIENT');
    await refused('kabag.teknis.52', 'POST', `/api/dispositions/${d.id}/complete`, { body: 'laporan' }, 409, 'DISPOSITION_CLOSED');
    await refused('kabag.teknis.52', 'POST', `/api/dispositions/${d.id}/start`, {}, 409, 'DISPOSITION_CLOSED');
  });

  it('answers 404 to someone who may not see a disposition and 403 to one who sees it but may not act', async () => {
    const [k] = (await issue('ketua.52', { recipientPositionIds: [pos['KABAG-KUL']], workingDays: 5 })).body;
    const [s] = (await call('kabag.umum.52', 'POST', `/api/dispositions/${k.id}/dispositions`, { recipientPositionIds: [pos['STAF-KUL']], instructionCodes: ['PELAJARI'] })).body;
    await refused('staf.teknis.52', 'POST', `/api/dispositions/${s.id}/complete`, { body: 'bukan milik saya' }, 404);
    await refused('kabag.teknis.52', 'POST', `/api/dispositions/${s.id}/read`, {}, 404);
    await refused('staf.umum.3201', 'GET', `/api/dispositions/${s.id}`, undefined, 404);
    await refused('ketua.52', 'POST', `/api/dispositions/${s.id}/complete`, { body: 'pimpinan' }, 403, 'NOT_THE_RECIPIENT');
    await refused('sekretaris.52', 'POST', `/api/dispositions/${s.id}/start`, {}, 403, 'NOT_THE_RECIPIENT'); // a superior of the staff member: sees it, may not act
    await refused('staf.umum.52', 'POST', `/api/dispositions/${s.id}/follow-ups`, { body: 'laporan', attachmentFileIds: ['123456'] }, 422, 'UNKNOWN_ATTACHMENT');
    await refused('staf.umum.52', 'POST', `/api/dispositions/${s.id}/reply-letter`, {}, 409, 'REPLY_NOT_ASKED');
    await refused('staf.umum.52', 'GET', '/api/dispositions/abc', undefined, 400, 'VALIDATION_FAILED'); // not an id: the one id rule (issue 11)
  });

  it('keeps a changed deadline within the parent’s and after the children’s, by the author, at the version seen', async () => {
    const [k] = (await issue('ketua.52', { recipientPositionIds: [pos['KABAG-TPH']], deadline: '2099-06-30' })).body;
    const [s] = (await call('kabag.teknis.52', 'POST', `/api/dispositions/${k.id}/dispositions`, { recipientPositionIds: [pos['STAF-TPH']], instructionCodes: ['PELAJARI'], deadline: '2099-06-15' })).body;
    const parent = (await call('ketua.52', 'GET', `/api/dispositions/${k.id}`)).body;
    await refused('kabag.teknis.52', 'PATCH', `/api/dispositions/${k.id}/deadline`, { deadline: '2099-07-01', version: parent.version }, 403, 'NOT_THE_AUTHOR');
    await refused('ketua.52', 'PATCH', `/api/dispositions/${k.id}/deadline`, { deadline: '2099-06-10', version: parent.version }, 422, 'DEADLINE_BEFORE_CHILD');
    await refused('ketua.52', 'PATCH', `/api/dispositions/${k.id}/deadline`, { deadline: '2099-07-01', version: parent.version - 1 }, 409, 'STALE_VERSION');
    await refused('kabag.teknis.52', 'PATCH', `/api/dispositions/${s.id}/deadline`, { deadline: '2099-07-01', version: s.version }, 422, 'DEADLINE_AFTER_PARENT');
    const moved = await call('ketua.52', 'PATCH', `/api/dispositions/${k.id}/deadline`, { deadline: '2099-06-20', version: parent.version });
    expect(moved.body).toMatchObject({ deadline: '2099-06-20', deadlineVersion: 2 });
  });

  it('refuses an upload that is not a document (415) and a TU preparation by someone who is not TU (403)', async () => {
    const [k] = (await issue('ketua.52', { recipientPositionIds: [pos['KABAG-KUL']] })).body;
    const boundary = '----x';
    const body = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\njust text\r\n--${boundary}--\r\n`);
    const token = await http.login('kabag.umum.52');
    const before = await dispositionFootprint(http.ds);
    const up = await http.request('POST', `/api/dispositions/${k.id}/files`, { token, body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect([up.status, up.body.code]).toEqual([415, 'FILE_TYPE_NOT_ALLOWED']);
    expect(await dispositionFootprint(http.ds)).toEqual(before);
    await refused('staf.umum.52', 'POST', '/api/prepared-dispositions', { deliveryId: letter.deliveryId, recipientPositionIds: [pos.SEKRETARIS], instructionCodes: ['PELAJARI'] }, 403, 'NOT_TU');
    await refused('ketua.52', 'POST', '/api/prepared-dispositions', { deliveryId: letter.deliveryId, recipientPositionIds: [pos.SEKRETARIS], instructionCodes: ['PELAJARI'] }, 403, 'NOT_TU');
    await refused('pencatat.52', 'POST', '/api/prepared-dispositions', { deliveryId: letter.deliveryId, recipientPositionIds: [pos.SUMBAWA], instructionCodes: ['PELAJARI'] }, 422, 'RECIPIENT_OTHER_OFFICE');
  });
});

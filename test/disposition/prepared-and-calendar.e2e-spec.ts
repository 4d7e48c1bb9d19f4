import type { INestApplicationContext } from '@nestjs/common';
import { Http, startApi } from '@naskah/testing';
import { createWorker } from '../../apps/worker/src/main';
import { dispositionFootprint, forgetOldDispositionJobs, notificationArrives, notificationsOf, receivedLetter } from '../../libs/testing/src/disposition-fixture';
import { eventually, positionIdOf } from '../../libs/testing/src/letters-fixture';

/** Dispositions prepared by TU for the leader (confirm as is, edit, confirm with changes, discard); the instruction list and the holiday calendar. */
describe('prepared dispositions, instruction list and holiday calendar', () => {
  let http: Http;
  let worker: INestApplicationContext;
  let deliveryId: string;
  let otherDeliveryId: string;
  let letterId: string;
  const pos: Record<string, number> = {};
  const call = async (user: string, method: string, url: string, body?: unknown) => http.request(method, url, { token: await http.login(user), body });
  const prepare = (body: Record<string, unknown>) => call('pencatat.52', 'POST', '/api/prepared-dispositions', { deliveryId, instructionCodes: ['UNTUK_DIKETAHUI'], ...body });

  beforeAll(async () => {
    http = await startApi();
    await forgetOldDispositionJobs(http.app);
    worker = await createWorker();
    await worker.init();
    for (const code of ['KETUA', 'SEKRETARIS', 'ANGGOTA-1', 'KABAG-KUL']) pos[code] = await positionIdOf(http.ds, '52', code);
    ({ deliveryId, letterId } = await receivedLetter(http, { office: '52', position: 'KETUA' }, { subject: 'Laporan hasil pengawasan' }));
    ({ deliveryId: otherDeliveryId } = await receivedLetter(http, { office: '52', position: 'KETUA' }, { subject: 'Laporan pemantauan' }));
    for (const u of ['pencatat.52', 'ketua.52', 'sekretaris.52', 'admin', 'staf.umum.52']) await http.login(u);
  });
  afterAll(async () => {
    await worker.close();
    await http.close();
  });

  it('lets TU prepare a disposition for the Ketua, who is told and edits it, then confirms it in his own name', async () => {
    const prepared = await prepare({ recipientPositionIds: [pos.SEKRETARIS], workingDays: 3, note: 'Mohon arahan.' });
    expect(prepared.status).toBe(201);
    expect(prepared.body).toMatchObject({ status: 'PENDING', forPosition: { id: pos.KETUA }, recipients: [{ id: pos.SEKRETARIS }], version: 1 });
    const id = prepared.body.id;
    await eventually(async () => (await notificationsOf(http.ds, 'ketua.52', 'DISPOSITION_PREPARED')).find((n) => n.payload.preparedId === id), 'DISPOSITION_PREPARED for the Ketua');
    expect((await call('ketua.52', 'GET', '/api/prepared-dispositions?status=PENDING')).body.map((x: { id: string }) => x.id)).toContain(id);
    expect((await call('pencatat.52', 'GET', '/api/prepared-dispositions')).body.map((x: { id: string }) => x.id)).toContain(id);
    expect((await call('sekretaris.52', 'GET', `/api/prepared-dispositions/${id}`)).status).toBe(404);
    const edited = await call('ketua.52', 'PATCH', `/api/prepared-dispositions/${id}`, { recipientPositionIds: [pos.SEKRETARIS, pos['ANGGOTA-1']], instructionCodes: ['TINDAK_LANJUTI'], workingDays: 4, version: 1 });
    expect(edited.body).toMatchObject({ version: 2, instructionCodes: ['TINDAK_LANJUTI'] });

    const before = await dispositionFootprint(http.ds);
    expect((await call('ketua.52', 'POST', `/api/prepared-dispositions/${id}/confirm`, { version: 1 })).body.code).toBe('STALE_VERSION');
    expect((await call('pencatat.52', 'POST', `/api/prepared-dispositions/${id}/confirm`, { version: 2 })).body.code).toBe('NOT_THE_LEADER');
    expect(await dispositionFootprint(http.ds)).toEqual(before);

    const confirmed = await call('ketua.52', 'POST', `/api/prepared-dispositions/${id}/confirm`, { version: 2 });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.prepared).toMatchObject({ status: 'CONFIRMED', dispositionIds: confirmed.body.dispositions.map((d: { id: string }) => d.id) });
    expect(confirmed.body.dispositions).toMatchObject([
      { author: { id: pos.KETUA, capacity: 'SENDIRI' }, recipient: { id: pos.SEKRETARIS }, preparedId: id, instructions: [{ code: 'TINDAK_LANJUTI' }] },
      { recipient: { id: pos['ANGGOTA-1'] }, preparedId: id },
    ]);
    await notificationArrives(http.ds, 'sekretaris.52', 'DISPOSITION_NEW', confirmed.body.dispositions[0].id);
    expect((await call('ketua.52', 'POST', `/api/prepared-dispositions/${id}/confirm`, { version: 3 })).body.code).toBe('PREPARED_DECIDED');
  });

  it('lets the Ketua confirm with his own changes, and TU withdraw one (discarded: no longer confirmable)', async () => {
    const a = (await prepare({ recipientPositionIds: [pos.SEKRETARIS] })).body;
    const changed = await call('ketua.52', 'POST', `/api/prepared-dispositions/${a.id}/confirm`, { version: a.version, changes: { recipientPositionIds: [pos['KABAG-KUL']], instructionCodes: ['BICARAKAN_DENGAN_SAYA'] } });
    expect(changed.body.dispositions).toMatchObject([{ recipient: { id: pos['KABAG-KUL'] }, instructions: [{ label: 'Bicarakan dengan saya' }] }]);
    const b = (await prepare({ recipientPositionIds: [pos.SEKRETARIS] })).body;
    expect((await call('pencatat.52', 'POST', `/api/prepared-dispositions/${b.id}/discard`, { reason: 'dobel' })).body.status).toBe('DISCARDED');
    expect((await call('ketua.52', 'POST', `/api/prepared-dispositions/${b.id}/confirm`, { version: 2 })).body.code).toBe('PREPARED_DECIDED');
    const history = (await call('ketua.52', 'GET', `/api/letters/${letterId}/history`)).body.map((e: { action: string }) => e.action);
    for (const action of ['DISPOSITION_PREPARED', 'PREPARED_DISPOSITION_EDITED', 'PREPARED_DISPOSITION_CONFIRMED', 'PREPARED_DISPOSITION_DISCARDED']) expect(history).toContain(action);
  });

  it('lets an admin maintain the instruction list; a retired instruction cannot be given any more', async () => {
    const list = (await call('ketua.52', 'GET', '/api/disposition-instructions')).body;
    expect(list.slice(0, 9).map((i: { label: string }) => i.label)).toEqual([
      'Tindak lanjuti', 'Pelajari dan telaah', 'Koordinasikan', 'Siapkan jawaban', 'Hadiri/wakili', 'Untuk diketahui', 'Arsipkan', 'Proses sesuai ketentuan', 'Bicarakan dengan saya',
    ]);
    expect((await call('ketua.52', 'POST', '/api/disposition-instructions', { code: 'PANTAU', label: 'Pantau pelaksanaannya' })).status).toBe(403);
    const created = await call('admin', 'POST', '/api/disposition-instructions', { code: 'PANTAU', label: 'Pantau pelaksanaannya', sortOrder: 95 });
    expect(created.body).toMatchObject({ code: 'PANTAU', isActive: true, version: 1 });
    expect((await call('admin', 'POST', '/api/disposition-instructions', { code: 'PANTAU', label: 'lagi' })).body.code).toBe('INSTRUCTION_EXISTS');
    // on a letter of its own: the Sekretaris already holds an open disposition on the first one from an earlier case
    const used = await call('ketua.52', 'POST', '/api/dispositions', { deliveryId: otherDeliveryId, recipientPositionIds: [pos.SEKRETARIS], instructionCodes: ['PANTAU'] });
    expect(used.body[0].instructions).toEqual([{ code: 'PANTAU', label: 'Pantau pelaksanaannya' }]);
    expect((await call('admin', 'PATCH', '/api/disposition-instructions/PANTAU', { isActive: false, version: 5 })).body.code).toBe('STALE_VERSION');
    expect((await call('admin', 'PATCH', '/api/disposition-instructions/PANTAU', { isActive: false, version: 1 })).body).toMatchObject({ isActive: false, version: 2 });
    expect((await call('ketua.52', 'GET', '/api/disposition-instructions')).body.map((i: { code: string }) => i.code)).not.toContain('PANTAU');
    expect((await call('ketua.52', 'POST', '/api/dispositions', { deliveryId, recipientPositionIds: [pos.SEKRETARIS], instructionCodes: ['PANTAU'] })).body.code).toBe('UNKNOWN_INSTRUCTION');
    expect((await call('ketua.52', 'GET', `/api/dispositions/${used.body[0].id}`)).body.instructions[0].label).toBe('Pantau pelaksanaannya'); // old dispositions keep their words
  });

  it('counts working days on the holiday calendar an admin maintains (national holidays and cuti bersama)', async () => {
    const y2026 = (await call('staf.umum.52', 'GET', '/api/holidays?year=2026')).body as { date: string; kind: string; isEstimate: boolean }[];
    expect(y2026.length).toBeGreaterThanOrEqual(20);
    expect(y2026).toContainEqual(expect.objectContaining({ date: '2026-12-24', kind: 'CUTI_BERSAMA', isEstimate: false }));
    expect(y2026).toContainEqual(expect.objectContaining({ date: '2026-12-25', kind: 'LIBUR_NASIONAL' }));
    expect((await call('staf.umum.52', 'GET', '/api/holidays?year=2027')).body.every((h: { isEstimate: boolean }) => h.isEstimate)).toBe(true);
    const preview = async () => (await call('staf.umum.52', 'GET', '/api/holidays/deadline?workingDays=1&from=2026-12-23')).body.deadline;
    expect(await preview()).toBe('2026-12-28');
    expect((await call('staf.umum.52', 'POST', '/api/holidays', { date: '2026-12-28', kind: 'CUTI_BERSAMA', name: 'uji' })).status).toBe(403);
    const added = await call('admin', 'POST', '/api/holidays', { date: '2026-12-28', kind: 'CUTI_BERSAMA', name: 'Cuti bersama (uji)', source: 'uji' });
    expect(added.status).toBe(201);
    try {
      expect(await preview()).toBe('2026-12-29');
      expect((await call('admin', 'POST', '/api/holidays', { date: '2026-12-28', kind: 'CUTI_BERSAMA', name: 'dobel' })).body.code).toBe('HOLIDAY_EXISTS');
    } finally {
      expect((await call('admin', 'DELETE', `/api/holidays/${added.body.id}`)).status).toBe(204);
    }
    expect(await preview()).toBe('2026-12-28');
    expect((await call('staf.umum.52', 'GET', '/api/holidays/deadline?workingDays=0')).status).toBe(400);
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { AuditService } from '@naskah/audit';
import { Http, startApi } from '@naskah/testing';
import { createWorker } from '../../apps/worker/src/main';
import { dispositionFootprint, forgetOldDispositionJobs, notificationArrives, receivedLetter, SharedClock } from '../../libs/testing/src/disposition-fixture';
import { positionIdOf } from '../../libs/testing/src/letters-fixture';

const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

function multipart(filename: string, data: Buffer): { body: Buffer; headers: Record<string, string> } {
  const boundary = '----naskahdisp';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/**
 * A three-level tree at KPU Provinsi NTB: Ketua → Sekretaris → Kabag (two) → Staf, with deadlines
 * on the working-day calendar, follow-up reports, a reply letter, roll-up, the views, the letter's
 * history and the lembar disposisi.
 */
describe('disposition tree at KPU Provinsi NTB', () => {
  let http: Http;
  let worker: INestApplicationContext;
  let letter: { letterId: string; deliveryId: string };
  const pos: Record<string, number> = {};
  const ids: Record<string, string> = {};
  const clock = new SharedClock();
  const as = async (user: string) => http.login(user);
  const call = async (user: string, method: string, url: string, body?: unknown) => http.request(method, url, { token: await as(user), body });
  /** Ids in a list answer that belong to this suite's letter (other suites share the database). */
  const ours = (res: { body: { items: { id: string; letter: { id: string } }[] } }) => res.body.items.filter((d) => d.letter.id === letter.letterId).map((d) => d.id);

  beforeAll(async () => {
    http = await startApi();
    await forgetOldDispositionJobs(http.app);
    worker = await createWorker();
    await worker.init();
    clock.attach(http.app);
    for (const code of ['KETUA', 'SEKRETARIS', 'KABAG-KUL', 'KABAG-TPH', 'STAF-KUL', 'STAF-TPH', 'ANGGOTA-1']) pos[code] = await positionIdOf(http.ds, '52', code);
    letter = await receivedLetter(http, { office: '52', position: 'KETUA' }, { subject: 'Rapat koordinasi pemutakhiran data pemilih', urgency: 'SEGERA' });
  });
  afterAll(async () => {
    clock.restore();
    await worker.close();
    await http.close();
  });

  it('lets the Ketua dispose the letter to the Sekretaris with a deadline in working days', async () => {
    const preview = await call('ketua.52', 'GET', '/api/holidays/deadline?workingDays=5');
    expect(preview.status).toBe(200);
    const res = await call('ketua.52', 'POST', '/api/dispositions', {
      deliveryId: letter.deliveryId, recipientPositionIds: [pos.SEKRETARIS], instructionCodes: ['TINDAK_LANJUTI', 'KOORDINASIKAN'],
      note: 'Koordinasikan dengan bagian teknis.', priority: 'SEGERA', workingDays: 5,
    });
    expect(res.status).toBe(201);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({
      status: 'UNREAD', deadline: preview.body.deadline, priority: 'SEGERA', depth: 0, parentId: null, deliveryId: letter.deliveryId,
      author: { id: pos.KETUA, capacity: 'SENDIRI' }, recipient: { id: pos.SEKRETARIS },
      instructions: [{ code: 'TINDAK_LANJUTI', label: 'Tindak lanjuti' }, { code: 'KOORDINASIKAN', label: 'Koordinasikan' }],
    });
    ids.root = res.body[0].id;
    await notificationArrives(http.ds, 'sekretaris.52', 'DISPOSITION_NEW', ids.root);
  });

  it('the Sekretaris reads it and disposes further down to two Kabag; the node goes in progress', async () => {
    expect(ours(await call('sekretaris.52', 'GET', '/api/dispositions/received?status=UNREAD'))).toEqual([ids.root]);
    expect((await call('sekretaris.52', 'POST', `/api/dispositions/${ids.root}/read`)).body).toMatchObject({ status: 'READ', mine: { asRecipient: true, asAuthor: false } });
    const res = await call('sekretaris.52', 'POST', `/api/dispositions/${ids.root}/dispositions`, {
      recipientPositionIds: [pos['KABAG-KUL'], pos['KABAG-TPH']], instructionCodes: ['PELAJARI'], workingDays: 3,
    });
    expect(res.status).toBe(201);
    expect(res.body.map((d: { depth: number; parentId: string }) => [d.depth, d.parentId])).toEqual([[1, ids.root], [1, ids.root]]);
    [ids.kul, ids.tph] = res.body.map((d: { id: string }) => d.id);
    const root = await call('ketua.52', 'GET', `/api/dispositions/${ids.root}`);
    expect(root.body).toMatchObject({ status: 'IN_PROGRESS', children: [{ id: ids.kul }, { id: ids.tph }] });
    expect(res.body[0].deadline <= root.body.deadline).toBe(true);
  });

  it('refuses a child deadline past its parent’s (422) and changes nothing, then takes one within it', async () => {
    const parent = (await call('kabag.umum.52', 'GET', `/api/dispositions/${ids.kul}`)).body;
    const after = new Date(Date.parse(`${parent.deadline}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);
    const before = await dispositionFootprint(http.ds);
    const late = await call('kabag.umum.52', 'POST', `/api/dispositions/${ids.kul}/dispositions`, { recipientPositionIds: [pos['STAF-KUL']], instructionCodes: ['SIAPKAN_JAWABAN'], deadline: after });
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({ code: 'DEADLINE_AFTER_PARENT', details: { parentDeadline: parent.deadline } });
    expect(await dispositionFootprint(http.ds)).toEqual(before);
    const ok = await call('kabag.umum.52', 'POST', `/api/dispositions/${ids.kul}/dispositions`, { recipientPositionIds: [pos['STAF-KUL']], instructionCodes: ['SIAPKAN_JAWABAN'], workingDays: 2, note: 'Siapkan konsep jawaban.' });
    expect(ok.status).toBe(201);
    ids.staf = ok.body[0].id;
    expect(ok.body[0]).toMatchObject({ depth: 2, parentId: ids.kul, author: { id: pos['KABAG-KUL'] } });
  });

  it('rolls the subtree up for the Ketua and lists what is due soon and overdue', async () => {
    const r = await call('ketua.52', 'GET', `/api/dispositions/${ids.root}/rollup`);
    expect(r.body).toMatchObject({ total: 3, open: 3, overdue: 0, levels: 2, percentDone: 0, byStatus: { UNREAD: 2, IN_PROGRESS: 1 } });
    expect(ours(await call('staf.umum.52', 'GET', '/api/dispositions/received?dueSoon=true'))).toEqual([ids.staf]);
    expect(ours(await call('ketua.52', 'GET', '/api/dispositions/given'))).toEqual([ids.root]);
    expect(ours(await call('ketua.52', 'GET', '/api/dispositions/overdue'))).toEqual([]);
    const root = (await call('ketua.52', 'GET', `/api/dispositions/${ids.root}`)).body;
    clock.set(new Date(Date.parse(`${root.deadline}T17:00:00.000Z`) + 3600_000)); // 01:00 WIB the day after the root's deadline
    try {
      const overdue = await call('ketua.52', 'GET', '/api/dispositions/overdue');
      expect(ours(overdue).sort()).toEqual([ids.root, ids.kul, ids.tph, ids.staf].sort());
      expect(overdue.body.items.every((d: { overdue: boolean }) => d.overdue)).toBe(true);
      expect(ours(await call('kabag.umum.52', 'GET', '/api/dispositions/overdue'))).toEqual([ids.staf]);
      expect((await call('staf.umum.52', 'GET', '/api/dispositions/overdue')).status).toBe(403);
      expect(ours(await call('staf.umum.52', 'GET', '/api/dispositions/received?overdue=true'))).toEqual([ids.staf]);
      expect((await call('ketua.52', 'GET', `/api/dispositions/${ids.root}/rollup`)).body.overdue).toBe(3);
    } finally {
      clock.reset();
    }
  });

  it('the staff member reports with a file and a drafted reply letter, and completes', async () => {
    const file = multipart('telaah.pdf', PDF_BYTES);
    const up = await http.request('POST', `/api/dispositions/${ids.staf}/files`, { token: await as('staf.umum.52'), body: file.body, headers: file.headers });
    expect(up.status).toBe(201);
    const reply = await call('staf.umum.52', 'POST', `/api/dispositions/${ids.staf}/reply-letter`, {});
    expect(reply.status).toBe(201);
    const draft = (await call('staf.umum.52', 'GET', `/api/letters/${reply.body.replyLetterId}`)).body;
    expect(draft).toMatchObject({ status: 'DRAFT', urgency: 'BIASA', securityClass: 'B', signerPositionId: pos['KABAG-KUL'], recipients: [{ kind: 'TO' }] });
    expect(draft.subject).toMatch(/^Jawaban atas surat nomor .* perihal Rapat koordinasi/);
    expect((await call('staf.umum.52', 'POST', `/api/dispositions/${ids.staf}/reply-letter`, {})).status).toBe(409);
    const done = await call('staf.umum.52', 'POST', `/api/dispositions/${ids.staf}/complete`, { body: 'Konsep jawaban sudah disiapkan.', attachmentFileIds: [up.body.id], replyLetterId: reply.body.replyLetterId });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'DONE', replyLetterId: reply.body.replyLetterId, followUps: [{ body: 'Konsep jawaban sudah disiapkan.', attachmentFileIds: [up.body.id], replyLetterId: reply.body.replyLetterId }] });
    const dl = await http.request('GET', `/api/dispositions/${ids.staf}/files/${up.body.id}`, { token: await as('kabag.umum.52') });
    expect(dl.status).toBe(200);
    expect(dl.headers['x-content-sha256']).toBe(up.body.sha256);
    await notificationArrives(http.ds, 'kabag.umum.52', 'DISPOSITION_DONE', ids.staf);
  });

  it('completes the Kabag nodes and the Sekretaris node only with a report and once the children are done', async () => {
    const before = await dispositionFootprint(http.ds);
    const noReport = await call('kabag.umum.52', 'POST', `/api/dispositions/${ids.kul}/complete`, {});
    expect(noReport).toMatchObject({ status: 409, body: { code: 'FOLLOW_UP_REQUIRED' } });
    const openChildren = await call('sekretaris.52', 'POST', `/api/dispositions/${ids.root}/complete`, { body: 'Selesai.' });
    expect(openChildren).toMatchObject({ status: 409, body: { code: 'OPEN_CHILDREN' } });
    expect(openChildren.body.details.openChildren.map((c: { id: string }) => c.id).sort()).toEqual([ids.kul, ids.tph].sort());
    expect(await dispositionFootprint(http.ds)).toEqual(before); // the inline report of the refused request was not kept
    expect((await call('kabag.umum.52', 'POST', `/api/dispositions/${ids.kul}/follow-ups`, { body: 'Jawaban disiapkan oleh staf.' })).status).toBe(201);
    expect((await call('kabag.umum.52', 'POST', `/api/dispositions/${ids.kul}/complete`, {})).body.status).toBe('DONE');
    expect((await call('kabag.teknis.52', 'POST', `/api/dispositions/${ids.tph}/complete`, { body: 'Sudah ditelaah.' })).body.status).toBe('DONE');
    expect((await call('sekretaris.52', 'POST', `/api/dispositions/${ids.root}/complete`, { body: 'Rapat telah dikoordinasikan.' })).body.status).toBe('DONE');
    const r = (await call('ketua.52', 'GET', `/api/dispositions/${ids.root}/rollup`)).body;
    expect(r).toMatchObject({ total: 3, open: 0, percentDone: 100, byStatus: { DONE: 3 } });
    expect(ours(await call('ketua.52', 'GET', '/api/dispositions/given?status=DONE'))).toEqual([ids.root]);
  });

  it('shows the letter’s tree: all of it to the Ketua, the chain above and the branch below to the others', async () => {
    const full = (await call('ketua.52', 'GET', `/api/letters/${letter.letterId}/dispositions`)).body;
    expect(full.roots).toHaveLength(1);
    expect(full.roots[0]).toMatchObject({ id: ids.root, children: [{ id: ids.kul, children: [{ id: ids.staf, children: [] }] }, { id: ids.tph, children: [] }] });
    const staf = (await call('staf.umum.52', 'GET', `/api/letters/${letter.letterId}/dispositions`)).body;
    expect(staf.roots).toMatchObject([{ id: ids.root, children: [{ id: ids.kul, children: [{ id: ids.staf }] }] }]);
    expect((await call('staf.umum.52', 'GET', `/api/dispositions/${ids.tph}`)).status).toBe(404); // a sibling branch
    const teknis = (await call('kabag.teknis.52', 'GET', `/api/letters/${letter.letterId}/dispositions`)).body;
    expect(teknis.roots).toMatchObject([{ id: ids.root, children: [{ id: ids.tph }] }]);
    expect((await call('staf.umum.3201', 'GET', `/api/letters/${letter.letterId}/dispositions`)).status).toBe(404);
  });

  it('puts every action in the letter’s history (riwayat) and keeps the audit chain intact', async () => {
    const history = (await call('ketua.52', 'GET', `/api/letters/${letter.letterId}/history`)).body as { action: string; after: { dispositionId?: string } }[];
    const actions = history.map((e) => e.action);
    // each of the four dispositions was read and started exactly once before it was completed, whether
    // its recipient clicked "baca"/"mulai" or went straight to the work (then the step is implied)
    for (const [action, n] of Object.entries({ DISPOSITION_ISSUED: 4, DISPOSITION_READ: 4, DISPOSITION_STARTED: 4, DISPOSITION_FOLLOW_UP: 4, DISPOSITION_COMPLETED: 4, DISPOSITION_FILE_ADDED: 1, DISPOSITION_REPLY_DRAFTED: 1 })) {
      expect([action, actions.filter((a) => a === action).length]).toEqual([action, n]);
    }
    const own = (await call('staf.umum.52', 'GET', `/api/dispositions/${ids.staf}/history`)).body as { action: string }[];
    // the staff member uploaded a file first (so it was read then), drafted the reply, and completed with a report (started then)
    expect(own.map((e) => e.action)).toEqual(['DISPOSITION_ISSUED', 'DISPOSITION_READ', 'DISPOSITION_FILE_ADDED', 'DISPOSITION_REPLY_DRAFTED', 'DISPOSITION_STARTED', 'DISPOSITION_FOLLOW_UP', 'DISPOSITION_COMPLETED']);
    expect((await http.app.get(AuditService).verify()).ok).toBe(true);
  });

  it('prints the lembar disposisi as a PDF, the same bytes twice, to those who may see the letter only', async () => {
    const a = await http.request('GET', `/api/deliveries/${letter.deliveryId}/disposition-sheet`, { token: await as('ketua.52') });
    expect(a.status).toBe(200);
    expect(a.headers['content-type']).toBe('application/pdf');
    const bytes = (r: { body: unknown }) => Buffer.from(r.body as string, 'latin1');
    const raw = await http.app.inject({ method: 'GET', url: `/api/deliveries/${letter.deliveryId}/disposition-sheet`, headers: { authorization: `Bearer ${await as('ketua.52')}` } });
    const again = await http.app.inject({ method: 'GET', url: `/api/deliveries/${letter.deliveryId}/disposition-sheet`, headers: { authorization: `Bearer ${await as('ketua.52')}` } });
    expect(raw.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(raw.rawPayload.equals(again.rawPayload)).toBe(true);
    expect(bytes(a).length).toBeGreaterThan(1000);
    expect((await http.request('GET', `/api/deliveries/${letter.deliveryId}/disposition-sheet`, { token: await as('staf.umum.3201') })).status).toBe(404);
    // what poppler reads from it: the whole tree in order, with the names of who gave, received and reported
    const path = join(mkdtempSync(join(tmpdir(), 'sheet-e2e-')), 'lembar.pdf');
    writeFileSync(path, raw.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
    let at = 0;
    for (const part of [
      'KOMISI PEMILIHAN UMUM PROVINSI NUSA TENGGARA BARAT', 'LEMBAR DISPOSISI', 'Rapat koordinasi pemutakhiran data pemilih', 'Diterima oleh', 'Ketua — Ketua 52 (demo)',
      '1.', 'Dari: Ketua — Ketua 52 (demo)', 'Sekretaris', 'Rapat telah dikoordinasikan.', 'elektronik', 'Sekretaris 52 (demo)', 'Selesai',
      '1.1.', 'Dari: Sekretaris — Sekretaris 52 (demo)', 'Jawaban disiapkan oleh staf.', 'Didisposisikan lanjut: 1.1.1', 'Sudah ditelaah.',
      '1.1.1.', 'Konsep jawaban sudah disiapkan.', 'Staf Umum 52 (demo)',
    ]) {
      const i = text.indexOf(part, at);
      expect([part, i >= 0]).toEqual([part, true]);
      at = i + part.length;
    }
    expect(text).toContain('Halaman 1 dari');
    const fonts = execFileSync('pdffonts', [path], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim());
    for (const f of fonts) expect(f.trim().split(/\s+/).slice(-5)[0]).toBe('yes');
  });
});

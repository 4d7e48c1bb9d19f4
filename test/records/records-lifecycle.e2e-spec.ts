import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { AuditService } from '@naskah/audit';
import { JobName, QueueName } from '@naskah/queue';
import { countRows } from '@naskah/testing';
import { deliveriesOnceDispatched, insertSignedLetterFixture } from '../../libs/testing/src/letters-fixture';
import { letterWithFiles, openProposalOf, RecordsEnv, snapshot, startRecordsEnv, sweep, unitIdOf, waitProposal } from './records-support';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Done when: a dossier from filing through closing, the sweep's proposals, transfer, destruction with its berita acara and tombstone; another through handover. */
describe('records: a dossier from filing to destruction, another to handover', () => {
  let env: RecordsEnv;
  beforeAll(async () => {
    env = await startRecordsEnv();
  });
  afterAll(() => env.close());

  it('registers the daily sweep (01:00 Asia/Jakarta) in the worker', async () => {
    const queue = env.worker.get<Queue>(getQueueToken(QueueName.RECORDS), { strict: false });
    expect(await queue.getJobSchedulers()).toContainEqual(expect.objectContaining({ key: 'records-sweep-daily', name: JobName.RECORDS_SWEEP, pattern: '0 1 * * *', tz: 'Asia/Jakarta' }));
  });

  /** Written straight into the disposition tables (libs/disposition owns their API). */
  async function dispositionOn(delivery: Record<string, any>): Promise<{ id: string; fileId: string }> {
    const { ds } = env;
    const [kasubbag] = await ds.query("SELECT u.id AS user_id, u.position_id FROM users u WHERE u.username = 'kasubbag.umum.5204'");
    const [staf] = await ds.query("SELECT position_id FROM users WHERE username = 'staf.umum.5204'");
    const res = await ds.query(
      `INSERT INTO dispositions (delivery_id, letter_id, office_id, author_position_id, author_user_id, author_capacity, recipient_position_id, instruction_codes, note, status, created_at)
       VALUES (?, ?, ?, ?, ?, 'SENDIRI', ?, '["TINDAK_LANJUTI"]', 'Siapkan distribusi ATK', 'DONE', NOW(3))`,
      [delivery.id, delivery.letter_id, delivery.office_id, kasubbag.position_id, kasubbag.user_id, staf.position_id],
    );
    const file = await ds.transaction((em) => env.files.store(em, Buffer.from(`laporan tindak lanjut ${Math.random()}`), { originalName: 'tindak-lanjut.pdf', mime: 'application/pdf', createdBy: null }));
    await ds.query(`INSERT INTO disposition_follow_ups (disposition_id, author_user_id, author_position_id, capacity, body, attachment_file_ids, created_at) VALUES (?, ?, ?, 'SENDIRI', 'ATK sudah dibagikan', ?, NOW(3))`,
      [res.insertId, kasubbag.user_id, staf.position_id, JSON.stringify([Number(file.id)])]);
    return { id: String(res.insertId), fileId: file.id };
  }

  it('files, closes, is swept, transferred and destroyed with its berita acara, manifest and tombstone', async () => {
    const { ds, req } = env;
    const A = 'arsiparis.5204';
    const kul = await unitIdOf(ds, '5204', 'KUL');

    // 1. dossier under TU.05.1 (2 + 8 years, MUSNAH: the appraisal committee must approve its destruction)
    const created = await req('POST', '/api/records/dossiers', A, { unitId: kul, classificationCode: 'TU.05.1', title: 'Pengadaan alat tulis kantor 2026', periodStart: '2026-01-01', location: 'Lemari 2, Subbag KUL' });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ status: 'ACTIVE', classificationCode: 'TU.05.1', securityClass: 'B', retention: { provisional: true, activeUntil: null, why: { waitingFor: 'CLOSING', scheduleVersion: 1, isDemo: true } } });

    // 2. file an outgoing letter (with its signed PDF and attachment) and a received one, after asking for a suggestion
    const out = await letterWithFiles(env, { office: '5204', classification: 'TU.05.1', subject: 'Permintaan ATK' });
    const suggestion = await req('GET', `/api/records/dossiers/suggest?letterId=${out.letterId}`, A);
    expect(suggestion.body.suggestions[0]).toMatchObject({ id, reason: expect.stringContaining('kode klasifikasi sama') });
    expect((await req('POST', `/api/records/dossiers/${id}/items`, A, { letterId: out.letterId })).status).toBe(201);

    const inc = await letterWithFiles(env, { office: '52', classification: 'TU.05.1', subject: 'Alokasi ATK provinsi', to: [{ office: '5204', position: 'KASUBBAG-KUL' }] });
    expect((await env.http.request('POST', `/api/letters/${inc.letterId}/send`, { token: await env.token('kabag.umum.52') })).status).toBe(201);
    const [delivery] = await deliveriesOnceDispatched(ds, inc.letterId);
    expect((await req('POST', `/api/records/dossiers/${id}/items`, A, { deliveryId: String(delivery.id) })).body).toMatchObject({ kind: 'INCOMING', letterId: inc.letterId });
    // a disposition made on the received letter (with its follow-up and a file) belongs to the record
    const dispo = await dispositionOn(delivery);

    // filing under an incompatible classification: 422, nothing changes
    const { letterId: wrong } = await insertSignedLetterFixture(ds, { office: '5204' });
    await ds.query("UPDATE letters SET classification_code = 'PL.01.8' WHERE id = ?", [wrong]);
    const before = await snapshot(ds, 'SELECT * FROM dossiers WHERE id = ?', [id]);
    const mismatch = await req('POST', `/api/records/dossiers/${id}/items`, A, { letterId: wrong });
    expect(mismatch).toMatchObject({ status: 422, body: { code: 'CLASSIFICATION_MISMATCH', details: { letterClassification: 'PL.01.8', dossierClassification: 'TU.05.1' } } });
    expect(await snapshot(ds, 'SELECT * FROM dossiers WHERE id = ?', [id])).toBe(before);
    expect(await countRows(ds, 'dossier_items', 'dossier_id = ?', [id])).toBe(2);
    // the same letter twice: 409
    expect((await req('POST', `/api/records/dossiers/${id}/items`, A, { letterId: out.letterId })).body.code).toBe('ALREADY_FILED');

    // 3. close: the clock starts; the dossier shows its dates and why
    const closed = await req('POST', `/api/records/dossiers/${id}/close`, A, {});
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'CLOSED', itemCount: 2, activeUntil: '2028-03-02', inactiveUntil: '2036-03-02', finalAction: 'MUSNAH', retentionYears: 10,
      retention: { provisional: false, triggerDate: '2026-03-02', activeUntil: '2028-03-02', inactiveUntil: '2036-03-02', finalAction: 'MUSNAH',
        why: { scheduleVersion: 1, classificationCode: 'TU.05.1', activeYears: 2, inactiveYears: 8, trigger: 'CLOSED', triggerDate: '2026-03-02', text: expect.stringContaining('JRA versi 1') } },
    });
    expect(closed.body.items.map((i: { kind: string; dispositions: number }) => `${i.kind}:${i.dispositions}`)).toEqual(['OUTGOING:0', 'INCOMING:1']);
    expect((await req('POST', `/api/records/dossiers/${id}/items`, A, { letterId: wrong })).status).toBe(409);

    // 4. two years on: the sweep proposes the transfer, once
    env.at(2, 2);
    const run1 = await sweep(env);
    expect(run1.proposed).toBeGreaterThanOrEqual(1);
    const transfer = await openProposalOf(env, id, A);
    expect(transfer).toMatchObject({ kind: 'TRANSFER', status: 'DRAFT' });
    const run2 = await sweep(env);
    expect(run2.proposed).toBe(0);
    expect(await countRows(ds, 'records_proposal_items', 'dossier_id = ?', [id])).toBe(1);

    // 5. transfer: submit, the head of the records centre approves, executed with the new location
    const T = transfer!.id;
    expect((await req('POST', `/api/records/proposals/${T}/submit`, A, {})).body.status).toBe('SUBMITTED');
    expect((await req('POST', `/api/records/proposals/${T}/execute`, A, { location: 'Depo arsip inaktif, rak 3' })).body).toMatchObject({ code: 'APPROVAL_MISSING', details: { missing: ['RECORDS_CENTRE_HEAD'] } });
    expect((await req('POST', `/api/records/proposals/${T}/approvals`, 'staf.umum.5204', { decision: 'APPROVED' })).status).toBe(404);
    expect((await req('POST', `/api/records/proposals/${T}/approvals`, 'kasubbag.umum.5204', { decision: 'APPROVED' })).body.status).toBe('APPROVED');
    expect((await req('POST', `/api/records/proposals/${T}/execute`, A, {})).status).toBe(400);
    expect((await req('POST', `/api/records/proposals/${T}/execute`, A, { location: 'Depo arsip inaktif, rak 3' })).body.status).toBe('EXECUTED');
    const inactive = (await req('GET', `/api/records/dossiers/${id}`, A)).body;
    expect(inactive).toMatchObject({ status: 'INACTIVE', location: 'Depo arsip inaktif, rak 3', openProposal: null });
    const tDocs = (await req('GET', `/api/records/proposals/${T}`, A)).body.documents;
    expect(tDocs.map((d: { kind: string; format: string }) => `${d.kind}.${d.format}`).sort()).toEqual(['BA_PEMINDAHAN.PDF', 'BA_PEMINDAHAN.XLSX']);
    const baPdf = await env.http.request('GET', `/api/records/proposals/${T}/documents/${tDocs[0].id}`, { token: await env.token(A) });
    expect(baPdf.headers['content-type']).toBe('application/pdf');
    const list = await env.http.app.inject({ method: 'GET', url: `/api/records/proposals/${T}/list?format=xlsx`, headers: { authorization: `Bearer ${await env.token(A)}` } });
    expect(list.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const listPdf = await env.http.app.inject({ method: 'GET', url: `/api/records/proposals/${T}/list?format=pdf`, headers: { authorization: `Bearer ${await env.token(A)}` } });
    expect(listPdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // 6. eight more years: the sweep proposes destruction; approvals in order, each missing one named
    env.at(10, 2);
    await sweep(env);
    const destroy = await openProposalOf(env, id, A);
    expect(destroy).toMatchObject({ kind: 'DESTROY', status: 'DRAFT' });
    const D = destroy!.id;
    await req('POST', `/api/records/proposals/${D}/submit`, A, {});
    expect((await req('POST', `/api/records/proposals/${D}/execute`, A, {})).body).toMatchObject({ statusCode: 409, code: 'APPROVAL_MISSING', details: { missing: ['RECORDS_CENTRE_HEAD', 'APPRAISAL_COMMITTEE', 'OFFICE_LEADER'] } });
    expect((await req('POST', `/api/records/proposals/${D}/approvals`, 'ketua.5204', { decision: 'APPROVED' })).body).toMatchObject({ code: 'APPROVAL_OUT_OF_ORDER', details: { missing: ['RECORDS_CENTRE_HEAD'] } });
    await req('POST', `/api/records/proposals/${D}/approvals`, 'kasubbag.umum.5204', { decision: 'APPROVED' });
    expect((await req('POST', `/api/records/proposals/${D}/execute`, A, {})).body).toMatchObject({ code: 'APPROVAL_MISSING', details: { missing: ['APPRAISAL_COMMITTEE', 'OFFICE_LEADER'] } });
    await req('POST', `/api/records/proposals/${D}/approvals`, 'sekretaris.5204', { decision: 'APPROVED', note: 'Panitia penilai setuju' });
    expect((await req('POST', `/api/records/proposals/${D}/execute`, A, {})).body).toMatchObject({ code: 'APPROVAL_MISSING', details: { missing: ['OFFICE_LEADER'] } });
    expect(await countRows(ds, 'records_tombstones', 'dossier_id = ?', [id])).toBe(0);
    expect((await req('POST', `/api/records/proposals/${D}/approvals`, 'ketua.5204', { decision: 'APPROVED' })).body.status).toBe('APPROVED');

    // 7. the execute job destroys the content, keeps the tombstone and the berita acara with its SHA-256 manifest
    const fileShas = await ds.query(`SELECT id, sha256 FROM files WHERE id IN (${[...out.fileIds, ...inc.fileIds, dispo.fileId].join(',')}) ORDER BY id`);
    expect((await req('POST', `/api/records/proposals/${D}/execute`, A, {})).status).toBe(202);
    const done = await waitProposal(env, D, 'EXECUTED', A);
    expect(done.execution).toMatchObject({ destroyed: 1, skippedHeld: [] });
    const gone = (await req('GET', `/api/records/dossiers/${id}`, A)).body;
    expect(gone).toMatchObject({ status: 'DESTROYED' });
    expect(gone.items.every((i: { contentDestroyedAt: string | null }) => i.contentDestroyedAt)).toBe(true);
    // the office's own letter (it was the only holder) loses its content; the letter received from
    // KPU Provinsi NTB stays whole for NTB, which still holds it as its record (issue 10, item 1)
    const [own] = await ds.query('SELECT body, summary, subject, number FROM letters WHERE id = ?', [out.letterId]);
    expect(own).toMatchObject({ body: null, summary: null });
    expect(own.number).toBeTruthy();
    const [received] = await ds.query('SELECT body FROM letters WHERE id = ?', [inc.letterId]);
    expect(received.body).toBe('Isi naskah (fixture)');
    for (const f of fileShas) {
      const kept = inc.fileIds.includes(String(f.id));
      if (kept) await expect(env.files.read(String(f.id))).resolves.toMatchObject({ file: { sha256: f.sha256 } });
      else await expect(env.files.read(String(f.id))).rejects.toMatchObject({ code: 'FILE_DESTROYED' });
      expect((await env.files.find(String(f.id))).sha256).toBe(f.sha256);
    }
    expect((await req('GET', `/api/letters/${inc.letterId}`, 'kasubbag.umum.5204')).body.code).toBe('RECORD_DESTROYED');
    expect((await req('GET', `/api/letters/${inc.letterId}`, 'kabag.umum.52')).status).toBe(200);
    expect(await ds.query('SELECT note FROM dispositions WHERE id = ?', [dispo.id])).toEqual([{ note: null }]);
    expect(await ds.query('SELECT body FROM disposition_follow_ups WHERE disposition_id = ?', [dispo.id])).toEqual([{ body: '' }]);
    const [tomb] = await ds.query('SELECT metadata, manifest, manifest_sha256 FROM records_tombstones WHERE dossier_id = ?', [id]);
    const metadata = typeof tomb.metadata === 'string' ? JSON.parse(tomb.metadata) : tomb.metadata;
    expect(metadata.dossier).toMatchObject({ id, title: 'Pengadaan alat tulis kantor 2026', classificationCode: 'TU.05.1' });
    expect(metadata.items.map((i: { subject: string }) => i.subject).sort()).toEqual(['Alokasi ATK provinsi', 'Permintaan ATK']);
    const docs = done.documents.map((d: { kind: string; format: string }) => `${d.kind}.${d.format}`).sort();
    expect(docs).toEqual(['BA_PEMUSNAHAN.PDF', 'BA_PEMUSNAHAN.XLSX', 'MANIFEST.JSON']);
    const manifestDoc = done.documents.find((d: { kind: string }) => d.kind === 'MANIFEST');
    const manifestRes = await env.http.app.inject({ method: 'GET', url: `/api/records/proposals/${D}/documents/${manifestDoc.id}`, headers: { authorization: `Bearer ${await env.token(A)}` } });
    const manifest = JSON.parse(manifestRes.rawPayload.toString('utf8'));
    expect(sha256(manifestRes.rawPayload)).toBe(done.execution.manifestSha256);
    const listed = manifest.dossiers[0].files.map((f: { fileId: string; sha256: string }) => ({ id: f.fileId, sha256: f.sha256 })).sort((a: { id: string }, b: { id: string }) => Number(a.id) - Number(b.id));
    expect(listed).toEqual(fileShas.map((f: { id: string; sha256: string }) => ({ id: String(f.id), sha256: f.sha256 })));
    const ba = done.documents.find((d: { kind: string; format: string }) => d.kind === 'BA_PEMUSNAHAN' && d.format === 'PDF');
    const baRes = await env.http.app.inject({ method: 'GET', url: `/api/records/proposals/${D}/documents/${ba.id}`, headers: { authorization: `Bearer ${await env.token(A)}` } });
    expect(baRes.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(baRes.headers['x-content-sha256']).toBe(sha256(baRes.rawPayload));

    // every step is in the audit trail, and the chain verifies
    const history = (await req('GET', `/api/records/dossiers/${id}/history`, A)).body.map((e: { action: string }) => e.action);
    expect(history).toEqual(['DOSSIER_CREATED', 'DOSSIER_RECORD_FILED', 'DOSSIER_RECORD_FILED', 'DOSSIER_CLOSED', 'DOSSIER_TRANSFERRED', 'DOSSIER_DESTROYED']);
    const pActions = (await env.http.app.get(AuditService).history('records_proposal', D)).map((e) => e.action);
    expect(pActions).toEqual(['PROPOSAL_SUBMITTED', 'PROPOSAL_APPROVED', 'PROPOSAL_APPROVED', 'PROPOSAL_APPROVED', 'PROPOSAL_EXECUTION_REQUESTED', 'PROPOSAL_EXECUTED']);
    expect((await env.http.app.get(AuditService).verify()).ok).toBe(true);
  });

  it('takes a permanent dossier through transfer to a handover package, HANDED_OVER only when the receipt is recorded', async () => {
    const { ds, req } = env;
    env.at(0);
    const A = 'arsiparis.5204';
    const kul = await unitIdOf(ds, '5204', 'KUL');
    const created = await req('POST', '/api/records/dossiers', A, { unitId: kul, classificationCode: 'PL.01.8', title: 'Laporan penyelenggaraan pemilu 2026', periodStart: '2026-01-01' });
    const id = created.body.id;
    expect(created.body.securityClass).toBe('T');
    const letter = await letterWithFiles(env, { office: '5204', classification: 'PL.01.8', subject: 'Laporan akhir', securityClass: 'T' });
    expect((await req('POST', `/api/records/dossiers/${id}/items`, A, { letterId: letter.letterId })).status).toBe(201);
    expect((await req('POST', `/api/records/dossiers/${id}/close`, A, {})).body).toMatchObject({ activeUntil: '2031-03-02', inactiveUntil: '2041-03-02', finalAction: 'PERMANEN' });

    env.at(5, 2);
    await sweep(env);
    const T = (await openProposalOf(env, id, A))!.id;
    await req('POST', `/api/records/proposals/${T}/submit`, A, {});
    await req('POST', `/api/records/proposals/${T}/approvals`, 'kasubbag.umum.5204', { decision: 'APPROVED' });
    expect((await req('POST', `/api/records/proposals/${T}/execute`, A, { location: 'Depo arsip, rak 7' })).body.status).toBe('EXECUTED');

    env.at(15, 2);
    await sweep(env);
    const handover = await openProposalOf(env, id, A);
    expect(handover).toMatchObject({ kind: 'HANDOVER', status: 'DRAFT' });
    const H = handover!.id;
    await req('POST', `/api/records/proposals/${H}/submit`, A, {});
    expect((await req('GET', `/api/records/proposals/${H}`, A)).body).toMatchObject({ requiredSteps: ['RECORDS_CENTRE_HEAD', 'OFFICE_LEADER'], nextStep: 'RECORDS_CENTRE_HEAD' });
    await req('POST', `/api/records/proposals/${H}/approvals`, 'kasubbag.umum.5204', { decision: 'APPROVED' });
    await req('POST', `/api/records/proposals/${H}/approvals`, 'ketua.5204', { decision: 'APPROVED' });
    expect((await req('POST', `/api/records/proposals/${H}/execute`, A, {})).status).toBe(202);
    const packaged = await waitProposal(env, H, 'PACKAGED', A);
    expect((await req('GET', `/api/records/dossiers/${id}`, A)).body.status).toBe('INACTIVE');

    // the package: metadata JSON + CSV, the files, the berita acara, a SHA-256 manifest of all of it
    const pkgDoc = packaged.documents.find((d: { kind: string }) => d.kind === 'HANDOVER_PACKAGE');
    const zip = await env.http.app.inject({ method: 'GET', url: `/api/records/proposals/${H}/documents/${pkgDoc.id}`, headers: { authorization: `Bearer ${await env.token(A)}` } });
    expect(zip.headers['content-type']).toBe('application/zip');
    expect(sha256(zip.rawPayload)).toBe(packaged.execution.packageSha256);
    const dir = mkdtempSync(join(tmpdir(), 'naskah-handover-'));
    try {
      writeFileSync(join(dir, 'p.zip'), zip.rawPayload);
      execFileSync('unzip', ['-q', 'p.zip', '-d', 'x'], { cwd: dir });
      const x = join(dir, 'x');
      const metadata = JSON.parse(readFileSync(join(x, 'metadata.json'), 'utf8'));
      expect(metadata.dossiers[0]).toMatchObject({ dossierId: id, classificationCode: 'PL.01.8', records: [expect.objectContaining({ letterId: letter.letterId, subject: 'Laporan akhir' })] });
      expect(metadata.dossiers[0].records[0].files.map((f: { name: string }) => f.name)).toEqual([expect.stringMatching(/^naskah-\d+\.pdf$/), 'lampiran.pdf', 'isi.txt']);
      expect(readFileSync(join(x, 'metadata.csv'), 'utf8')).toContain('Laporan akhir');
      const lines = readFileSync(join(x, 'manifest-sha256.txt'), 'utf8').trim().split('\n');
      expect(lines.some((l) => l.endsWith(`berita-acara-penyerahan-${H}.pdf`))).toBe(true);
      for (const line of lines) {
        const [hash, path] = line.split('  ');
        expect(sha256(readFileSync(join(x, path)))).toBe(hash);
      }
      const stored = await ds.query(`SELECT sha256 FROM files WHERE id IN (${letter.fileIds.join(',')})`);
      for (const f of stored) expect(lines.some((l) => l.startsWith(`${f.sha256}  berkas/berkas-${id}/`))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const receipt = await req('POST', `/api/records/proposals/${H}/receipt`, A, { archiveName: 'Dinas Perpustakaan dan Kearsipan Kab. Sumbawa', receiptNumber: 'TT-001/2041', receivedOn: '2041-03-05', receivedByName: 'Kepala Dinas' });
    expect(receipt.body.status).toBe('EXECUTED');
    expect((await req('GET', `/api/records/dossiers/${id}`, A)).body).toMatchObject({ status: 'HANDED_OVER' });
    expect((await req('POST', `/api/records/proposals/${H}/receipt`, A, { archiveName: 'x x x', receiptNumber: '2', receivedOn: '2041-03-05', receivedByName: 'abc' })).status).toBe(409);
    const history = (await req('GET', `/api/records/dossiers/${id}/history`, A)).body.map((e: { action: string }) => e.action);
    expect(history).toEqual(['DOSSIER_CREATED', 'DOSSIER_RECORD_FILED', 'DOSSIER_CLOSED', 'DOSSIER_TRANSFERRED', 'DOSSIER_HANDED_OVER']);
  });
  it('re-appraises a DINILAI_KEMBALI dossier from the sweep’s list, after a rejected transfer went back to the sweep once its notBefore came', async () => {
    const { ds, req } = env;
    env.at(0);
    const A = 'arsiparis.5204';
    const kul = await unitIdOf(ds, '5204', 'KUL');
    const id = (await req('POST', '/api/records/dossiers', A, { unitId: kul, classificationCode: 'PP.07', title: 'Data dan informasi pemilih 2026', periodStart: '2026-01-01' })).body.id;
    expect((await req('POST', `/api/records/dossiers/${id}/close`, A, {})).body).toMatchObject({ activeUntil: '2028-03-02', inactiveUntil: '2033-03-02', finalAction: 'DINILAI_KEMBALI' });

    env.at(2, 2);
    await sweep(env);
    const first = (await openProposalOf(env, id, A))!.id;
    await req('POST', `/api/records/proposals/${first}/submit`, A, {});
    // rejected as still in use: not proposed again before the day the approver chose (issue 11, item 19)
    const rejected = await req('POST', `/api/records/proposals/${first}/approvals`, 'kasubbag.umum.5204', { decision: 'REJECTED', note: 'Masih dipakai', notBefore: '2028-09-01' });
    expect(rejected.body.status).toBe('REJECTED');
    expect(await openProposalOf(env, id, A)).toBeNull();
    await sweep(env);
    expect(await openProposalOf(env, id, A)).toBeNull();
    env.clock.set(new Date('2028-09-01T03:00:00Z')); // 10:00 WIB on notBefore
    await sweep(env);
    const second = (await openProposalOf(env, id, A))!.id;
    expect(second).not.toBe(first);
    await req('POST', `/api/records/proposals/${second}/submit`, A, {});
    await req('POST', `/api/records/proposals/${second}/approvals`, 'kasubbag.umum.5204', { decision: 'APPROVED' });
    await req('POST', `/api/records/proposals/${second}/execute`, A, { location: 'Depo, rak 1' });

    env.at(7, 2);
    await sweep(env);
    const review = await openProposalOf(env, id, A);
    expect(review).toMatchObject({ kind: 'REVIEW', status: 'DRAFT' });
    expect((await req('GET', `/api/records/dossiers/${id}`, A)).body.status).toBe('REVIEW');
    expect((await req('POST', `/api/records/proposals/${review!.id}/submit`, A, {})).body.code).toBe('REVIEW_DECIDED_PER_DOSSIER');
    const keepSame = await req('POST', `/api/records/dossiers/${id}/reappraisals`, 'sekretaris.5204', { decision: 'EXTEND', extraYears: 1, reason: 'Diperpanjang satu tahun' });
    expect(keepSame.body.after).toMatchObject({ status: 'INACTIVE', inactiveUntil: '2034-03-02', finalAction: 'DINILAI_KEMBALI' });
    expect((await req('GET', `/api/records/proposals/${review!.id}`, A)).body).toMatchObject({ status: 'EXECUTED', items: [expect.objectContaining({ outcome: 'DONE' })] });

    env.at(8, 2);
    await sweep(env);
    const again = (await openProposalOf(env, id, A))!;
    expect(again.kind).toBe('REVIEW');
    const decided = await req('POST', `/api/records/dossiers/${id}/reappraisals`, 'sekretaris.5204', { decision: 'CHANGE_FINAL_ACTION', finalAction: 'MUSNAH', reason: 'Tidak bernilai guna lagi' });
    expect(decided.body.after).toMatchObject({ status: 'INACTIVE', finalAction: 'MUSNAH' });
    await sweep(env);
    expect(await openProposalOf(env, id, A)).toMatchObject({ kind: 'DESTROY' });
  });
});

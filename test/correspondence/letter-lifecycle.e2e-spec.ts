import { AppConfig } from '@naskah/core';
import { AuditService } from '@naskah/audit';
import { OrganisationService } from '@naskah/organisation';
import { FilesService } from '@naskah/storage';
import { DOCUMENT_SIGNER } from '../../libs/correspondence/src/signature';
import { LettersRepository, LetterWorkNotices, PadesSigner, RenderLetterJob } from '@naskah/correspondence';
import { countRows, Http, startApi } from '@naskah/testing';

describe('a letter from draft to signed PDF (KPU Kabupaten Sumbawa)', () => {
  let http: Http;
  let render: RenderLetterJob;
  let pos: Record<string, number>;
  let riSekjen: number;
  const T: Record<string, string> = {};

  beforeAll(async () => {
    http = await startApi();
    const app = http.app;
    render = new RenderLetterJob(http.ds, app.get(LettersRepository), app.get(OrganisationService), app.get(FilesService), app.get(AuditService), app.get(AppConfig), app.get(DOCUMENT_SIGNER), app.get(LetterWorkNotices), app.get(PadesSigner));
    for (const u of ['kasubbag.umum.5204', 'sekretaris.5204', 'ketua.5204', 'staf.umum.5204', 'kasubbag.teknis.5204', 'staf.umum.5271']) T[u] = await http.login(u);
    const rows = await http.ds.query("SELECT p.code, p.id FROM positions p JOIN offices o ON o.id = p.office_id WHERE o.code = '5204'");
    pos = Object.fromEntries(rows.map((r: { code: string; id: number }) => [r.code, Number(r.id)]));
    [{ id: riSekjen }] = await http.ds.query("SELECT p.id FROM positions p JOIN offices o ON o.id = p.office_id WHERE o.code = 'RI' AND p.code = 'SEKJEN'");
  });
  afterAll(() => http.close());

  const draft = (over: Record<string, unknown> = {}) => ({
    typeCode: 'SD', subject: 'Usulan penggantian antarwaktu anggota PPK', summary: 'Usulan PAW', body: 'Dengan hormat,\n\nBersama ini kami sampaikan usulan.',
    securityClass: 'B', urgency: 'SEGERA', classificationCode: 'PY.01.1',
    recipients: [{ kind: 'TO', positionId: riSekjen }, { kind: 'CC', externalName: 'Bawaslu Kabupaten Sumbawa' }],
    reviewerPositionIds: [pos['KASUBBAG-TPH'], pos.SEKRETARIS], signerPositionId: pos.KETUA, ...over,
  });

  it('walks draft → review (returned, revised, approved) → signed with the current number format', async () => {
    const created = await http.request('POST', '/api/letters', { token: T['kasubbag.umum.5204'], body: draft() });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ status: 'DRAFT', revision: 1 });

    expect((await http.request('POST', `/api/letters/${id}/submit`, { token: T['kasubbag.umum.5204'] })).body.status).toBe('IN_REVIEW');
    // the second reviewer may not act before the first
    const early = await http.request('POST', `/api/letters/${id}/review`, { token: T['sekretaris.5204'], body: { decision: 'APPROVE' } });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('OUT_OF_REVIEW_ORDER');
    // the first reviewer returns it with a note
    const returned = await http.request('POST', `/api/letters/${id}/review`, { token: T['kasubbag.teknis.5204'], body: { decision: 'RETURN', note: 'Lengkapi dasar hukum' } });
    expect(returned.body.status).toBe('RETURNED');
    const edited = await http.request('PATCH', `/api/letters/${id}`, { token: T['kasubbag.umum.5204'], body: { version: returned.body.version, body: 'Dengan hormat,\n\nBerdasarkan PKPU 8/2019, kami sampaikan usulan.' } });
    expect(edited.status).toBe(200);
    expect(edited.body.revision).toBe(2);
    const cmp = await http.request('GET', `/api/letters/${id}/revisions/compare?from=1&to=2`, { token: T['kasubbag.umum.5204'] });
    expect(cmp.body.changes.map((c: { field: string }) => c.field)).toEqual(['body']);
    await http.request('POST', `/api/letters/${id}/submit`, { token: T['kasubbag.umum.5204'] });
    await http.request('POST', `/api/letters/${id}/review`, { token: T['kasubbag.teknis.5204'], body: { decision: 'APPROVE' } });
    const approved = await http.request('POST', `/api/letters/${id}/review`, { token: T['sekretaris.5204'], body: { decision: 'APPROVE' } });
    expect(approved.body.status).toBe('APPROVED');

    // only the designated signer signs, with the right password
    expect((await http.request('POST', `/api/letters/${id}/sign`, { token: T['sekretaris.5204'], body: { password: 'Naskah#2026' } })).status).toBe(403);
    const wrongPw = await http.request('POST', `/api/letters/${id}/sign`, { token: T['ketua.5204'], body: { password: 'salah' } });
    expect(wrongPw.status).toBe(403);
    expect(wrongPw.body.code).toBe('PASSWORD_CONFIRMATION_FAILED');
    const signed = await http.request('POST', `/api/letters/${id}/sign`, { token: T['ketua.5204'], body: { password: 'Naskah#2026' } });
    expect(signed.status).toBe(201);
    const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
    expect(signed.body.number).toMatch(new RegExp(`^\\d+/PY\\.01\\.1-SD/5204/${year}$`));
    expect(signed.body.status).toBe('SIGNED');

    // editing after signing is refused and changes nothing
    const late = await http.request('PATCH', `/api/letters/${id}`, { token: T['kasubbag.umum.5204'], body: { version: signed.body.version, subject: 'Ubah' } });
    expect(late.status).toBe(409);

    // the PDF is rendered and verifies publicly; a tampered copy does not
    await render.run({ letterId: id });
    const { verificationToken } = (await http.request('GET', `/api/letters/${id}`, { token: T['kasubbag.umum.5204'] })).body;
    const v = await http.request('GET', `/api/verify/${verificationToken}`);
    expect(v.body).toMatchObject({ valid: true, number: signed.body.number, signatureKind: 'ed25519-uncertified', unaltered: true, embeddedSignature: 'VALID' });
    // the PDF is signed inside (PAdES) by the signer position's certificate, issued by the local CA
    expect(v.body.certificateSubject).toContain('CN=Ketua KPU Kabupaten Sumbawa');
    expect(v.body.certificateIssuer).toContain('TIDAK TERSERTIFIKASI');
    const pdf = await http.app.inject({ method: 'GET', url: `/api/letters/${id}/pdf`, headers: { authorization: `Bearer ${T['kasubbag.umum.5204']}` } });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const upload = async (bytes: Buffer) => {
      const boundary = 'naskahboundary';
      const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="n.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
      const res = await http.app.inject({ method: 'POST', url: '/api/verify', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
      return res.json();
    };
    expect(await upload(pdf.rawPayload)).toMatchObject({ valid: true, letterId: id });
    const tampered = Buffer.from(pdf.rawPayload);
    tampered[tampered.length - 20] ^= 1;
    expect(await upload(tampered)).toMatchObject({ valid: false, unaltered: false, embeddedSignature: 'ALTERED' });

    const history = await http.request('GET', `/api/letters/${id}/history`, { token: T['kasubbag.umum.5204'] });
    expect(history.body.map((e: { action: string }) => e.action)).toEqual([
      'LETTER_DRAFTED', 'LETTER_SUBMITTED', 'LETTER_RETURNED', 'LETTER_REVISED', 'LETTER_SUBMITTED', 'LETTER_REVIEW_APPROVED', 'LETTER_REVIEW_APPROVED', 'LETTER_SIGNED', 'LETTER_RENDERED',
    ]);
  });

  it('refuses bad drafts with the field named, and changes nothing', async () => {
    const before = await countRows(http.ds, 'letters');
    const unknownCls = await http.request('POST', '/api/letters', { token: T['kasubbag.umum.5204'], body: draft({ classificationCode: 'ZZ.99' }) });
    expect(unknownCls.status).toBe(400);
    expect(unknownCls.body.details.fields[0].field).toBe('classificationCode');
    const badSigner = await http.request('POST', '/api/letters', { token: T['kasubbag.umum.5204'], body: draft({ signerPositionId: pos['STAF-KUL'] }) });
    expect(badSigner.status).toBe(422);
    const malformed = await http.request('POST', '/api/letters', { token: T['kasubbag.umum.5204'], body: { ...draft(), securityClass: 'X', extra: 1 } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['extra', 'securityClass']);
    expect(await countRows(http.ds, 'letters')).toBe(before);
  });

  it('hides a letter from those who may not see it (404), and stale edits are refused (409)', async () => {
    const created = await http.request('POST', '/api/letters', { token: T['kasubbag.umum.5204'], body: draft({ securityClass: 'R', reviewerPositionIds: [] }) });
    const id = created.body.id;
    expect((await http.request('GET', `/api/letters/${id}`, { token: T['staf.umum.5271'] })).status).toBe(404);
    expect((await http.request('GET', `/api/letters/${id}`, { token: T['staf.umum.5204'] })).status).toBe(404);
    expect((await http.request('GET', `/api/letters/${id}`, { token: T['ketua.5204'] })).status).toBe(200);
    await http.request('PATCH', `/api/letters/${id}`, { token: T['kasubbag.umum.5204'], body: { version: 1, subject: 'Perubahan pertama' } });
    const stale = await http.request('PATCH', `/api/letters/${id}`, { token: T['kasubbag.umum.5204'], body: { version: 1, subject: 'Perubahan kedua' } });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');
  });

  it('numbers 24 letters signed concurrently with no duplicate and no gap', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) {
      const c = await http.request('POST', '/api/letters', { token: T['kasubbag.umum.5204'], body: draft({ typeCode: 'ND', reviewerPositionIds: [], recipients: [{ kind: 'TO', positionId: pos.SEKRETARIS }] }) });
      await http.request('POST', `/api/letters/${c.body.id}/submit`, { token: T['kasubbag.umum.5204'] });
      ids.push(c.body.id);
    }
    const results = await Promise.all(ids.map((id) => http.request('POST', `/api/letters/${id}/sign`, { token: T['ketua.5204'], body: { password: 'Naskah#2026' } })));
    expect(results.map((r) => r.status)).toEqual(ids.map(() => 201));
    const seqs = (await http.ds.query(`SELECT number_seq FROM letters WHERE type_code = 'ND' AND office_id = (SELECT id FROM offices WHERE code = '5204') AND number_seq IS NOT NULL ORDER BY number_seq`)).map((r: { number_seq: string }) => Number(r.number_seq));
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(new Set(results.map((r) => r.body.number)).size).toBe(24);
  });
});

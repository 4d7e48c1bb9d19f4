import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { countRows, Http, startApiAndWorker } from '@naskah/testing';
import { deliveriesOnceDispatched, officeIdOf, positionIdOf } from '../../libs/testing/src/letters-fixture';

const LIMIT = 64 * 1024;
process.env.UPLOAD_MAX_BYTES = String(LIMIT); // read when the API boots below

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

/** A multipart/form-data body with text fields and an optional file part. */
function multipart(fields: Record<string, string | string[]>, file?: { name?: string; filename: string; data: Buffer; type?: string }) {
  const boundary = `----naskah${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    for (const value of Array.isArray(v) ? v : [v]) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name ?? 'file'}"; filename="${file.filename}"\r\nContent-Type: ${file.type ?? 'application/pdf'}\r\n\r\n`));
    chunks.push(file.data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** The registrar (pencatat surat) registers external incoming mail and delivers it within the office. */
describe('external incoming letters', () => {
  let http: Http;
  let ds: DataSource;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    ({ http, ds, close: stop } = await startApiAndWorker());
  });
  afterAll(() => stop());

  const fields = async (over: Record<string, string | string[]> = {}) => ({
    senderName: 'Bawaslu Kabupaten Sumbawa', externalNumber: '045/BWS/XI/2026', externalDate: '2026-11-20', subject: 'Pemberitahuan hasil pengawasan',
    urgency: 'SEGERA', securityClass: 'B', toPositionId: String(await positionIdOf(ds, '5204', 'KASUBBAG-TPH')), ...over,
  });
  const register = async (user: string, form: { body: Buffer; headers: Record<string, string> }) =>
    http.request('POST', '/api/incoming', { token: await http.login(user), body: form.body, headers: form.headers });

  it('serves a PNG scan as the image it is (image/png, naskah-<id>.png), not as a broken PDF (issue 11, item 14)', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f3d3cc0000000049454e44ae426082', 'hex');
    const res = await register('pencatat.5204', multipart(await fields({ subject: 'Surat dipindai sebagai gambar' }), { filename: 'pindaian.png', data: png, type: 'image/png' }));
    expect(res.status).toBe(201);
    const doc = await http.app.inject({ method: 'GET', url: `/api/letters/${res.body.letterId}/pdf`, headers: { authorization: `Bearer ${await http.login('pencatat.5204')}` } });
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toBe('image/png');
    expect(doc.headers['content-disposition']).toBe(`inline; filename="naskah-${res.body.letterId}.png"; filename*=UTF-8''naskah-${res.body.letterId}.png`);
    expect(Buffer.compare(doc.rawPayload, png)).toBe(0);
  });

  it('registers a scanned letter and delivers it to a position of the registrar’s office with an agenda number', async () => {
    const kasubbag = await positionIdOf(ds, '5204', 'KASUBBAG-TPH');
    const res = await register('pencatat.5204', multipart(await fields({ ccPositionIds: String(await positionIdOf(ds, '5204', 'SEKRETARIS')) }), { filename: 'scan.pdf', data: PDF }));
    expect(res.status).toBe(201);
    expect(res.body.file).toMatchObject({ sha256: createHash('sha256').update(PDF).digest('hex'), mime: 'application/pdf', sizeBytes: PDF.length });
    const [letter] = await ds.query('SELECT origin, status, office_id, external_sender, external_number, document_sha256 FROM letters WHERE id = ?', [res.body.letterId]);
    expect(letter).toMatchObject({ origin: 'EXTERNAL', status: 'SENT', office_id: await officeIdOf(ds, '5204'), external_sender: 'Bawaslu Kabupaten Sumbawa', document_sha256: res.body.file.sha256 });
    const deliveries = await deliveriesOnceDispatched(ds, res.body.letterId);
    expect(deliveries.map((d) => [d.position_id, d.kind])).toEqual([[kasubbag, 'TO'], [await positionIdOf(ds, '5204', 'SEKRETARIS'), 'CC']]);
    const inbox = await http.request('GET', '/api/inbox?q=hasil%20pengawasan', { token: await http.login('kasubbag.teknis.5204') });
    expect(inbox.body.items[0]).toMatchObject({
      arrivedBy: 'REGISTER', sender: { name: 'Bawaslu Kabupaten Sumbawa' }, number: '045/BWS/XI/2026', urgency: 'SEGERA', agendaNumber: expect.any(Number), isCopy: false,
    });
    const detail = await http.request('GET', `/api/deliveries/${inbox.body.items[0].id}`, { token: await http.login('kasubbag.teknis.5204') });
    expect(detail.body.letter).toMatchObject({ origin: 'EXTERNAL', external: { sender: 'Bawaslu Kabupaten Sumbawa', number: '045/BWS/XI/2026', date: '2026-11-20' } });
    const route = await http.request('GET', `/api/deliveries/${inbox.body.items[0].id}/route`, { token: await http.login('kasubbag.teknis.5204') });
    expect(route.body.hops.map((h: { action: string }) => h.action)).toEqual(['REGISTER', 'RECEIVED']);
    // an external letter is visible to its office (B) but not to another office
    expect((await http.request('GET', `/api/deliveries/${inbox.body.items[0].id}`, { token: await http.login('staf.umum.5271') })).status).toBe(404);

    // "Siapkan jawaban": the reply drafted from a disposition names the sender's own number and date
    const kasubbagToken = await http.login('kasubbag.teknis.5204');
    const issued = await http.request('POST', '/api/dispositions', {
      token: kasubbagToken,
      body: { deliveryId: inbox.body.items[0].id, recipientPositionIds: [await positionIdOf(ds, '5204', 'STAF-TPH')], instructionCodes: ['SIAPKAN_JAWABAN'] },
    });
    expect(issued.status).toBe(201);
    const staff = await http.login('staf.teknis.5204');
    // a registered letter carries no archive classification: the reply must be given one, and nothing is drafted until it is
    const lettersBefore = await countRows(ds, 'letters');
    const unclassified = await http.request('POST', `/api/dispositions/${issued.body[0].id}/reply-letter`, { token: staff, body: { signerPositionId: await positionIdOf(ds, '5204', 'SEKRETARIS') } });
    expect(unclassified).toMatchObject({ status: 400, body: { details: { fields: [{ field: 'classificationCode' }] } } });
    expect(await countRows(ds, 'letters')).toBe(lettersBefore);
    const reply = await http.request('POST', `/api/dispositions/${issued.body[0].id}/reply-letter`, { token: staff, body: { signerPositionId: await positionIdOf(ds, '5204', 'SEKRETARIS'), classificationCode: 'PY.01.1' } });
    expect([reply.status, reply.body]).toMatchObject([201, { replyLetterId: expect.any(String) }]);
    const draft = await http.request('GET', `/api/letters/${reply.body.replyLetterId}`, { token: staff });
    expect(draft.body.subject).toBe('Jawaban atas surat Bawaslu Kabupaten Sumbawa nomor 045/BWS/XI/2026 tanggal 2026-11-20 perihal Pemberitahuan hasil pengawasan');
    expect(draft.body.recipients).toMatchObject([{ kind: 'TO', externalName: 'Bawaslu Kabupaten Sumbawa' }]);
  });

  it('registers an e-mailed letter without a scan', async () => {
    const res = await register('pencatat.5204', multipart(await fields({ subject: 'Undangan melalui surel' })));
    expect(res.status).toBe(201);
    expect(res.body.file).toBeNull();
  });

  it('refuses bad input and changes nothing: wrong type 415, too large 413, other office 422, KPU RI 422 with the route, bad fields 400, not a registrar 403', async () => {
    const letters = await countRows(ds, 'letters');
    const files = await countRows(ds, 'files');
    const exe = await register('pencatat.5204', multipart(await fields(), { filename: 'scan.pdf', data: Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00]), Buffer.alloc(512)]) }));
    expect(exe).toMatchObject({ status: 415, body: { code: 'FILE_TYPE_NOT_ALLOWED' } });
    const big = await register('pencatat.5204', multipart(await fields(), { filename: 'big.pdf', data: Buffer.concat([PDF, Buffer.alloc(LIMIT + 1)]) }));
    expect(big.status).toBe(413);
    const mataram = await register('pencatat.5204', multipart(await fields({ toPositionId: String(await positionIdOf(ds, '5271', 'SEKRETARIS')) }), { filename: 'scan.pdf', data: PDF }));
    expect(mataram).toMatchObject({ status: 422, body: { code: 'INVALID_RECIPIENT' } });
    const ri = await register('pencatat.5204', multipart(await fields({ toPositionId: String(await positionIdOf(ds, 'RI', 'SEKJEN')) }), { filename: 'scan.pdf', data: PDF }));
    expect(ri).toMatchObject({ status: 422, body: { code: 'ROUTING_VIA_PARENT_REQUIRED' } });
    expect(ri.body.message).toContain('wajib melalui KPU Provinsi Nusa Tenggara Barat');
    const missing = await register('pencatat.5204', multipart({ senderName: 'X', urgency: 'KILAT' }));
    expect(missing.status).toBe(400);
    expect(missing.body.details.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['externalNumber', 'subject', 'urgency', 'toPositionId']));
    const unknownClass = await register('pencatat.5204', multipart(await fields({ classificationCode: 'ZZ.99' })));
    expect(unknownClass).toMatchObject({ status: 400, body: { code: 'UNKNOWN_CLASSIFICATION' } });
    expect((await register('staf.umum.5204', multipart(await fields(), { filename: 'scan.pdf', data: PDF }))).status).toBe(403);
    const json = await http.request('POST', '/api/incoming', { token: await http.login('pencatat.5204'), body: await fields() });
    expect(json.status).toBe(415);
    expect(await countRows(ds, 'letters')).toBe(letters);
    expect(await countRows(ds, 'files')).toBe(files);
  });
});

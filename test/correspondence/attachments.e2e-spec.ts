import { createHash } from 'node:crypto';
import { countRows, Http, startApi } from '@naskah/testing';

const MAX = 64 * 1024;

function multipart(name: string, bytes: Buffer, contentType = 'application/octet-stream') {
  const boundary = 'naskahattach';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f3d3cc0000000049454e44ae426082', 'hex');

describe('letter attachments: type by content, size limit, SHA-256, access', () => {
  let http: Http;
  let drafter: string;
  let letterId: string;

  beforeAll(async () => {
    process.env.UPLOAD_MAX_BYTES = String(MAX);
    http = await startApi();
    drafter = await http.login('kasubbag.umum.5204');
    const pos = Object.fromEntries(
      (await http.ds.query("SELECT p.code, p.id FROM positions p JOIN offices o ON o.id = p.office_id WHERE o.code = '5204'")).map((r: { code: string; id: number }) => [r.code, Number(r.id)]),
    );
    const res = await http.request('POST', '/api/letters', {
      token: drafter,
      body: { typeCode: 'ND', subject: 'Laporan logistik pemilu', body: 'Terlampir laporan.', securityClass: 'B', urgency: 'BIASA', classificationCode: 'PP.08', recipients: [{ kind: 'TO', positionId: pos.SEKRETARIS }], reviewerPositionIds: [], signerPositionId: pos.SEKRETARIS },
    });
    letterId = res.body.id;
  });
  afterAll(async () => {
    delete process.env.UPLOAD_MAX_BYTES;
    await http.close();
  });

  const upload = (token: string, name: string, bytes: Buffer, ct?: string) =>
    http.app.inject({ method: 'POST', url: `/api/letters/${letterId}/attachments`, ...multipart(name, bytes, ct), headers: { ...multipart(name, bytes, ct).headers, authorization: `Bearer ${token}` } });

  it('stores a PDF and a PNG with their SHA-256 and serves them back intact', async () => {
    const a = await upload(drafter, 'laporan.pdf', PDF, 'application/pdf');
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({ mime: 'application/pdf', sha256: createHash('sha256').update(PDF).digest('hex'), sizeBytes: PDF.length });
    const b = await upload(drafter, 'foto.png', PNG, 'image/png');
    expect(b.json().mime).toBe('image/png');
    const letter = await http.request('GET', `/api/letters/${letterId}`, { token: drafter });
    expect(letter.body.attachments.map((x: { name: string }) => x.name)).toEqual(['laporan.pdf', 'foto.png']);
    const dl = await http.app.inject({ method: 'GET', url: `/api/letters/${letterId}/attachments/${a.json().id}`, headers: { authorization: `Bearer ${drafter}` } });
    expect(dl.statusCode).toBe(200);
    expect(Buffer.compare(dl.rawPayload, PDF)).toBe(0);
    expect(dl.headers['x-content-sha256']).toBe(a.json().sha256);
  });

  it('serves a download with the extension of the type its bytes are, whatever the uploader named it, with nosniff (issue 11, item 13)', async () => {
    const a = await upload(drafter, 'undangan.html', PDF, 'text/html');
    expect(a.statusCode).toBe(201);
    expect(a.json().mime).toBe('application/pdf');
    const dl = await http.app.inject({ method: 'GET', url: `/api/letters/${letterId}/attachments/${a.json().id}`, headers: { authorization: `Bearer ${drafter}` } });
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['content-disposition']).toBe(`attachment; filename="undangan.pdf"; filename*=UTF-8''undangan.pdf`);
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    const b = await upload(drafter, 'arsip/Laporan akhir: Pemilu?.exe', PNG, 'application/x-msdownload');
    const dl2 = await http.app.inject({ method: 'GET', url: `/api/letters/${letterId}/attachments/${b.json().id}`, headers: { authorization: `Bearer ${drafter}` } });
    expect(dl2.headers['content-type']).toBe('image/png');
    expect(dl2.headers['content-disposition']).toMatch(/^attachment; filename="Laporan akhir Pemilu\.png"; filename\*=UTF-8''Laporan%20akhir%20Pemilu\.png$/);
  });

  it('judges the type by content, not by name: a text file named .pdf is 415 and changes nothing', async () => {
    const before = await countRows(http.ds, 'letter_attachments', 'letter_id = ?', [letterId]);
    const res = await upload(drafter, 'palsu.pdf', Buffer.from('bukan pdf sama sekali'), 'application/pdf');
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(await countRows(http.ds, 'letter_attachments', 'letter_id = ?', [letterId])).toBe(before);
  });

  it('refuses an oversized file with 413', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(MAX + 10, 0x20)]);
    const res = await upload(drafter, 'besar.pdf', big, 'application/pdf');
    expect(res.statusCode).toBe(413);
  });

  it('hides attachments from other offices (404) and only the drafter may add (403)', async () => {
    const other = await http.login('staf.umum.5271');
    const list = await http.request('GET', `/api/letters/${letterId}`, { token: drafter });
    const fileId = list.body.attachments[0].fileId;
    expect((await http.request('GET', `/api/letters/${letterId}/attachments/${fileId}`, { token: other })).status).toBe(404);
    const colleague = await http.login('sekretaris.5204');
    expect((await upload(colleague, 'x.pdf', PDF)).statusCode).toBe(403);
  });
});

import { countRows, Http, startApi } from '@naskah/testing';
import { positionIdOf } from '../../libs/testing/src/letters-fixture';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

type Part = { name: string; value: string } | { name: string; filename: string; data: Buffer };

/** A multipart/form-data body from parts in order (text fields and files). */
function multipart(parts: Part[]) {
  const boundary = `----naskah${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if ('filename' in p) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: application/pdf\r\n\r\n`), p.data, Buffer.from('\r\n'));
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const fieldsOf = (n: number, value = 'x'): Part[] => Array.from({ length: n }, (_, i) => ({ name: `f${i}`, value }));
const pdf = (name = 'file'): Part => ({ name, filename: 'naskah.pdf', data: PDF });

/** The directives of a Content-Security-Policy header, by name. */
function csp(header: unknown): Record<string, string[]> {
  expect(typeof header).toBe('string');
  return Object.fromEntries(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );
}

describe('security headers', () => {
  let http: Http;
  beforeAll(async () => {
    http = await startApi();
  });
  afterAll(() => http.close());

  it('serves the web UI with a strict CSP: no inline script or style, no framing, nosniff, no referrer', async () => {
    const res = await http.request('GET', '/');
    expect(res.status).toBe(200);
    const policy = csp(res.headers['content-security-policy']);
    // scripts come only from files of this origin; styles too, plus the run-time <style> elements
    // of Ant Design carrying this answer's nonce (apps/web; test/web/web-serving.e2e-spec.ts)
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['style-src']).toEqual(["'self'", expect.stringMatching(/^'nonce-[A-Za-z0-9+/]{24}'$/)]);
    // the previous UI (/lama/) has no run-time styles: files only
    expect(csp((await http.request('GET', '/lama/')).headers['content-security-policy'])['style-src']).toEqual(["'self'"]);
    expect(policy['script-src-attr']).toEqual(["'none'"]);
    expect(policy['object-src']).toEqual(["'none'"]);
    // frames: only the PDF preview's blob: URL (no other site, not our own pages)
    expect(policy['frame-src']).toEqual(['blob:']);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(['no-referrer', 'same-origin']).toContain(res.headers['referrer-policy']);
  });

  it('sends nosniff and the policy on API answers and errors too', async () => {
    for (const url of ['/api/me', '/api/no-such-thing', '/health/live', '/lama/app.js']) {
      const res = await http.request('GET', url);
      expect([url, res.headers['x-content-type-options']]).toEqual([url, 'nosniff']);
      expect(csp(res.headers['content-security-policy'])['frame-ancestors']).toEqual(["'none'"]);
    }
  });

  it('marks authenticated JSON no-store, and lets the static UI files cache', async () => {
    const token = await http.login('ketua.5204');
    const me = await http.request('GET', '/api/me', { token });
    expect(me.status).toBe(200);
    expect(String(me.headers['content-type'])).toContain('application/json');
    expect(me.headers['cache-control']).toBe('no-store');
    const inbox = await http.request('GET', '/api/inbox', { token });
    expect([inbox.status, inbox.headers['cache-control']]).toEqual([200, 'no-store']);

    const asset = await http.request('GET', '/lama/app.js');
    expect(asset.status).toBe(200);
    expect(String(asset.headers['content-type'])).toContain('javascript');
    expect(String(asset.headers['cache-control'] ?? '')).not.toContain('no-store');
    expect(asset.headers.etag ?? asset.headers['last-modified']).toBeDefined();
  });

  it('gives the Swagger UI page its own policy: inline styles allowed there only, scripts still ours, no framing', async () => {
    const docs = await http.request('GET', '/api/docs');
    expect(docs.status).toBe(200);
    const policy = csp(docs.headers['content-security-policy']);
    expect(policy['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    // the UI's page is not relaxed by it
    expect(csp((await http.request('GET', '/lama/index.html')).headers['content-security-policy'])['style-src']).toEqual(["'self'"]);
  });
});

describe('multipart limits', () => {
  let http: Http;
  beforeAll(async () => {
    http = await startApi();
  });
  afterAll(() => http.close());

  const post = (url: string, form: { body: Buffer; headers: Record<string, string> }, token?: string) => http.request('POST', url, { body: form.body, headers: form.headers, token });
  const refused = (res: { status: number; body: any }, code: string) => {
    expect([res.status, res.body]).toEqual([413, expect.objectContaining({ statusCode: 413, code, message: expect.any(String) })]);
  };

  it('still verifies an uploaded PDF sent as the form the page sends (the file alone)', async () => {
    const res = await post('/api/verify', multipart([pdf()]));
    expect(res.status).toBe(200);
  });

  it('answers a truncated multipart body or one without a boundary with 400 MALFORMED_MULTIPART, never 500 (issue 11, item 9)', async () => {
    const token = await http.login('pencatat.5204');
    const before = await countRows(http.ds, 'letters');
    for (const [url, t, parts] of [['/api/verify', undefined, [pdf()]], ['/api/incoming', token, [{ name: 'senderName', value: 'Bawaslu' }, pdf()]]] as const) {
      const whole = multipart([...parts]);
      const cut = { body: whole.body.subarray(0, whole.body.length - 30), headers: whole.headers };
      const truncated = await post(url, cut, t);
      expect({ url, status: truncated.status, code: truncated.body.code }).toEqual({ url, status: 400, code: 'MALFORMED_MULTIPART' });
      const noBoundary = await post(url, { body: whole.body, headers: { 'content-type': 'multipart/form-data' } }, t);
      expect({ url, status: noBoundary.status, code: noBoundary.body.code }).toEqual({ url, status: 400, code: 'MALFORMED_MULTIPART' });
    }
    expect(await countRows(http.ds, 'letters')).toBe(before);
  });

  it('refuses POST /api/verify with 40 text fields before the file: 413 naming the limit', async () => {
    const res = await post('/api/verify', multipart([...fieldsOf(40, 'x'.repeat(1000)), pdf()]));
    refused(res, 'TOO_MANY_FIELDS');
    expect(res.body.details).toEqual({ limit: 0 });
  });

  it('refuses POST /api/verify with a 2 MB text field: 413', async () => {
    const res = await post('/api/verify', multipart([{ name: 'note', value: 'x'.repeat(2 * 1024 * 1024) }, pdf()]));
    refused(res, 'TOO_MANY_FIELDS');
  });

  it('refuses POST /api/verify with more parts than its one file: 413', async () => {
    const res = await post('/api/verify', multipart([pdf(), pdf(), pdf()]));
    refused(res, 'TOO_MANY_PARTS');
    expect(res.body.details).toEqual({ limit: 1 });
  });

  it('refuses a 2 MB text field on a form that takes fields (incoming registration) with 413 naming it, and registers nothing', async () => {
    const token = await http.login('pencatat.5204');
    const before = await countRows(http.ds, 'letters');
    const res = await post('/api/incoming', multipart([{ name: 'senderName', value: 'Bawaslu' }, { name: 'summary', value: 'x'.repeat(2 * 1024 * 1024) }, pdf()]), token);
    refused(res, 'FIELD_TOO_LARGE');
    expect(res.body.details).toMatchObject({ limit: 32 * 1024, fields: [{ field: 'summary' }] });
    expect(await countRows(http.ds, 'letters')).toBe(before);
  });

  it('refuses more than 64 fields and more than one file on authenticated forms too, and registers nothing', async () => {
    const token = await http.login('pencatat.5204');
    const before = await countRows(http.ds, 'letters');
    refused(await post('/api/incoming', multipart([...fieldsOf(70), pdf()]), token), 'TOO_MANY_FIELDS');
    refused(await post('/api/incoming', multipart([{ name: 'senderName', value: 'Bawaslu' }, pdf(), pdf()]), token), 'TOO_MANY_FILES');
    expect(await countRows(http.ds, 'letters')).toBe(before);
  });

  it('lets the JRA import form through (the CSV file, effectiveFrom, label): the importer judges it, not the limits', async () => {
    const csv = ['kode,judul,retensi_aktif_tahun,retensi_inaktif_tahun,nasib_akhir,keamanan,sumber', 'KU.02,Perbendaharaan,2,x,MUSNAH,B,PKPU'].join('\n');
    const res = await post(
      '/api/records/schedule/import/upload',
      multipart([{ name: 'effectiveFrom', value: '2026-01-01' }, { name: 'label', value: 'JRA uji' }, { name: 'file', filename: 'jra.csv', data: Buffer.from(csv) }]),
      await http.login('arsiparis.ri'),
    );
    expect([res.status, res.body.details?.problems?.[0]?.line]).toEqual([400, 2]);
  });

  it('lets the largest real form through: incoming registration with 50 repeated copies and a 5,000-character summary', async () => {
    const token = await http.login('pencatat.5204');
    const cc = String(await positionIdOf(http.ds, '5204', 'SEKRETARIS'));
    const res = await post(
      '/api/incoming',
      multipart([
        { name: 'senderName', value: 'Bawaslu Kabupaten Sumbawa' }, { name: 'externalNumber', value: '046/BWS/XI/2026' }, { name: 'externalDate', value: '2026-11-21' },
        { name: 'subject', value: 'Batas isian formulir' }, { name: 'summary', value: '€'.repeat(5000) }, { name: 'typeCode', value: 'SD' },
        { name: 'urgency', value: 'BIASA' }, { name: 'securityClass', value: 'B' }, { name: 'classificationCode', value: 'PY.01.1' },
        { name: 'toPositionId', value: String(await positionIdOf(http.ds, '5204', 'KASUBBAG-TPH')) },
        ...Array.from({ length: 50 }, () => ({ name: 'ccPositionIds', value: cc })),
        pdf(),
      ]),
      token,
    );
    expect([res.status, res.body.code]).toEqual([201, undefined]);
  });
});

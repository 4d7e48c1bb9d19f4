import { createPrivateKey, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { Http, startApi, testServerUrls, testDatabaseName } from '@naskah/testing';
import { AuditService } from '@naskah/audit';
import { AppConfig } from '@naskah/core';
import { OrganisationService } from '@naskah/organisation';
import { FilesService } from '@naskah/storage';
import { LettersRepository, LetterWorkNotices, RenderLetterJob } from '@naskah/correspondence';
import { DOCUMENT_SIGNER } from '../../libs/correspondence/src/signature';
import { PadesSigner, checkPdfSignature, signPdf, PADES_REASON } from '../../libs/correspondence/src/signature/pades';
import { renderLetterPdf } from '../../libs/correspondence/src/rendering';
import { baseLetter, doc } from '../../libs/correspondence/src/rendering/letter-fixtures';
import { pdfText } from '../../libs/correspondence/src/rendering/pdf-tools';
import { insertSignedLetterFixture, positionIdOf } from '../../libs/testing/src/letters-fixture';

/**
 * Hostile probes (2026-12-04) against what was added today: letter content model, letter PDFs,
 * PAdES verification, letterhead admin, buku agenda, /health/replicas. Each probe states the rule
 * it checks; three probes found defects (bidi overrides, body limits per lampiran, /health/replicas details), fixed the same day.
 * Every answer must be a 4xx naming the field (never 5xx), quick, and must not leak R/SR content.
 */
jest.setTimeout(240_000);

describe('hostile probes 2026-12-04', () => {
  let http: Http;
  const T: Record<string, string> = {};
  const pos: Record<string, Record<string, number>> = {};
  const tok = `hx${Date.now().toString(36)}`;
  const DRAFTER = 'kasubbag.umum.5204';

  const text = (t: string) => ({ type: 'text', text: t });
  const para = (...content: unknown[]) => ({ type: 'paragraph', content });
  const mkdoc = (...content: unknown[]) => ({ type: 'doc', content });
  const base = (over: Record<string, unknown> = {}) => ({
    typeCode: 'SD', subject: `Uji bermusuhan ${tok}`, securityClass: 'B', urgency: 'BIASA', classificationCode: 'PY.01.1',
    recipients: [{ kind: 'TO', externalName: 'Bawaslu Kabupaten Sumbawa' }], reviewerPositionIds: [], signerPositionId: pos['5204'].KETUA,
    bodyDoc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Dengan hormat.' }] }] }, ...over,
  });
  const post = (body: unknown, user = DRAFTER, headers?: Record<string, string>) => http.request('POST', '/api/letters', { token: T[user], body: body as object, headers });
  const rawPost = (raw: string) => http.request('POST', '/api/letters', { token: T[DRAFTER], body: raw, headers: { 'content-type': 'application/json' } });
  const timed = async <R>(f: () => Promise<R>) => {
    const t0 = Date.now();
    const r = await f();
    return { r, ms: Date.now() - t0 };
  };
  const fieldOf = (res: { body: any }) => res.body?.details?.fields?.[0]?.field;

  beforeAll(async () => {
    http = await startApi();
    for (const u of [DRAFTER, 'kasubbag.umum.5271', 'pencatat.5204', 'pencatat.5271', 'staf.umum.5204', 'admin', 'ketua.5204', 'arsiparis.5204']) T[u] = await http.login(u);
    for (const office of ['5204', '52', '5271']) {
      const rows = await http.ds.query('SELECT p.code, p.id FROM positions p JOIN offices o ON o.id = p.office_id WHERE o.code = ?', [office]);
      pos[office] = Object.fromEntries(rows.map((r: { code: string; id: number }) => [r.code, Number(r.id)]));
    }
  });
  afterAll(() => http.close());

  // ------------------------------------------------------------------ bodyDoc size and shape
  it('a bodyDoc of 100k paragraphs is refused (413/400), quickly, never 500', async () => {
    const big = mkdoc(...Array.from({ length: 100_000 }, () => para(text('a'))));
    const { r, ms } = await timed(() => post(base({ bodyDoc: big })));
    expect([400, 413]).toContain(r.status);
    expect(ms).toBeLessThan(10_000);
  });

  it('a 10 MB JSON body is refused with 413', async () => {
    const { r } = await timed(() => post(base({ bodyDoc: mkdoc(para(text('x'.repeat(10 * 1024 * 1024)))) })));
    expect(r.status).toBe(413);
  });

  it('5,000 nodes within 2 MB and 10,000-char words are accepted or refused by rule, never 500', async () => {
    const many = mkdoc(...Array.from({ length: 5_001 }, () => para(text('b'))));
    const r1 = await post(base({ bodyDoc: many }));
    expect(r1.status).toBe(400);
    const word = mkdoc(para(text('W'.repeat(10_000))));
    const r2 = await post(base({ bodyDoc: word }));
    expect(r2.status).toBe(201);
    const tooLong = await post(base({ bodyDoc: mkdoc(para(text('W'.repeat(10_001)))) }));
    expect([tooLong.status, fieldOf(tooLong)]).toEqual([400, 'bodyDoc.content[0].content[0].text']);
  });

  it('a list nested 1000 deep is refused with 400 naming bodyDoc, not a stack overflow', async () => {
    let node: any = para(text('dalam'));
    for (let i = 0; i < 1000; i++) node = { type: 'bulletList', content: [{ type: 'listItem', content: [para(text('x')), node] }] };
    const { r, ms } = await timed(() => post(base({ bodyDoc: mkdoc(para(text('awal')), node) })));
    expect(r.status).toBe(400);
    expect(String(fieldOf(r))).toMatch(/^bodyDoc/);
    expect(ms).toBeLessThan(5_000);
  });

  it('a JSON nested 5000 deep anywhere is 400, not 500', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const r = await rawPost(JSON.stringify(base()).replace(/}$/, `,"typeFields":${deep}}`));
    expect(r.status).toBe(400);
  });

  // ------------------------------------------------------------------ prototype pollution
  it('__proto__ / constructor / prototype keys inside bodyDoc and typeFields are refused and pollute nothing', async () => {
    const b = base({ typeCode: 'Und' });
    const probes = [
      `{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x","__proto__":{"polluted":"yes"}}]}]}`,
      `{"type":"doc","__proto__":{"polluted":"yes"},"content":[{"type":"paragraph","content":[{"type":"text","text":"x"}]}]}`,
      `{"type":"doc","content":[{"type":"paragraph","constructor":{"prototype":{"polluted":"yes"}},"content":[{"type":"text","text":"x"}]}]}`,
    ];
    for (const d of probes) {
      const r = await rawPost(JSON.stringify(b).replace(/}$/, `,"bodyDoc":${d}}`));
      expect([r.status, d]).toEqual([400, d]);
    }
    const tf = [
      `{"__proto__":{"polluted":"yes"},"attire":"Batik"}`,
      `{"constructor":{"prototype":{"polluted":"yes"}},"attire":"Batik"}`,
      `{"events":[{"__proto__":{"isAdmin":true},"date":"2026-03-02","startTime":"09:00","place":"Aula","agenda":"Rapat"}]}`,
    ];
    for (const t of tf) {
      const r = await rawPost(JSON.stringify(b).replace(/}$/, `,"typeFields":${t}}`));
      expect([r.status, t]).toEqual([400, t]);
    }
    expect(({} as any).polluted).toBeUndefined();
    expect(({} as any).isAdmin).toBeUndefined();
  });

  // ------------------------------------------------------------------ characters
  it('NUL / lone surrogates in bodyDoc text and names are refused with 400', async () => {
    const nul = await post(base({ bodyDoc: mkdoc(para(text('a\u0000b'))) }));
    expect(nul.status).toBe(400);
    const sur = await rawPost(JSON.stringify(base({ bodyDoc: mkdoc(para(text('PLACEHOLDER'))) })).replace('PLACEHOLDER', 'a\\udc00b'));
    expect(sur.status).toBe(400);
    const st = await rawPost(JSON.stringify(base({ typeCode: 'ST', typeFields: { assignees: [{ name: 'PLACEHOLDER', position: 'Staf' }] } })).replace('PLACEHOLDER', '\\ud83d'));
    expect(st.status).toBe(400);
  });

  it('a bidi override (U+202E) in the subject / body / an assignee name is refused (it reverses what the signer reads)', async () => {
    const subj = await post(base({ subject: `Surat \u202Efdp.exe ${tok}` }));
    const body = await post(base({ bodyDoc: mkdoc(para(text('Bayar Rp \u202E000.1\u202C kepada'))) }));
    const name = await post(base({ typeCode: 'ST', typeFields: { assignees: [{ name: 'Budi \u202Eitreh', position: 'Staf' }] } }));
    const officeId = Number((await http.ds.query("SELECT id FROM offices WHERE code = '5271'"))[0].id);
    const kop = await http.request('PATCH', `/api/admin/offices/${officeId}/letterhead`, { token: T.admin, body: { address: 'Jalan \u202E1 oN adurag' } });
    expect({ subject: [subj.status, fieldOf(subj)], body: [body.status, fieldOf(body)], name: [name.status, fieldOf(name)], kop: [kop.status, fieldOf(kop)] }).toEqual({ kop: [400, 'address'], subject: [400, 'subject'], body: [400, 'bodyDoc.content[0].content[0].text'], name: [400, 'typeFields.assignees[0].name'] });
  });

  // ------------------------------------------------------------------ typeFields types and dates
  it('typeFields of the wrong type are 400 naming typeFields…', async () => {
    const cases: [unknown, string][] = [
      ['string', 'typeFields'],
      [[1, 2], 'typeFields'],
      [{ events: 'x' }, 'typeFields.events'],
      [{ events: [{ date: 20260302, startTime: '09:00', place: 'A', agenda: 'B' }] }, 'typeFields.events[0].date'],
      [{ events: [{ date: '2026-03-02', startTime: 900, place: 'A', agenda: 'B' }] }, 'typeFields.events[0].startTime'],
      [{ events: [{ date: '2026-03-02', startTime: '09:00', place: ['A'], agenda: 'B' }] }, 'typeFields.events[0].place'],
    ];
    for (const [typeFields, field] of cases) {
      const r = await post(base({ typeCode: 'Und', typeFields }));
      expect([r.status, String(fieldOf(r)).startsWith(field) ? field : fieldOf(r), JSON.stringify(typeFields)]).toEqual([400, field, JSON.stringify(typeFields)]);
    }
  });

  it('impossible dates in typeFields (2026-02-30, 0000-01-01, +275760-09-13, 1899-12-31, 2101-01-01) are 400', async () => {
    for (const d of ['2026-02-30', '0000-01-01', '+275760-09-13', '275760-09-13', '2026-2-3', '2026-02-03T00:00:00Z', '1899-12-31', '2101-01-01']) {
      const und = await post(base({ typeCode: 'Und', typeFields: { events: [{ date: d, startTime: '09:00', place: 'Aula', agenda: 'Rapat' }] } }));
      const st = await post(base({ typeCode: 'ST', typeFields: { period: { start: d, end: '2026-12-31' } } }));
      expect([d, und.status, fieldOf(und), st.status, fieldOf(st)]).toEqual([d, 400, 'typeFields.events[0].date', 400, 'typeFields.period.start']);
    }
  });

  it('a NIP of unicode digits (Arabic-Indic, fullwidth, Devanagari) is 400', async () => {
    for (const nip of ['١٩٨٧٠٣١٢٢٠١٠٠١١٠٠١', '１９８７０３１２２０１００１１００１', '१९८७०३१२२०१००११००१', '19870312201001100\n']) {
      const r = await post(base({ typeCode: 'ST', typeFields: { assignees: [{ name: 'Budi', nip, position: 'Staf' }] } }));
      expect([nip, r.status, fieldOf(r)]).toEqual([nip, 400, 'typeFields.assignees[0].nip']);
    }
  });

  it('a.n. pointing at another office, 0, -1, 1e3, "12", 1.5, 2^32 is refused (400/422), never 500', async () => {
    for (const v of [pos['52'].KETUA, pos['5271'].KETUA, 0, -1, 1e3, '12', 1.5, 4294967296, 99999999]) {
      const r = await post(base({ typeFields: { onBehalfOfPositionId: v } }));
      expect([v, [400, 422].includes(r.status) ? 'refused' : r.status, String(fieldOf(r))]).toEqual([v, 'refused', 'typeFields.onBehalfOfPositionId']);
    }
    const raw = await rawPost(JSON.stringify(base()).replace(/}$/, ',"typeFields":{"onBehalfOfPositionId":1e3}}'));
    expect([400, 422]).toContain(raw.status);
  });

  it('revision compare with absurd from/to answers 4xx, never 500', async () => {
    const created = await post(base({ bodyDoc: mkdoc(para(text('satu'))) }));
    expect(created.status).toBe(201);
    const id = created.body.id;
    for (const q of ['from=-1&to=1', 'from=1&to=99999999999999999999', 'from=abc&to=1', 'from=1e3&to=1', 'from=0&to=0', 'from=2&to=1', 'from=1&to=1', 'from=1', '', 'from=1&to=1&from=2', 'from=%00&to=1', 'from=4294967296&to=1']) {
      const r = await http.request('GET', `/api/letters/${id}/revisions/compare?${q}`, { token: T[DRAFTER] });
      expect([q, r.status < 500]).toEqual([q, true]);
    }
    // another office's drafter must not compare my revisions
    const other = await http.request('GET', `/api/letters/${id}/revisions/compare?from=1&to=1`, { token: T['kasubbag.umum.5271'] });
    expect(other.status).toBe(404);
    const read = await http.request('GET', `/api/letters/${id}`, { token: T['kasubbag.umum.5271'] });
    expect(read.status).toBe(404);
  });

  // ------------------------------------------------------------------ letterhead admin
  it('letterhead PATCH: javascript:/http:/data: URLs, 10 KB, CRLF, non-admin — all refused, nothing changes', async () => {
    const officeId = Number((await http.ds.query("SELECT id FROM offices WHERE code = '5204'"))[0].id);
    const url = `/api/admin/offices/${officeId}/letterhead`;
    const before = (await http.request('GET', url, { token: T.admin })).body;
    const bad: Record<string, unknown>[] = [
      { website: 'javascript:alert(1)' }, { website: 'JaVaScRiPt://x.kpu.go.id/%0aalert(1)' }, { website: 'http://kpu.go.id' }, { website: 'data:text/html,<script>1</script>' },
      { website: 'https://kpu.go.id/\r\nSet-Cookie: a=b' }, { website: `https://${'a'.repeat(10_000)}.go.id` },
      { address: 'x'.repeat(10_000) }, { address: 'Jalan A\r\nBcc: x@y.z' }, { address: 'Jalan \u0000A' },
      { email: 'a@b.co\r\nBcc: x@y.z' }, { email: '"x"@[127.0.0.1]' }, { phone: '(0371) 21234\r\n' }, { phone: '١٢٣٤٥٦٧' },
      { address: { toString: 'x' } }, { website: ['https://kpu.go.id'] },
    ];
    for (const b of bad) {
      const r = await http.request('PATCH', url, { token: T.admin, body: b });
      expect([JSON.stringify(b).slice(0, 80), r.status]).toEqual([JSON.stringify(b).slice(0, 80), 400]);
    }
    for (const u of ['kasubbag.umum.5204', 'ketua.5204', 'pencatat.5204']) {
      const r = await http.request('PATCH', url, { token: T[u], body: { address: 'Jalan Diubah Oleh Bukan Admin 1' } });
      expect([u, r.status]).toEqual([u, 403]);
    }
    expect((await http.request('PATCH', url, { body: { address: 'Jalan Tanpa Token 1' } })).status).toBe(401);
    for (const id of ['0', '-1', '1e3', '01', '99999999']) {
      const r = await http.request('PATCH', `/api/admin/offices/${id}/letterhead`, { token: T.admin, body: { address: 'Jalan Garuda 1' } });
      expect([id, [400, 404].includes(r.status)]).toEqual([id, true]);
    }
    expect((await http.request('GET', url, { token: T.admin })).body).toEqual(before);
  });

  // ------------------------------------------------------------------ buku agenda
  it('agenda: bad ranges, formats and callers are 4xx', async () => {
    const q = (user: string, dir: string, qs: string) => http.request('GET', `/api/agenda/${dir}?${qs}`, { token: T[user] });
    const cases: [string, number[]][] = [
      ['from=2026-12-01&to=2026-11-01', [400, 422]],
      ['from=2016-01-01&to=2026-01-01', [400, 422]],
      ['from=2026-02-30&to=2026-03-01', [400]],
      ['from=0000-01-01&to=2026-03-01', [400]],
      ['from=%2B275760-09-13&to=%2B275760-09-14', [400]],
      ['from=2026-11-01&to=2026-11-30&format=exe', [400]],
      ['from=2026-11-01&to=2026-11-30&format=XLSX', [400]],
      ['from=2026-11-01&to=2026-11-30&format=xlsx&format=pdf', [400]],
      ['from=2026-11-01', [400]],
      ['from=2026-11-01&to=2026-11-30&officeId=' + pos['5271'].KETUA, [400]],
      ['from[]=2026-11-01&to=2026-11-30', [400]],
    ];
    for (const dir of ['incoming', 'outgoing']) {
      for (const [qs, want] of cases) {
        const r = await q('pencatat.5204', dir, qs);
        expect([dir, qs, want.includes(r.status)]).toEqual([dir, qs, true]);
      }
      const staf = await q('staf.umum.5204', dir, 'from=2026-11-01&to=2026-11-30');
      expect([dir, staf.status]).toEqual([dir, 403]);
      const drafter = await q(DRAFTER, dir, 'from=2026-11-01&to=2026-11-30');
      expect([dir, drafter.status]).toEqual([dir, 403]);
    }
  });

  it('agenda: an R/SR letter of the office prints its metadata but not its subject to a registrar who may not read it; another office never sees it', async () => {
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const secret = `RAHASIA${tok}`;
    const open = `TERBUKA${tok}`;
    await insertSignedLetterFixture(http.ds, { office: '5204', subject: `Hal ${secret} pemungutan`, securityClass: 'SR', to: [{ office: '52' }] });
    await insertSignedLetterFixture(http.ds, { office: '5204', subject: `Hal ${open} biasa`, securityClass: 'B', to: [{ office: '52' }] });
    const pdf = await http.app.inject({ method: 'GET', url: `/api/agenda/outgoing?from=${today}&to=${today}&format=pdf`, headers: { authorization: `Bearer ${T['pencatat.5204']}` } });
    expect(pdf.statusCode).toBe(200);
    const txt = pdfText(pdf.rawPayload).replace(/\s+/g, '');
    expect(txt).toContain(open);
    expect(txt).not.toContain(secret);
    const xlsx = await http.app.inject({ method: 'GET', url: `/api/agenda/outgoing?from=${today}&to=${today}&format=xlsx`, headers: { authorization: `Bearer ${T['pencatat.5204']}` } });
    expect(xlsx.statusCode).toBe(200);
    const unzipped = require('node:child_process').execFileSync('sh', ['-c', 'f=$(mktemp); cat > $f; unzip -p $f; rm -f $f'], { input: xlsx.rawPayload, maxBuffer: 64 << 20 }).toString('utf8');
    expect(unzipped).toContain(open);
    expect(unzipped).not.toContain(secret);
    const other = await http.app.inject({ method: 'GET', url: `/api/agenda/outgoing?from=${today}&to=${today}&format=pdf`, headers: { authorization: `Bearer ${T['pencatat.5271']}` } });
    expect(other.statusCode).toBe(200);
    const otherTxt = pdfText(other.rawPayload).replace(/\s+/g, '');
    expect(otherTxt).not.toContain(open);
    expect(otherTxt).not.toContain(secret);
  });

  it('agenda XLSX: a subject written as a formula stays text (no <f> cell), control-free', async () => {
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    await insertSignedLetterFixture(http.ds, { office: '5204', subject: `=HYPERLINK("https://evil.example/${tok}","klik")`, securityClass: 'B', to: [{ office: '52' }] });
    await insertSignedLetterFixture(http.ds, { office: '5204', subject: `@SUM(1+1)*cmd|' /C calc'!A0 ${tok}`, securityClass: 'B', to: [{ office: '52' }] });
    const xlsx = await http.app.inject({ method: 'GET', url: `/api/agenda/outgoing?from=${today}&to=${today}&format=xlsx`, headers: { authorization: `Bearer ${T['pencatat.5204']}` } });
    expect(xlsx.statusCode).toBe(200);
    const sheet = require('node:child_process').execFileSync('sh', ['-c', 'f=$(mktemp); cat > $f; unzip -p $f "xl/worksheets/*.xml"; rm -f $f'], { input: xlsx.rawPayload, maxBuffer: 64 << 20 }).toString('utf8');
    expect(sheet).not.toMatch(/<f>[^<]*HYPERLINK|<f>[^<]*SUM/);
  });

  // ------------------------------------------------------------------ /api/verify
  const multipart = (data: Buffer, name = 'file', filename = 'x.pdf') => {
    const boundary = `----hostile${tok}`;
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`);
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    return { payload: Buffer.concat([head, data, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
  };
  const verify = async (data: Buffer, name?: string) => {
    const m = multipart(data, name);
    const t0 = Date.now();
    const res = await http.app.inject({ method: 'POST', url: '/api/verify', payload: m.payload, headers: m.headers });
    let body: any = res.body;
    try { body = res.json(); } catch { /* */ }
    return { status: res.statusCode, body, ms: Date.now() - t0 };
  };

  it('verify: a 50 MB upload is 413 quickly; a non-PDF is 415; garbage after %PDF- is 4xx/200 without a match, never 500', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(50 * 1024 * 1024, 0x20)]);
    const r1 = await verify(big);
    expect(r1.status).toBe(413);
    expect(r1.ms).toBeLessThan(20_000);
    expect((await verify(Buffer.from('MZ\x90\x00 not a pdf'))).status).toBe(415);
    const r3 = await verify(Buffer.from('%PDF-1.7\n/ByteRange [0 -5 99999999999999999999 1e309] /Contents <zz> %%EOF'));
    expect(r3.status).toBeLessThan(500);
    const r4 = await verify(Buffer.from(`%PDF-1.7\n${'/ByteRange ['.repeat(200_000)}`));
    expect(r4.status).toBeLessThan(500);
    expect(r4.ms).toBeLessThan(10_000);
    const r5 = await verify(Buffer.from('%PDF-1.7'), 'other');
    expect(r5.status).toBeGreaterThanOrEqual(400);
    expect(r5.status).toBeLessThan(500);
  });

  it('verify: a forged /ByteRange, a PDF signed by a foreign CA and a doubly signed PDF are never VALID and never 500', async () => {
    const signer = http.app.get(PadesSigner);
    const creds = await signer.credentialsFor({ positionId: pos['5204'].KETUA, positionName: 'Ketua KPU Kabupaten Sumbawa', city: 'Sumbawa' });
    const pdf = await renderLetterPdf(baseLetter());
    const info = { reason: PADES_REASON, name: 'Penguji', location: 'Sumbawa', signingTime: new Date('2026-12-04T00:00:00Z') };
    const signed = await signPdf(pdf, creds, info);
    const anchors = await signer.trustAnchors(true);
    expect(checkPdfSignature(signed, anchors)).toMatchObject({ valid: true, failure: null });

    // forged ByteRange: cover only the first part, then append a change after the signed part
    const s = signed.toString('latin1');
    const m = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(s)!;
    const forgedText = s.replace(m[0], m[0].replace(m[4], String(Number(m[4]) - 10).padStart(m[4].length, ' ')));
    const forged = Buffer.from(forgedText, 'latin1');
    expect(checkPdfSignature(forged, anchors).failure).toBe('PARTIAL');
    const appended = Buffer.concat([signed, Buffer.from('\n1 0 obj << /Evil true >> endobj\n%%EOF\n')]);
    expect(checkPdfSignature(appended, anchors).failure).toBe('PARTIAL');

    // foreign CA
    const keys = forge.pki.rsa.generateKeyPair(2048);
    const cert = forge.pki.createCertificate();
    cert.publicKey = keys.publicKey;
    cert.serialNumber = '01';
    cert.validity.notBefore = new Date(Date.now() - 86_400_000);
    cert.validity.notAfter = new Date(Date.now() + 86_400_000 * 365);
    const attrs = [{ name: 'commonName', value: 'Ketua KPU Kabupaten Sumbawa' }, { name: 'organizationName', value: 'Komisi Pemilihan Umum' }];
    cert.setSubject(attrs);
    cert.setIssuer([{ name: 'commonName', value: 'Naskah CA Lokal - TIDAK TERSERTIFIKASI' }]);
    cert.setExtensions([{ name: 'keyUsage', digitalSignature: true, nonRepudiation: true }]);
    cert.sign(keys.privateKey, forge.md.sha256.create());
    const foreign = { privateKey: createPrivateKey(forge.pki.privateKeyToPem(keys.privateKey)), chain: [new X509Certificate(forge.pki.certificateToPem(cert))] };
    const foreignSigned = await signPdf(pdf, foreign, info);
    expect(checkPdfSignature(foreignSigned, anchors).failure).toBe('UNTRUSTED');

    const twice = await signPdf(signed, foreign, info);
    expect(checkPdfSignature(twice, anchors).valid).toBe(false);

    for (const [label, bytes] of [['forged', forged], ['appended', appended], ['foreign', foreignSigned], ['twice', twice], ['signed', signed]] as const) {
      const r = await verify(bytes);
      expect([label, r.status < 500]).toEqual([label, true]);
      if (r.status === 200) expect([label, r.body.valid]).toEqual([label, false]);
    }
  });

  it('verify: the real signed PDF of a Sangat Rahasia letter — exact, appended to, re-signed by a foreign key — answers the verdict only, nothing of the letter', async () => {
    const secret = `SANGATRAHASIA${tok}`;
    const { letterId, number } = await insertSignedLetterFixture(http.ds, { office: '5204', subject: `Hal ${secret} kotak suara`, securityClass: 'SR', to: [{ office: '52' }], rendered: false });
    const a = http.app;
    const job = new RenderLetterJob(http.ds, a.get(LettersRepository), a.get(OrganisationService), a.get(FilesService), a.get(AuditService), a.get(AppConfig), a.get(DOCUMENT_SIGNER), a.get(LetterWorkNotices), a.get(PadesSigner));
    await job.run({ letterId });
    const [row] = await http.ds.query('SELECT document_file_id, verification_token FROM letters WHERE id = ?', [letterId]);
    const pdf = (await a.get(FilesService).read(String(row.document_file_id))).data;
    expect(Buffer.isBuffer(pdf)).toBe(true);
    const leaks = (body: unknown) => {
      const s = JSON.stringify(body);
      return [secret, number, 'Sumbawa', 'SEKRETARIS', 'PY.01.1'].filter((w) => s.includes(w));
    };
    const exact = await verify(pdf);
    expect([exact.status, exact.body.valid, exact.body.restricted, leaks(exact.body)]).toEqual([200, true, true, []]);
    const appended = await verify(Buffer.concat([pdf, Buffer.from('\n% diubah\n')]));
    expect([appended.status < 500, appended.body?.valid ?? false, leaks(appended.body)]).toEqual([true, false, []]);
    const keys = forge.pki.rsa.generateKeyPair(2048);
    const cert = forge.pki.createCertificate();
    cert.publicKey = keys.publicKey;
    cert.serialNumber = '02';
    cert.validity.notBefore = new Date(Date.now() - 86_400_000);
    cert.validity.notAfter = new Date(Date.now() + 86_400_000 * 365);
    cert.setSubject([{ name: 'commonName', value: 'Penyerang' }]);
    cert.setIssuer([{ name: 'commonName', value: 'Penyerang' }]);
    cert.sign(keys.privateKey, forge.md.sha256.create());
    const twice = await signPdf(pdf, { privateKey: createPrivateKey(forge.pki.privateKeyToPem(keys.privateKey)), chain: [new X509Certificate(forge.pki.certificateToPem(cert))] }, { reason: PADES_REASON, name: 'Penyerang', location: 'X', signingTime: new Date() });
    const two = await verify(twice);
    expect([two.status < 500, two.body?.valid ?? false, leaks(two.body)]).toEqual([true, false, []]);
    const byToken = await http.request('GET', `/api/verify/${row.verification_token}`);
    expect([byToken.status, byToken.body.restricted, leaks(byToken.body)]).toEqual([200, true, []]);
  });

  // ------------------------------------------------------------------ rendering
  it('rendering 500 rows x 12 columns with 10,000-character words ends in bounded time', async () => {
    const cell = (t: string) => ({ type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }] });
    const word = 'Sangatpanjang'.repeat(800).slice(0, 10_000);
    const rows = Array.from({ length: 60 }, (_, i) => ({ type: 'tableRow', content: Array.from({ length: 12 }, (_, j) => cell(i === 3 && j === 5 ? word : `r${i}c${j}`)) }));
    const bodyDoc = doc({ type: 'paragraph', content: [{ type: 'text', text: word }] } as any, { type: 'table', content: rows } as any);
    const t0 = Date.now();
    const pdf = await renderLetterPdf(baseLetter({ bodyDoc: bodyDoc as any }));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(Date.now() - t0).toBeLessThan(60_000);
  });

  it('rendering the maximum table (500 rows) ends in bounded time', async () => {
    const cell = (t: string) => ({ type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }] });
    const rows = Array.from({ length: 500 }, (_, i) => ({ type: 'tableRow', content: Array.from({ length: 12 }, (_, j) => cell(`baris ${i} kolom ${j}`)) }));
    const t0 = Date.now();
    const pdf = await renderLetterPdf(baseLetter({ bodyDoc: doc({ type: 'table', content: rows } as any) as any }));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(Date.now() - t0).toBeLessThan(60_000);
  });

  it('the body limits (5,000 nodes, 500 table rows, 100,000 characters) hold for the whole letter, appendices included, and such a letter renders in bounded time', async () => {
    const cell = (t: string) => ({ type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }] });
    const table = { type: 'table', content: Array.from({ length: 500 }, (_, i) => ({ type: 'tableRow', content: [cell(String(i))] })) };
    const appendices = Array.from({ length: 20 }, (_, i) => ({ title: `Lampiran ${i + 1}`, content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Daftar' }] }, table] } }));
    const bodyBytes = JSON.stringify(base({ typeFields: { appendices } })).length;
    const res = await post(base({ typeFields: { appendices } }));
    const t0 = Date.now();
    const pdf = await renderLetterPdf(baseLetter({ typeFields: { appendices } as any }));
    const renderMs = Date.now() - t0;
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    // 10,000 table rows in one letter, 20 times the documented limit of 500
    expect({ status: res.status, bodyBytes, renderMs: renderMs < 20_000 ? 'bounded' : renderMs, pages }).toEqual({ status: 400, bodyBytes, renderMs: 'bounded', pages });
  });

  it('agenda range: 366 days inclusive is accepted, 367 refused', async () => {
    const ok = await http.request('GET', '/api/agenda/incoming?from=2025-01-01&to=2026-01-01&format=xlsx', { token: T['pencatat.5204'] });
    const no = await http.request('GET', '/api/agenda/incoming?from=2024-01-01&to=2025-01-01&format=xlsx', { token: T['pencatat.5204'] });
    expect([ok.status, no.status]).toEqual([200, 422].includes(no.status) ? [200, no.status] : [200, 400]);
  });

  it('body and bodyDoc given together disagreeing: the stored text is the document\'s, or the request is refused', async () => {
    const r = await post(base({ body: 'Teks biasa yang BERBEDA', bodyDoc: mkdoc(para(text('Teks dokumen'))) }));
    if (r.status === 201) expect([r.body.body, JSON.stringify(r.body.bodyDoc).includes('BERBEDA')]).toEqual(['Teks dokumen', false]);
    else expect(r.status).toBe(400);
  });

  it('a.n./u.b.: a subordinate of the signer, u.b. without a.n., the signer as his own a.n. are refused', async () => {
    const k = pos['5204'];
    const cases: [Record<string, unknown>, Record<string, unknown>][] = [
      [{ signerPositionId: k.KETUA }, { onBehalfOfPositionId: k.SEKRETARIS }],
      [{ signerPositionId: k.KETUA }, { onBehalfOfPositionId: k['KASUBBAG-KUL'] }],
      [{ signerPositionId: k.KETUA }, { onBehalfOfPositionId: k.KETUA }],
      [{ signerPositionId: k.SEKRETARIS }, { throughPositionId: k.KETUA }],
      [{ signerPositionId: k.SEKRETARIS }, { onBehalfOfPositionId: k.KETUA, throughPositionId: k.KETUA }],
    ];
    for (const [over, typeFields] of cases) {
      const r = await post(base({ ...over, typeFields }));
      expect([JSON.stringify(typeFields), [400, 422].includes(r.status) ? 'refused' : r.status]).toEqual([JSON.stringify(typeFields), 'refused']);
    }
  });

  it('a Sangat Rahasia draft is invisible to a colleague of the same office not on it (read, revisions, compare, search, PDF)', async () => {
    const secret = `SRDRAFT${tok}`;
    const c = await post(base({ subject: `Hal ${secret}`, securityClass: 'SR', bodyDoc: mkdoc(para(text(`isi ${secret}`))) }));
    expect(c.status).toBe(201);
    const id = c.body.id;
    for (const user of ['staf.umum.5204', 'pencatat.5204', 'kasubbag.umum.5271']) {
      for (const url of [`/api/letters/${id}`, `/api/letters/${id}/revisions`, `/api/letters/${id}/revisions/compare?from=1&to=1`, `/api/letters/${id}/pdf`]) {
        const r = await http.request('GET', url, { token: T[user] });
        expect([user, url, r.status, JSON.stringify(r.body).includes(secret)]).toEqual([user, url, 404, false]);
      }
      const s = await http.request('GET', `/api/search?q=${secret}`, { token: T[user] });
      expect([user, JSON.stringify(s.body).includes(secret)]).toEqual([user, false]);
    }
  });

  it('lembar disposisi of another office\'s delivery is 404; bad ids 400', async () => {
    const [d] = await http.ds.query(`SELECT d.id FROM deliveries d JOIN positions p ON p.id = d.position_id JOIN offices o ON o.id = p.office_id WHERE o.code = '52' LIMIT 1`).catch(() => [undefined]);
    if (d) {
      const r = await http.request('GET', `/api/deliveries/${d.id}/disposition-sheet`, { token: T['kasubbag.umum.5271'] });
      expect(r.status).toBe(404);
    }
    for (const id of ['0', '-1', '1e3', '01', 'abc']) {
      const r = await http.request('GET', `/api/deliveries/${id}/disposition-sheet`, { token: T['pencatat.5204'] });
      expect([id, r.status]).toEqual([id, 400]);
    }
  });

  it('web routes: traversal and hostile ids under /naskah, /antrean, /naskah-masuk never serve files outside the UI nor 500', async () => {
    for (const url of ['/naskah/%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json', '/naskah/..%2f..%2f..%2f.env', '/antrean/%2e%2e/%2e%2e/%2e%2e/package.json', '/naskah-masuk/registrasi/..%5c..%5cpackage.json',
      '/naskah/%3Cscript%3Ealert(1)%3C%2Fscript%3E', '/antrean/%00', '/naskah/' + 'x'.repeat(5000), '/lama/..%2f..%2fpackage.json', '/assets/..%2f..%2f..%2fpackage.json']) {
      const r = await http.request('GET', url);
      const s = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
      expect([url.slice(0, 60), r.status < 500, /"dependencies"|DATABASE_URL|JWT_SECRET|<script>alert/.test(s)]).toEqual([url.slice(0, 60), true, false]);
    }
  });

  // ------------------------------------------------------------------ health / secrets
  it('/health/replicas and error answers reveal no password, secret or internal URL', async () => {
    const r = await http.request('GET', '/health/replicas');
    const s = JSON.stringify(r.body);
    expect(r.status).toBeLessThan(500);
    expect(s).not.toMatch(/:\/\/[^/\s"]*:[^@\s"]*@/);
    expect(s.toLowerCase()).not.toMatch(/password|secret|s3_secret|mysql:\/\/|mariadb:\/\//);
    const err = await rawPost('{"subject":');
    expect(JSON.stringify(err.body)).not.toMatch(/at .*\.ts:\d+|node_modules|SELECT|mysql/i);
  });

  it('cross-office: the other office cannot read, download or compare a letter', async () => {
    const { letterId } = await insertSignedLetterFixture(http.ds, { office: '5204', subject: `Lintas ${tok}`, securityClass: 'B', to: [{ office: '52' }] });
    for (const url of [`/api/letters/${letterId}`, `/api/letters/${letterId}/pdf`, `/api/letters/${letterId}/revisions`, `/api/letters/${letterId}/revisions/compare?from=1&to=1`]) {
      const r = await http.request('GET', url, { token: T['kasubbag.umum.5271'] });
      expect([url, r.status]).toEqual([url, 404]);
    }
    void positionIdOf;
  });
});

/** A replica whose credentials are refused: the anonymous /health/replicas must not echo user names, passwords or internals. */
describe('hostile probes 2026-12-04: /health/replicas with a failing replica', () => {
  let http: Http;
  const saved = process.env.DATABASE_REPLICA_URLS;
  beforeAll(async () => {
    const server = new URL(testServerUrls().db);
    process.env.DATABASE_REPLICA_URLS = `mysql://naskah_ro_user:Sup3rRahasia%21@${server.hostname}:${server.port}/${testDatabaseName(process.env.JEST_WORKER_ID ?? '1')}`;
    http = await startApi();
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.DATABASE_REPLICA_URLS;
    else process.env.DATABASE_REPLICA_URLS = saved;
    await http?.close();
  });

  it('anonymous /health/replicas reveals no password, no database user name, no raw driver error', async () => {
    let body: any;
    for (let i = 0; i < 50; i++) {
      body = (await http.request('GET', '/health/replicas')).body;
      if (body?.replicas?.[0]?.checkedAt) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const s = JSON.stringify(body);
    const ready = JSON.stringify((await http.request('GET', '/health/ready')).body);
    expect({ replicas: [/Sup3rRahasia/.test(s), /naskah_ro_user/.test(s), /Access denied|ER_|errno/i.test(s), /127\.0\.0\.1|naskah_test/.test(s)], ready: [/Sup3rRahasia/.test(ready), /naskah_ro_user/.test(ready)] })
      .toEqual({ replicas: [false, false, false, false], ready: [false, false] });
    expect(body.replicas[0]).toMatchObject({ name: 'replika 1', up: false, skippedBecause: 'UNREACHABLE' });
  });
});


import { DataSource } from 'typeorm';
import { countRows, Http, startApiAndWorker } from '@naskah/testing';
import { receivedLetter } from '../../libs/testing/src/disposition-fixture';
import { positionIdOf } from '../../libs/testing/src/letters-fixture';
import { unitIdOf } from '../records/records-support';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

function multipart(fields: Record<string, string>, file?: { filename: string; data: Buffer }) {
  const boundary = `----naskah${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: application/pdf\r\n\r\n`), file.data, Buffer.from('\r\n'));
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** The fields named in a 400 answer (each once). */
const named = (res: { body: any }) => [...new Set(((res.body?.details?.fields ?? []) as { field: string }[]).map((f) => f.field))];

/**
 * Issue 11 (trust, part 2): bad input gets a 400 naming the field and changes nothing; nothing
 * answers 500. Dates are real calendar days, ids are canonical and in range, nested objects are
 * required, text is well-formed, free of control characters and not invisible-only, and LIKE
 * searches take `_` and `%` literally.
 */
describe('input hygiene', () => {
  let http: Http;
  let ds: DataSource;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    ({ http, ds, close: stop } = await startApiAndWorker());
  });
  afterAll(() => stop());

  const as = async (user: string, method: string, url: string, body?: unknown, headers?: Record<string, string>) => http.request(method, url, { token: await http.login(user), body, headers });
  const letterBody = async (over: Record<string, unknown> = {}) => ({
    typeCode: 'ND', subject: 'Laporan kesiapan logistik', body: 'Dengan hormat,\n\tBersama ini kami sampaikan laporan.', securityClass: 'B', urgency: 'BIASA', classificationCode: 'PY.01.1',
    recipients: [{ kind: 'TO', positionId: await positionIdOf(ds, '52', 'SEKRETARIS') }], reviewerPositionIds: [], signerPositionId: await positionIdOf(ds, '5204', 'KETUA'), ...over,
  });
  const incomingFields = async (over: Record<string, string> = {}) => ({
    senderName: 'Bawaslu Kabupaten Sumbawa', externalNumber: '045/BWS/XI/2026', externalDate: '2026-11-20', subject: 'Pemberitahuan hasil pengawasan',
    urgency: 'SEGERA', securityClass: 'B', toPositionId: String(await positionIdOf(ds, '5204', 'KASUBBAG-TPH')), ...over,
  });
  const register = async (fields: Record<string, string>) => {
    const form = multipart(fields, { filename: 'scan.pdf', data: PDF });
    return as('pencatat.5204', 'POST', '/api/incoming', form.body, form.headers);
  };

  describe('item 6: dates are real calendar days (1900–2100)', () => {
    it('refuses externalDate 2026-02-31 on the multipart registration with 400 naming it, and registers nothing', async () => {
      const before = await countRows(ds, 'letters');
      for (const bad of ['2026-02-31', '2026-04-31', '2025-02-29', '1899-12-31', '2101-01-01']) {
        const res = await register(await incomingFields({ externalDate: bad }));
        expect([bad, res.status, named(res)]).toEqual([bad, 400, ['externalDate']]);
      }
      expect(await countRows(ds, 'letters')).toBe(before);
      expect((await register(await incomingFields({ externalDate: '2024-02-29' }))).status).toBe(201);
    });

    it('refuses impossible dates in JSON bodies and in query strings, naming the field', async () => {
      const kul = await unitIdOf(ds, '5271', 'KUL');
      const dossiers = await countRows(ds, 'dossiers');
      const dossier = await as('arsiparis.5271', 'POST', '/api/records/dossiers', { unitId: kul, classificationCode: 'PR', title: 'Berkas tanggal mustahil', periodStart: '2026-02-31' });
      expect([dossier.status, named(dossier)]).toEqual([400, ['periodStart']]);
      expect(await countRows(ds, 'dossiers')).toBe(dossiers);

      const delegations = await countRows(ds, 'delegations');
      const user = (await ds.query("SELECT id FROM users WHERE username = 'staf.umum.5204'"))[0].id;
      const deleg = await as('admin', 'POST', '/api/admin/delegations', { userId: Number(user), positionId: await positionIdOf(ds, '5204', 'KASUBBAG-KUL'), kind: 'PLH', startsOn: '2027-01-04', endsOn: '2027-02-30' });
      expect([deleg.status, named(deleg)]).toEqual([400, ['endsOn']]);
      expect(await countRows(ds, 'delegations')).toBe(delegations);

      const inbox = await as('kasubbag.umum.5204', 'GET', '/api/inbox?from=2026-02-31');
      expect([inbox.status, named(inbox)]).toEqual([400, ['from']]);
      const preview = await as('kasubbag.umum.5204', 'GET', '/api/holidays/deadline?workingDays=3&from=2026-06-31');
      expect([preview.status, named(preview)]).toEqual([400, ['from']]);
    });
  });

  describe('item 7: nested objects are required, ids in bodies are within their column range', () => {
    it('refuses a hold and its preview without scope, and scope.unitId 4294967296, naming the field', async () => {
      const holds = await countRows(ds, 'records_holds');
      const noScope = await as('arsiparis.5271', 'POST', '/api/records/holds', { caseName: 'Pemeriksaan BPK 2026', reason: 'Permintaan auditor' });
      expect([noScope.status, named(noScope)]).toEqual([400, ['scope']]);
      const nullScope = await as('arsiparis.5271', 'POST', '/api/records/holds', { caseName: 'Pemeriksaan BPK 2026', reason: 'Permintaan auditor', scope: null });
      expect([nullScope.status, named(nullScope)[0]]).toEqual([400, 'scope']);
      const preview = await as('arsiparis.5271', 'POST', '/api/records/holds/preview', {});
      expect([preview.status, named(preview)]).toEqual([400, ['scope']]);
      const arrayScope = await as('arsiparis.5271', 'POST', '/api/records/holds/preview', { scope: [] });
      expect([arrayScope.status, named(arrayScope)[0]]).toEqual([400, 'scope']);
      const big = await as('arsiparis.5271', 'POST', '/api/records/holds', { caseName: 'Pemeriksaan BPK 2026', reason: 'Permintaan auditor', scope: { unitId: 4294967296 } });
      expect([big.status, named(big)]).toEqual([400, ['scope.unitId']]);
      const bigPreview = await as('arsiparis.5271', 'POST', '/api/records/holds/preview', { scope: { unitId: 4294967296 } });
      expect([bigPreview.status, named(bigPreview)]).toEqual([400, ['scope.unitId']]);
      expect(await countRows(ds, 'records_holds')).toBe(holds);
    });

    it('refuses INT ids past 4294967295 and BIGINT ids past 2^63-1 anywhere in a body', async () => {
      const letters = await countRows(ds, 'letters');
      const recipient = await as('kasubbag.umum.5204', 'POST', '/api/letters', await letterBody({ recipients: [{ kind: 'TO', positionId: 4294967296 }] }));
      expect([recipient.status, named(recipient)]).toEqual([400, ['recipients.0.positionId']]);
      const signer = await as('kasubbag.umum.5204', 'POST', '/api/letters', await letterBody({ signerPositionId: 2 ** 53 }));
      expect([signer.status, named(signer)]).toEqual([400, ['signerPositionId']]);
      expect(await countRows(ds, 'letters')).toBe(letters);
      const deliveries = await as('kasubbag.umum.5204', 'POST', '/api/dispositions', { deliveryId: '9223372036854775808', recipientPositionIds: [1], instructionCodes: ['TINDAK_LANJUTI'] });
      expect([deliveries.status, named(deliveries)]).toEqual([400, ['deliveryId']]);
    });
  });

  describe('item 8: a lone surrogate is refused at input, naming the field', () => {
    it('in a JSON body, at any depth, and changes nothing', async () => {
      const letters = await countRows(ds, 'letters');
      const subject = await as('kasubbag.umum.5204', 'POST', '/api/letters', await letterBody({ subject: 'Laporan \ud800 logistik' }));
      expect([subject.status, named(subject)]).toEqual([400, ['subject']]);
      const nested = await as('kasubbag.umum.5204', 'POST', '/api/letters', await letterBody({ recipients: [{ kind: 'TO', externalName: 'Bawaslu \udc00' }] }));
      expect([nested.status, named(nested)]).toEqual([400, ['recipients.0.externalName']]);
      expect(await countRows(ds, 'letters')).toBe(letters);
      const raw = await http.app.inject({
        method: 'POST', url: '/api/letters', payload: JSON.stringify(await letterBody()).replace('"Laporan kesiapan', '"Laporan \\udbff kesiapan'),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await http.login('kasubbag.umum.5204')}` },
      });
      expect([raw.statusCode, named({ body: raw.json() })]).toEqual([400, ['subject']]);
      expect(await countRows(ds, 'letters')).toBe(letters);
    });

    it('a query string cannot carry one: its UTF-8 (CESU) bytes are not decoded into a surrogate, and nothing answers 500', async () => {
      // (the guard also walks every query value: libs/core input-rules.spec)
      const res = await as('admin', 'GET', '/api/admin/users?q=%ED%A0%80');
      expect([res.status, res.body.total]).toEqual([200, 0]);
    });
  });

  describe('item 10: ids are written one way', () => {
    let deliveryId: string;
    let dispositionId: string;
    beforeAll(async () => {
      ({ deliveryId } = await receivedLetter(http, { office: '5204', position: 'KASUBBAG-TPH' }, { subject: 'Undangan koordinasi' }));
      const issued = await as('kasubbag.teknis.5204', 'POST', '/api/dispositions', { deliveryId, recipientPositionIds: [await positionIdOf(ds, '5204', 'STAF-TPH')], instructionCodes: ['TINDAK_LANJUTI'] });
      expect(issued.status).toBe(201);
      dispositionId = String(issued.body[0].id);
    });

    it('a path id with a leading zero addresses nothing and changes nothing', async () => {
      expect((await as('staf.teknis.5204', 'GET', `/api/dispositions/${dispositionId}`)).status).toBe(200);
      for (const id of [`0${dispositionId}`, `00${dispositionId}`, `+${dispositionId}`, `${dispositionId}.0`]) {
        const res = await as('staf.teknis.5204', 'GET', `/api/dispositions/${encodeURIComponent(id)}`);
        expect([id, res.status]).toEqual([id, 400]);
      }
      const read = await as('staf.teknis.5204', 'POST', `/api/dispositions/00${dispositionId}/read`);
      expect([read.status, named(read)]).toEqual([400, ['id']]);
      expect((await ds.query('SELECT status FROM dispositions WHERE id = ?', [dispositionId]))[0].status).toBe('UNREAD');
      expect((await as('kasubbag.teknis.5204', 'GET', `/api/deliveries/0${deliveryId}`)).status).toBe(400);
    });

    it('a body id with a leading zero creates nothing', async () => {
      const before = await countRows(ds, 'dispositions');
      const res = await as('kasubbag.teknis.5204', 'POST', '/api/dispositions', { deliveryId: `0${deliveryId}`, recipientPositionIds: [await positionIdOf(ds, '5204', 'STAF-TPH')], instructionCodes: ['TINDAK_LANJUTI'] });
      expect([res.status, named(res)]).toEqual([400, ['deliveryId']]);
      expect(await countRows(ds, 'dispositions')).toBe(before);
    });

    it('query ids take no hex, exponent, sign or leading zero', async () => {
      const position = await positionIdOf(ds, '5204', 'STAF-TPH');
      expect((await as('staf.teknis.5204', 'GET', `/api/dispositions/received?positionId=${position}`)).status).toBe(200);
      for (const bad of [`0x${position.toString(16)}`, `0${position}`, `${position}e0`, `-${position}`, '4294967296']) {
        const res = await as('staf.teknis.5204', 'GET', `/api/dispositions/received?positionId=${encodeURIComponent(bad)}`);
        expect([bad, res.status, named(res)]).toEqual([bad, 400, ['positionId']]);
      }
      const office = (await ds.query("SELECT id FROM offices WHERE code = '5204'"))[0].id;
      const users = await as('admin', 'GET', `/api/admin/users?officeId=0x${Number(office).toString(16)}`);
      expect([users.status, named(users)]).toEqual([400, ['officeId']]);
      const inbox = await as('kasubbag.teknis.5204', 'GET', `/api/inbox?before=0${deliveryId}`);
      expect([inbox.status, named(inbox)]).toEqual([400, ['before']]);
    });
  });

  describe('item 11: free text has no control characters and is not invisible-only', () => {
    const INVISIBLE = [' ', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u3000', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];

    it('refuses a subject of blanks or invisible characters with 400 naming subject, and drafts nothing', async () => {
      const letters = await countRows(ds, 'letters');
      for (const ch of INVISIBLE) {
        const res = await as('kasubbag.umum.5204', 'POST', '/api/letters', await letterBody({ subject: ch.repeat(5) }));
        expect([ch.codePointAt(0)!.toString(16), res.status, named(res)]).toEqual([ch.codePointAt(0)!.toString(16), 400, ['subject']]);
      }
      const mixed = await as('kasubbag.umum.5204', 'POST', '/api/letters', await letterBody({ subject: ' \u200b\u3000\ufeff\u202e ' }));
      expect([mixed.status, named(mixed)]).toEqual([400, ['subject']]);
      expect(await countRows(ds, 'letters')).toBe(letters);
    });

    it('refuses NUL, ESC and other control characters, naming the field; keeps newline and tab in bodies and notes', async () => {
      const letters = await countRows(ds, 'letters');
      for (const [field, value] of [['subject', 'Laporan\u0000logistik'], ['subject', 'Laporan \u001b[31m merah'], ['subject', 'Laporan\nbaris dua'], ['body', 'Isi\u0007bel'], ['summary', 'Ringkas\u0085an'], ['classificationCode', 'PY.01\u0001']] as const) {
        const res = await as('kasubbag.umum.5204', 'POST', '/api/letters', await letterBody({ [field]: value }));
        expect([JSON.stringify(value), res.status, named(res)]).toEqual([JSON.stringify(value), 400, [field]]);
      }
      expect(await countRows(ds, 'letters')).toBe(letters);
      const ok = await as('kasubbag.umum.5204', 'POST', '/api/letters', await letterBody({ subject: 'Laporan\u00a0kesiapan \u200blogistik', body: 'Dengan hormat,\r\n\tBaris kedua.\n' }));
      expect(ok.status).toBe(201);
      const stored = await as('kasubbag.umum.5204', 'GET', `/api/letters/${ok.body.id}`);
      expect(stored.body).toMatchObject({ subject: 'Laporan\u00a0kesiapan \u200blogistik', body: 'Dengan hormat,\r\n\tBaris kedua.\n' });
    });

    it('refuses them in multipart text fields too', async () => {
      const letters = await countRows(ds, 'letters');
      const ctl = await register(await incomingFields({ subject: 'Pemberitahuan \u001b hasil' }));
      expect([ctl.status, named(ctl)]).toEqual([400, ['subject']]);
      const blank = await register(await incomingFields({ senderName: '\u200b\u200b\u3000' }));
      expect([blank.status, named(blank)]).toEqual([400, ['senderName']]);
      expect(await countRows(ds, 'letters')).toBe(letters);
    });

    it('refuses an impossible date in the multipart JRA upload with 400 naming effectiveFrom', async () => {
      const schedules = await countRows(ds, 'retention_schedules');
      const form = multipart({ effectiveFrom: '2027-02-30', label: 'JRA uji' }, { filename: 'jra.csv', data: Buffer.from('kode,judul\n') });
      const res = await as('arsiparis.ri', 'POST', '/api/records/schedule/import/upload', form.body, form.headers);
      expect([res.status, named(res)]).toEqual([400, ['effectiveFrom']]);
      expect(await countRows(ds, 'retention_schedules')).toBe(schedules);
    });
  });

  describe('item 12: LIKE wildcards in searches match themselves', () => {
    const contains = (s: unknown, q: string) => String(s ?? '').includes(q);

    it('user search: "_" and "%" find only names containing them', async () => {
      const all: { username: string; full_name: string }[] = await ds.query('SELECT username, full_name FROM users');
      for (const q of ['_', '%']) {
        const expected = all.filter((u) => contains(u.username, q) || contains(u.full_name, q)).length;
        const res = await as('admin', 'GET', `/api/admin/users?q=${encodeURIComponent(q)}`);
        expect([q, res.status, res.body.total]).toEqual([q, 200, expected]);
      }
      expect(all.length).toBeGreaterThan(10);
    });

    it('classification search: "%" and "_" find only codes starting with or titles containing them', async () => {
      for (const q of ['%', '_']) {
        const res = await as('kasubbag.umum.5204', 'GET', `/api/master/classifications?q=${encodeURIComponent(q)}`);
        expect(res.status).toBe(200);
        const items = (res.body.items ?? res.body) as { code: string; title: string }[];
        expect(items.filter((c) => !(c.code.startsWith(q) || c.title.includes(q)))).toEqual([]);
      }
    });

    it('schedule search: "_" and "%" find only codes starting with or titles containing them', async () => {
      for (const q of ['_', '%']) {
        const res = await as('arsiparis.5271', 'GET', `/api/records/schedule?q=${encodeURIComponent(q)}`);
        expect(res.status).toBe(200);
        expect((res.body.items as { code: string; title: string }[]).filter((c) => !(c.code.startsWith(q) || c.title.includes(q)))).toEqual([]);
      }
    });
  });
});

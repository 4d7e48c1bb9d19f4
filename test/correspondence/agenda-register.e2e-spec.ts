import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import { Http, startApiAndWorker } from '@naskah/testing';
import { deliveriesOnceDispatched, insertSignedLetterFixture, officeIdOf, positionIdOf } from '../../libs/testing/src/letters-fixture';

const dir = mkdtempSync(join(tmpdir(), 'agenda-'));
const pdfText = (pdf: Buffer, name: string) => {
  const path = join(dir, name);
  writeFileSync(path, pdf);
  return { text: execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }), fonts: execFileSync('pdffonts', [path], { encoding: 'utf8' }) };
};

/**
 * The buku agenda of KPU Kabupaten Sumbawa (5204): letters really sent and received through
 * the API and the dispatch worker; their receipt / signing instants are then moved onto the
 * edges of November 2025 (WIB) to test the range bounds (deliveries.created_at is the database's
 * clock, which a test cannot steer).
 */
describe('buku agenda (registers of incoming and outgoing letters)', () => {
  let http: Http;
  let ds: DataSource;
  let stop: () => Promise<void>;
  const agenda: Record<string, string> = {};
  const numbers: Record<string, string> = {};

  const get = async (user: string, url: string) => {
    const res = await http.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${await http.login(user)}` } });
    return { status: res.statusCode, headers: res.headers, raw: res.rawPayload, json: () => JSON.parse(res.payload) };
  };
  const send = async (letterId: string, user: string) => {
    const res = await http.request('POST', `/api/letters/${letterId}/send`, { token: await http.login(user) });
    if (res.status !== 201) throw new Error(`send ${letterId}: ${res.status} ${JSON.stringify(res.body)}`);
    return deliveriesOnceDispatched(ds, letterId);
  };
  const moveDelivery = async (d: Record<string, any>, utc: string) => {
    await ds.query('UPDATE deliveries SET created_at = ? WHERE id = ?', [new Date(utc), d.id]);
    return `${d.agenda_number}/${d.agenda_year}`;
  };

  beforeAll(async () => {
    ({ http, ds, close: stop } = await startApiAndWorker());
    const o5204 = await officeIdOf(ds, '5204');
    // incoming: one letter to 5204 and 3201 at once, one just before, an R one at 23:30 WIB on the last day, one at 00:10 WIB the day after
    const l1 = await insertSignedLetterFixture(ds, { office: 'RI', subject: 'Undangan rapat pleno rekapitulasi — Ṣalāḥ', urgency: 'SEGERA', to: [{ office: '5204', position: 'KETUA' }, { office: '3201', position: 'KETUA' }] });
    const [d1, d1b] = await send(l1.letterId, 'sekjen.ri');
    const in5204 = Number(d1.office_id) === o5204 ? d1 : d1b;
    const in3201 = in5204 === d1 ? d1b : d1;
    agenda.first = await moveDelivery(in5204, '2025-10-31T17:00:00.000Z'); // 00:00 WIB 1 Nov: in
    agenda.other = await moveDelivery(in3201, '2025-11-15T03:00:00.000Z');
    numbers.l1 = l1.number;
    const l2 = await insertSignedLetterFixture(ds, { office: 'RI', subject: 'Surat sebelum periode', to: [{ office: '5204', position: 'KETUA' }] });
    agenda.before = await moveDelivery((await send(l2.letterId, 'sekjen.ri'))[0], '2025-10-31T16:59:59.999Z'); // 23:59:59.999 WIB 31 Oct: out
    const l3 = await insertSignedLetterFixture(ds, { office: 'RI', subject: 'Hasil audit internal', securityClass: 'R', to: [{ office: '5204', position: 'SEKRETARIS' }] });
    agenda.last = await moveDelivery((await send(l3.letterId, 'sekjen.ri'))[0], '2025-11-30T16:30:00.000Z'); // 23:30 WIB 30 Nov: in
    numbers.l3 = l3.number;
    const l4 = await insertSignedLetterFixture(ds, { office: 'RI', subject: 'Surat sesudah periode', to: [{ office: '5204', position: 'KETUA' }] });
    agenda.after = await moveDelivery((await send(l4.letterId, 'sekjen.ri'))[0], '2025-11-30T17:10:00.000Z'); // 00:10 WIB 1 Dec: out
    // the Ketua disposes the first one to the Sekretaris
    const disp = await http.request('POST', '/api/dispositions', {
      token: await http.login('ketua.5204'),
      body: { deliveryId: String(in5204.id), recipientPositionIds: [await positionIdOf(ds, '5204', 'SEKRETARIS')], instructionCodes: ['TINDAK_LANJUTI'], priority: 'SEGERA' },
    });
    expect(disp.status).toBe(201);

    // outgoing: one sent to the province with a copy outside, an SR one signed at 23:30 WIB on the last day, one the day after
    const o1 = await insertSignedLetterFixture(ds, { office: '5204', subject: 'Laporan rekapitulasi daftar pemilih', to: [{ office: '52' }], cc: [{ external: 'Bawaslu Kabupaten Sumbawa' }] });
    await ds.query('UPDATE letters SET signer_name = ? WHERE id = ?', ['Nyoman Ayu Ketut', o1.letterId]);
    await send(o1.letterId, 'sekretaris.5204');
    const o2 = await insertSignedLetterFixture(ds, { office: '5204', subject: 'Data pribadi petugas', securityClass: 'SR', to: [{ external: 'Kepolisian Resor Sumbawa' }] });
    const o3 = await insertSignedLetterFixture(ds, { office: '5204', subject: 'Surat keluar sesudah periode', to: [{ external: 'Pemerintah Kabupaten Sumbawa' }] });
    await ds.query('UPDATE letters SET signed_at = ? WHERE id = ?', [new Date('2025-10-31T17:00:00.000Z'), o1.letterId]);
    await ds.query('UPDATE letters SET signed_at = ? WHERE id = ?', [new Date('2025-11-30T16:30:00.000Z'), o2.letterId]);
    await ds.query('UPDATE letters SET signed_at = ? WHERE id = ?', [new Date('2025-11-30T17:10:00.000Z'), o3.letterId]);
    Object.assign(numbers, { o1: o1.number, o2: o2.number, o3: o3.number });
  }, 60_000);
  afterAll(() => stop());

  const RANGE = 'from=2025-11-01&to=2025-11-30';

  /** The data rows of a register workbook (under the frozen header row), as plain values. */
  async function workbook(raw: Buffer) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(raw as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    let headerRow = 0;
    ws.eachRow((r, n) => {
      if (!headerRow && r.getCell(1).value === 'No') headerRow = n;
    });
    const header = (ws.getRow(headerRow).values as unknown[]).slice(1);
    const rows: unknown[][] = [];
    for (let n = headerRow + 1; n <= ws.rowCount; n++) rows.push((ws.getRow(n).values as unknown[]).slice(1));
    return { ws, headerRow, header, rows, title: ws.getRow(1).getCell(1).value };
  }

  it('gives the registrar the incoming register as XLSX: the right rows, bounds inclusive in WIB, dates as Excel dates, header frozen', async () => {
    const res = await get('pencatat.5204', `/api/agenda/incoming?${RANGE}&format=xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="buku-agenda-masuk-5204-2025-11-01_2025-11-30.xlsx"; filename*=UTF-8''buku-agenda-masuk-5204-2025-11-01_2025-11-30.xlsx`,
    );
    const { ws, headerRow, header, rows, title } = await workbook(res.raw);
    expect(title).toBe('BUKU AGENDA SURAT MASUK');
    expect(header).toEqual(['No', 'Nomor agenda', 'Tanggal diterima (WIB)', 'Asal surat', 'Nomor surat', 'Tanggal surat', 'Hal', 'Sifat', 'Diteruskan / didisposisikan kepada']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRow });
    // 00:00 WIB on the first day is in, 23:30 WIB on the last day is in; 23:59:59.999 the day before and 00:10 the day after are not; 3201's copy is 3201's
    expect(rows.map((r) => r[1])).toEqual([agenda.first, agenda.last]);
    expect(rows[0][2]).toEqual(new Date('2025-11-01T00:00:00.000Z'));
    expect(rows[1][2]).toEqual(new Date('2025-11-30T23:30:00.000Z'));
    expect(ws.getRow(headerRow + 1).getCell(3).numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(rows[0].slice(3, 5)).toEqual(['Komisi Pemilihan Umum Republik Indonesia', numbers.l1]);
    expect(rows[0][5]).toBeInstanceOf(Date);
    expect(rows[0].slice(6)).toEqual(['Undangan rapat pleno rekapitulasi — Ṣalāḥ', 'Biasa, Segera', 'Kepada: Ketua\nDisposisi: Sekretaris']);
    // the R letter: the registrar keeps its register entry but may not read it, so its subject is not printed
    expect(rows[1].slice(4, 9)).toEqual([numbers.l3, expect.any(Date), '(Rahasia — hal tidak ditampilkan)', 'Rahasia, Biasa', 'Kepada: Sekretaris']);
  });

  it('prints the subject of the R letter for its addressee, and gives the incoming register as a landscape PDF on embedded fonts', async () => {
    const x = await workbook((await get('sekretaris.5204', `/api/agenda/incoming?${RANGE}`)).raw);
    expect(x.rows.map((r) => r[6])).toEqual(['Undangan rapat pleno rekapitulasi — Ṣalāḥ', 'Hasil audit internal']);
    const res = await get('sekretaris.5204', `/api/agenda/incoming?${RANGE}&format=pdf`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toContain('filename="buku-agenda-masuk-5204-2025-11-01_2025-11-30.pdf"');
    expect(res.raw.toString('latin1')).toContain('/MediaBox [0 0 841.89 595.28]');
    const { text, fonts } = pdfText(res.raw, 'masuk.pdf');
    const order = ['KOMISI PEMILIHAN UMUM KABUPATEN SUMBAWA', 'BUKU AGENDA SURAT MASUK', 'Periode 1 November 2025 s.d. 30 November 2025', 'Asal surat', agenda.first, '1 November 2025', 'Undangan rapat pleno', agenda.last, '30 November 2025', 'Hasil audit internal', 'Jumlah: 2 surat.', 'Halaman 1 dari 1'];
    let at = 0;
    for (const s of order) {
      const i = text.indexOf(s, at);
      expect([s, i >= 0]).toEqual([s, true]);
      at = i + s.length;
    }
    expect(text).not.toContain('Surat sebelum periode');
    expect(text).not.toContain('Surat sesudah periode');
    const rows = fonts.split('\n').slice(2).filter((l) => l.trim());
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.trim().split(/\s+/).slice(-5)[0]).toBe('yes');
    expect(fonts).not.toMatch(/Helvetica/);
  });

  it('gives the outgoing register: number, date, addressees and copies, subject (hidden for SR to the registrar), signer, state', async () => {
    const res = await get('pencatat.5204', `/api/agenda/outgoing?${RANGE}`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain('filename="buku-agenda-keluar-5204-2025-11-01_2025-11-30.xlsx"');
    const { header, rows, title } = await workbook(res.raw);
    expect(title).toBe('BUKU AGENDA SURAT KELUAR');
    expect(header).toEqual(['No', 'Nomor surat', 'Tanggal surat', 'Tujuan', 'Hal', 'Sifat', 'Penandatangan', 'Keterangan']);
    expect(rows).toEqual([
      [1, numbers.o1, new Date('2025-11-01T00:00:00.000Z'), 'KPU Provinsi Nusa Tenggara Barat\nTembusan: Bawaslu Kabupaten Sumbawa', 'Laporan rekapitulasi daftar pemilih', 'Biasa, Biasa', 'SEKRETARIS\nNyoman Ayu Ketut', 'Terkirim'],
      [2, numbers.o2, new Date('2025-11-30T00:00:00.000Z'), 'Kepolisian Resor Sumbawa', '(Sangat Rahasia — hal tidak ditampilkan)', 'Sangat Rahasia, Biasa', 'SEKRETARIS\nPenandatangan (fixture)', 'Ditandatangani, belum dikirim'],
    ]);
    const signer = (await workbook((await get('sekretaris.5204', `/api/agenda/outgoing?${RANGE}`)).raw)).rows.map((r) => r[4]);
    expect(signer).toEqual(['Laporan rekapitulasi daftar pemilih', 'Data pribadi petugas']);
    const pdf = await get('arsiparis.5204', `/api/agenda/outgoing?${RANGE}&format=pdf`);
    expect(pdf.status).toBe(200);
    const { text } = pdfText(pdf.raw, 'keluar.pdf');
    expect(text).toContain('BUKU AGENDA SURAT KELUAR');
    expect(text.indexOf(numbers.o1)).toBeLessThan(text.indexOf(numbers.o2));
    expect(text).not.toContain(numbers.o3);
  });

  it('keeps each office to its own register and the register to its keepers', async () => {
    const other = await workbook((await get('pencatat.3201', `/api/agenda/incoming?${RANGE}`)).raw);
    expect(other.rows.map((r) => r[1])).toEqual([agenda.other]);
    expect((await workbook((await get('pencatat.3201', `/api/agenda/outgoing?${RANGE}`)).raw)).rows).toEqual([]);
    for (const user of ['ketua.5204', 'anggota.5204', 'arsiparis.5204']) expect([user, (await get(user, `/api/agenda/incoming?${RANGE}`)).status]).toEqual([user, 200]);
    for (const user of ['kasubbag.umum.5204', 'staf.umum.5204']) {
      const res = await get(user, `/api/agenda/incoming?${RANGE}`);
      expect([user, res.status, res.json().code]).toEqual([user, 403, 'AGENDA_KEEPER_REQUIRED']);
    }
    expect((await http.app.inject({ method: 'GET', url: `/api/agenda/incoming?${RANGE}` })).statusCode).toBe(401);
  });

  it('refuses a bad range with 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['from=2025-02-30&to=2025-03-01', 'from'],
      ['from=2025-11-01', 'to'],
      ['from=2025-11-01&to=01-12-2025', 'to'],
      ['from=2025-11-30&to=2025-11-01', 'to'],
      ['from=2025-01-01&to=2026-01-02', 'to'],
      [`${RANGE}&format=docx`, 'format'],
    ];
    for (const [q, field] of cases) {
      const res = await get('pencatat.5204', `/api/agenda/incoming?${q}`);
      expect([q, res.status, res.json().details.fields.map((f: { field: string }) => f.field)]).toEqual([q, 400, [field]]);
    }
    // a leap year is 366 days: allowed
    expect((await get('pencatat.5204', '/api/agenda/outgoing?from=2024-01-01&to=2024-12-31')).status).toBe(200);
  });
});

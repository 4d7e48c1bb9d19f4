import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countRows } from '@naskah/testing';
import { readCsv } from '@naskah/correspondence';
import { heldAmong, parseJraCsv } from '@naskah/records';
import { insertSignedLetterFixture } from '../../libs/testing/src/letters-fixture';
import { RecordsEnv, snapshot, startRecordsEnv, unitIdOf } from './records-support';

const SAMPLE = readFileSync(join(__dirname, '..', '..', 'libs', 'correspondence', 'src', 'master', 'data', 'klasifikasi-kpu-contoh.csv'), 'utf8');
const HEADER = 'kode,judul,retensi_aktif_tahun,retensi_inaktif_tahun,nasib_akhir,keamanan,sumber';
const RI = 'arsiparis.ri';
const A = 'arsiparis.5204';

/** The JRA: versions, CSV import whole-or-nothing, export, the demo flag, never shortening silently; dossier input errors and access. */
describe('records: the retention schedule, bad input and access', () => {
  let env: RecordsEnv;
  let kul: number;
  const scheduleState = () => snapshot(env.ds, 'SELECT (SELECT COUNT(*) FROM retention_schedules) s, (SELECT COUNT(*) FROM retention_rules) r, (SELECT COUNT(*) FROM records_import_batches) b, (SELECT COUNT(*) FROM audit_events) a');
  beforeAll(async () => {
    env = await startRecordsEnv();
    kul = await unitIdOf(env.ds, '5204', 'KUL');
  });
  afterAll(() => env.close());

  it('rejects a CSV with bad lines whole (400, each line and reason) and an import by anyone but KPU RI’s archivist (403); nothing changes', async () => {
    await env.token(RI);
    await env.token(A);
    const before = await scheduleState();
    const classes = await snapshot(env.ds, 'SELECT * FROM classifications ORDER BY code');
    expect((await env.req('GET', '/api/records/schedule', A)).body).toMatchObject({ demoSchedule: true, version: { version: 1, effectiveFrom: '1970-01-01' } });
    const bad = [HEADER, 'KU,Keuangan,,,,,kode', 'KU.01,Anggaran,2,8,MUSNAH,B,PKPU 17/2023', 'KU.02,Perbendaharaan,2,x,MUSNAH,B,PKPU', 'KU.03,Akuntansi,2,8,BAKAR,B,PKPU', 'ZZ.01,Yatim,1,1,MUSNAH,B,PKPU'].join('\n');
    const res = await env.req('POST', '/api/records/schedule/import', RI, { csv: bad, effectiveFrom: '2026-01-01' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'SCHEDULE_CSV_INVALID' });
    expect(res.body.details.problems.map((p: { line: number }) => p.line)).toEqual([4, 5, 6]);
    expect(res.body.details.problems[1].reason).toMatch(/nasib_akhir/);
    expect(res.body.details.problems[2].reason).toMatch(/induk ZZ/);
    expect((await env.req('POST', '/api/records/schedule/import', A, { csv: SAMPLE, effectiveFrom: '2026-01-01' })).status).toBe(403);
    expect((await env.req('POST', '/api/records/schedule/import', RI, { csv: SAMPLE, effectiveFrom: '2026-02-30' })).status).toBe(400);
    expect(await scheduleState()).toBe(before);
    expect(await snapshot(env.ds, 'SELECT * FROM classifications ORDER BY code')).toBe(classes);
  });

  it('imports a new version that never silently shortens a scheduled dossier; a recorded re-appraisal does', async () => {
    const old = await env.req('POST', '/api/records/dossiers', A, { unitId: kul, classificationCode: 'KU.01', title: 'Anggaran 2026', periodStart: '2026-01-01' });
    const closed = (await env.req('POST', `/api/records/dossiers/${old.body.id}/close`, A, {})).body;
    expect(closed).toMatchObject({ activeUntil: '2028-03-02', inactiveUntil: '2036-03-02', retention: { why: { scheduleVersion: 1 } } });

    // the official JRA: KU.01 shortened to 1 + 2 years, HK.05 triggered by an event; no CONTOH values any more
    const official = SAMPLE.replace(/retensi: CONTOH[^\n]*/g, 'PKPU 17/2023').replace('KU.01,Rancangan Anggaran,2,8,MUSNAH,B', 'KU.01,Rancangan Anggaran,1,2,MUSNAH,B');
    const lines = official.trim().split('\n');
    const withTrigger = [`${lines[0]},pemicu`, ...lines.slice(1).map((l) => `${l},${l.startsWith('HK.05,') ? 'PERISTIWA' : ''}`)].join('\n');
    expect(parseJraCsv(withTrigger).problems).toEqual([]);
    const imported = await env.req('POST', '/api/records/schedule/import', RI, { csv: withTrigger, effectiveFrom: '2026-03-01', label: 'JRA PKPU 17/2023' });
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ version: 2, effectiveFrom: '2026-03-01', isDemo: false, needReappraisal: 1 });
    expect((await env.req('GET', '/api/records/schedule', A)).body).toMatchObject({ demoSchedule: false, version: { version: 2, label: 'JRA PKPU 17/2023' } });
    expect((await env.req('GET', '/api/records/schedule/versions', A)).body.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    // the closed dossier keeps version 1 and its dates, flagged for re-appraisal
    const kept = (await env.req('GET', `/api/records/dossiers/${old.body.id}`, A)).body;
    expect(kept).toMatchObject({ activeUntil: '2028-03-02', inactiveUntil: '2036-03-02', reappraisalNeeded: true, retention: { why: { scheduleVersion: 1 } } });
    // a new dossier is scheduled under version 2
    const fresh = await env.req('POST', '/api/records/dossiers', A, { unitId: kul, classificationCode: 'KU.01', title: 'Anggaran 2027', periodStart: '2026-03-01' });
    expect((await env.req('POST', `/api/records/dossiers/${fresh.body.id}/close`, A, {})).body).toMatchObject({ activeUntil: '2027-03-02', inactiveUntil: '2029-03-02', retention: { why: { scheduleVersion: 2 } } });

    // re-appraisal: only the appraisal committee; it records the shortening
    expect((await env.req('POST', `/api/records/dossiers/${old.body.id}/reappraisals`, A, { decision: 'APPLY_RULE', reason: 'Menyesuaikan JRA resmi' })).status).toBe(403);
    const decided = await env.req('POST', `/api/records/dossiers/${old.body.id}/reappraisals`, 'sekretaris.5204', { decision: 'APPLY_RULE', reason: 'Menyesuaikan JRA resmi' });
    expect(decided.status).toBe(201);
    expect(decided.body).toMatchObject({ before: { inactiveUntil: '2036-03-02' }, after: { activeUntil: '2027-03-02', inactiveUntil: '2029-03-02' } });
    expect((await env.req('GET', `/api/records/dossiers/${old.body.id}`, A)).body).toMatchObject({ reappraisalNeeded: false, inactiveUntil: '2029-03-02', retention: { why: { scheduleVersion: 2 } } });
    expect(await countRows(env.ds, 'records_reappraisals', 'dossier_id = ?', [old.body.id])).toBe(1);
    const extend = await env.req('POST', `/api/records/dossiers/${old.body.id}/reappraisals`, 'sekretaris.5204', { decision: 'EXTEND', extraYears: 5, reason: 'Masih dirujuk audit' });
    expect(extend.body.after).toMatchObject({ inactiveUntil: '2034-03-02', extraYears: 5 });

    // an event-triggered rule waits for the event date
    const ev = await env.req('POST', '/api/records/dossiers', A, { unitId: kul, classificationCode: 'HK.05', title: 'Perjanjian kerja sama', periodStart: '2026-01-01' });
    const evClosed = (await env.req('POST', `/api/records/dossiers/${ev.body.id}/close`, A, {})).body;
    expect(evClosed).toMatchObject({ activeUntil: null, retention: { why: { trigger: 'EVENT', waitingFor: 'EVENT_DATE' } } });
    const evSet = await env.req('POST', `/api/records/dossiers/${ev.body.id}/event-date`, A, { eventDate: '2027-06-30', note: 'Perjanjian berakhir' });
    expect(evSet.body).toMatchObject({ activeUntil: '2029-06-30', inactiveUntil: '2034-06-30', retention: { triggerDate: '2027-06-30' } });
    expect((await env.req('POST', `/api/records/dossiers/${ev.body.id}/event-date`, A, { eventDate: '2026-06-30' })).body.code).toBe('EVENT_DATE_ALREADY_SET');

    // export: the rules in force, in the import format
    const csv = await env.http.app.inject({ method: 'GET', url: '/api/records/schedule/export', headers: { authorization: `Bearer ${await env.token(A)}` } });
    const parsed = parseJraCsv(csv.body);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.find((r) => r.code === 'KU.01')).toMatchObject({ activeYears: 1, inactiveYears: 2, isDemo: false });
    expect(parsed.rows.find((r) => r.code === 'HK.05')).toMatchObject({ trigger: 'EVENT' });
  });

  it('answers bad dossier input with 400 / 422 / 409 and changes nothing', async () => {
    const count = () => countRows(env.ds, 'dossiers');
    const n = await count();
    const otherUnit = await unitIdOf(env.ds, '3201', 'KUL');
    const cases: [unknown, number, string][] = [
      [{ unitId: kul, classificationCode: 'XX.99', title: 'Tidak dikenal', periodStart: '2026-01-01' }, 422, 'UNKNOWN_CLASSIFICATION'],
      [{ unitId: kul, classificationCode: 'PL', title: 'Kode induk', periodStart: '2026-01-01' }, 422, 'CLASSIFICATION_NOT_SCHEDULED'],
      [{ unitId: otherUnit, classificationCode: 'PR', title: 'Unit lain', periodStart: '2026-01-01' }, 422, 'UNKNOWN_UNIT'],
      [{ unitId: kul, classificationCode: 'PR', title: 'Tanggal', periodStart: '2026-01-01', periodEnd: '2025-01-01' }, 400, 'VALIDATION_FAILED'],
      [{ unitId: kul, classificationCode: 'PR', title: 'Field asing', periodStart: '2026-01-01', status: 'DESTROYED' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) expect((await env.req('POST', '/api/records/dossiers', A, body)).body).toMatchObject({ statusCode: status, code });
    expect((await env.req('POST', '/api/records/dossiers', 'staf.teknis.5204', { unitId: kul, classificationCode: 'PR', title: 'Bukan unit saya', periodStart: '2026-01-01' })).status).toBe(403);
    expect(await count()).toBe(n);

    const d = (await env.req('POST', '/api/records/dossiers', A, { unitId: kul, classificationCode: 'PR', title: 'Rapat koordinasi', periodStart: '2026-01-01' })).body;
    const before = await snapshot(env.ds, 'SELECT * FROM dossiers WHERE id = ?', [d.id]);
    expect((await env.req('PATCH', `/api/records/dossiers/${d.id}`, A, { version: d.version + 1, title: 'Basi' })).body).toMatchObject({ statusCode: 409, code: 'VERSION_CONFLICT' });
    expect((await env.req('POST', `/api/records/dossiers/${d.id}/close`, A, { version: d.version + 5 })).body.code).toBe('VERSION_CONFLICT');
    expect((await env.req('POST', `/api/records/dossiers/${d.id}/items`, A, { letterId: '1', deliveryId: '2' })).status).toBe(400);
    expect(await snapshot(env.ds, 'SELECT * FROM dossiers WHERE id = ?', [d.id])).toBe(before);
    expect((await env.req('PATCH', `/api/records/dossiers/${d.id}`, A, { version: d.version, location: 'Rak 1' })).body).toMatchObject({ location: 'Rak 1', version: d.version + 1 });
    await env.req('POST', `/api/records/dossiers/${d.id}/close`, A, {});
    expect((await env.req('POST', `/api/records/dossiers/${d.id}/close`, A, {})).body).toMatchObject({ statusCode: 409, code: 'BERKAS_WRONG_STATUS' });
    // a transfer list may only hold dossiers due for it
    const early = await env.req('POST', '/api/records/proposals', A, { kind: 'TRANSFER', dossierIds: [d.id] });
    expect(early).toMatchObject({ status: 409, body: { code: 'DOSSIER_NOT_ELIGIBLE', details: { problems: [{ dossierId: d.id, code: 'NOT_DUE' }] } } });
  });

  it('shows a dossier only inside its office, and R content only to the positions involved', async () => {
    const t = (await env.req('POST', '/api/records/dossiers', A, { unitId: kul, classificationCode: 'PP.08', title: 'Logistik pemilu (T)', periodStart: '2026-01-01' })).body;
    expect(t.securityClass).toBe('T');
    const { letterId } = await insertSignedLetterFixture(env.ds, { office: '5204', subject: 'Data pemilih rahasia', securityClass: 'R' });
    await env.ds.query("UPDATE letters SET classification_code = 'PP.08' WHERE id = ?", [letterId]);
    // the archivist files the R letter of the office (metadata), without reading its content
    expect((await env.req('POST', `/api/records/dossiers/${t.id}/items`, A, { letterId })).status).toBe(201);
    const asArchivist = (await env.req('GET', `/api/records/dossiers/${t.id}`, A)).body;
    expect(asArchivist.securityClass).toBe('R');
    expect(asArchivist.items[0]).toMatchObject({ letterId, restricted: true, subject: null });
    const asDrafter = (await env.req('GET', `/api/records/dossiers/${t.id}`, 'kasubbag.umum.5204')).body;
    expect(asDrafter.items[0]).toMatchObject({ restricted: false, subject: 'Data pemilih rahasia' });
    expect((await env.req('GET', `/api/records/dossiers/${t.id}`, 'staf.teknis.5204')).status).toBe(404);
    expect((await env.req('GET', `/api/records/dossiers/${t.id}`, 'arsiparis.3201')).status).toBe(404);
    const b = (await env.req('POST', '/api/records/dossiers', A, { unitId: kul, classificationCode: 'PR', title: 'Undangan rapat (B)', periodStart: '2026-01-01' })).body;
    expect((await env.req('GET', `/api/records/dossiers/${b.id}`, 'staf.teknis.5204')).status).toBe(200);
    const list = (await env.req('GET', '/api/records/dossiers?limit=200', 'staf.teknis.5204')).body.items.map((x: { id: string }) => x.id);
    expect(list).toContain(b.id);
    expect(list).not.toContain(t.id);
    // another office's archivist lists none of this office's dossiers (other suites in the database may have given Bogor its own)
    const bogor = (await env.req('GET', '/api/records/dossiers?limit=200', 'arsiparis.3201')).body.items.map((x: { id: string }) => x.id);
    expect(bogor).not.toContain(t.id);
    expect(bogor).not.toContain(b.id);
  });

  it('reports the dashboard and the Daftar Arsip Aktif, and sees an unapplied hold inside a transaction', async () => {
    const dash = await env.req('GET', '/api/records/reports/dashboard', A);
    expect(dash.body).toMatchObject({ today: '2026-03-02', demoSchedule: false, holdsInForce: 0, month: { from: '2026-03-01', to: '2026-03-31' } });
    expect(dash.body.byStatus.CLOSED).toBeGreaterThan(0);
    const xlsx = await env.http.app.inject({ method: 'GET', url: '/api/records/reports/daftar-arsip?kind=AKTIF', headers: { authorization: `Bearer ${await env.token(A)}` } });
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await env.req('GET', '/api/records/reports/dashboard', 'staf.teknis.5204')).status).toBe(403);

    // a hold committed but not yet applied by its job already holds its scope (destruction re-checks by scope, not only by assignment)
    const d = (await env.req('POST', '/api/records/dossiers', A, { unitId: kul, classificationCode: 'PR', title: 'Dibekukan', periodStart: '2026-01-01' })).body;
    const [office] = await env.ds.query("SELECT id FROM offices WHERE code = '5204'");
    await env.ds.query("INSERT INTO records_holds (office_id, case_name, reason, status, scope_unit_id, created_by, created_at) VALUES (?, 'Uji', 'uji', 'APPLYING', ?, 1, NOW())", [office.id, kul]);
    expect([...(await env.ds.transaction((em) => heldAmong(em, Number(office.id), [d.id])))]).toEqual([d.id]);
    await env.ds.query("UPDATE records_holds SET status = 'LIFTED' WHERE case_name = 'Uji'");
  });
  /** The official JRA of the test above (no CONTOH values, KU.01 1 + 2, HK.05 from an event), with KU.02 given its own active + inactive years. */
  const officialWith = (ku02: string) => {
    const lines = SAMPLE.replace(/retensi: CONTOH[^\n]*/g, 'PKPU 17/2023').replace('KU.01,Rancangan Anggaran,2,8,MUSNAH,B', 'KU.01,Rancangan Anggaran,1,2,MUSNAH,B')
      .replace('KU.02,Pelaksanaan Anggaran dan DIPA,2,8,MUSNAH,B', `KU.02,Pelaksanaan Anggaran dan DIPA,${ku02},MUSNAH,B`).trim().split('\n');
    return [`${lines[0]},pemicu`, ...lines.slice(1).map((l) => `${l},${l.startsWith('HK.05,') ? 'PERISTIWA' : ''}`)].join('\n');
  };

  it('recomputes re-appraisal flags with each version: cleared once no version in force today or later shortens the dossier, kept while one does', async () => {
    const importVersion = async (ku02: string, effectiveFrom: string) => {
      const res = await env.req('POST', '/api/records/schedule/import', RI, { csv: officialWith(ku02), effectiveFrom, label: `KU.02 ${ku02} mulai ${effectiveFrom}` });
      expect(res.status).toBe(201);
      return res.body;
    };
    const flagOf = async (id: string) => (await env.req('GET', `/api/records/dossiers/${id}`, A)).body.reappraisalNeeded;
    // KU.02 under the official version: 2 + 8 years
    const d = (await env.req('POST', '/api/records/dossiers', A, { unitId: kul, classificationCode: 'KU.02', title: 'Pelaksanaan DIPA 2026', periodStart: '2026-01-01' })).body;
    expect((await env.req('POST', `/api/records/dossiers/${d.id}/close`, A, {})).body).toMatchObject({ activeUntil: '2028-03-02', inactiveUntil: '2036-03-02', reappraisalNeeded: false });

    // a version in force today shortens KU.02 to 1 + 2: flagged
    expect(await importVersion('1,2', '2026-03-02')).toMatchObject({ needReappraisal: 1 });
    expect(await flagOf(d.id)).toBe(true);
    // the next version (same day, so it replaces it) keeps 2 + 8: nothing shortens the dossier any more, the flag goes
    const restored = await importVersion('2,8', '2026-03-02');
    expect(await flagOf(d.id)).toBe(false);
    expect(restored).toMatchObject({ needReappraisal: 0, reappraisalCleared: 1 });
    expect((await env.req('GET', `/api/records/dossiers/${d.id}`, A)).body).toMatchObject({ activeUntil: '2028-03-02', inactiveUntil: '2036-03-02' });

    // a version coming into force on 2027-01-01 shortens it again: flagged
    expect(await importVersion('1,2', '2027-01-01')).toMatchObject({ needReappraisal: 1 });
    expect(await flagOf(d.id)).toBe(true);
    // a longer version in force today does not settle it: the shortening one still comes into force in 2027
    expect(await importVersion('2,10', '2026-03-02')).toMatchObject({ reappraisalCleared: 0 });
    expect(await flagOf(d.id)).toBe(true);
    // a version for that same day 2027-01-01 replaces the shortening one: settled
    expect(await importVersion('2,8', '2027-01-01')).toMatchObject({ reappraisalCleared: 1 });
    expect(await flagOf(d.id)).toBe(false);
  });

  it('imports a JRA saved by Excel (BOM, CRLF, `;` separators) and answers a wrong header with one message', async () => {
    // as Excel writes it in an Indonesian locale: fields holding `;` or a quote are quoted
    const quote = (c: string) => (/[;"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
    const excel = `\uFEFF${readCsv(officialWith('2,8')).records.map((r) => r.cols.map(quote).join(';')).join('\r\n')}\r\n;;;;;;\r\n`;
    const before = await scheduleState();
    const json = await env.req('POST', '/api/records/schedule/import', RI, { csv: excel, effectiveFrom: '2026-03-02', label: 'JRA dari Excel' });
    expect(json.status).toBe(201);
    expect(json.body).toMatchObject({ rows: 73, separator: ';', isDemo: false });
    const upload = await env.http.app.inject({
      method: 'POST', url: '/api/records/schedule/import/upload', headers: { authorization: `Bearer ${await env.token(RI)}`, 'content-type': 'multipart/form-data; boundary=x' },
      payload: Buffer.concat([
        Buffer.from('--x\r\nContent-Disposition: form-data; name="effectiveFrom"\r\n\r\n2026-03-02\r\n--x\r\nContent-Disposition: form-data; name="file"; filename="jra.csv"\r\nContent-Type: text/csv\r\n\r\n'),
        Buffer.from(excel, 'utf8'), Buffer.from('\r\n--x--\r\n'),
      ]),
    });
    expect(upload.statusCode).toBe(201);
    const uploaded = JSON.parse(upload.body);
    expect(uploaded).toMatchObject({ rows: 73, separator: ';' });
    // the rules are those of the comma-separated file, a `;` inside a quoted field kept
    const history = (await env.req('GET', '/api/records/schedule/rules/TU.01.1', A)).body;
    expect(history.find((r: { scheduleVersion: number }) => r.scheduleVersion === uploaded.version)).toMatchObject({
      activeYears: 1, inactiveYears: 2, finalAction: 'MUSNAH', source: 'retensi: dikonfirmasi (agenda surat masuk 1+2 tahun lalu musnah; PKPU 17/2023)',
    });
    expect(history.find((r: { scheduleVersion: number }) => r.scheduleVersion === uploaded.version - 1)).toMatchObject({ activeYears: 1, inactiveYears: 2 });

    const after = await scheduleState();
    const wrong = excel.replace('kode;judul', 'code;title');
    const res = await env.req('POST', '/api/records/schedule/import', RI, { csv: wrong, effectiveFrom: '2026-03-02' });
    expect(res.status).toBe(400);
    expect(res.body.details.problems).toEqual([{ line: 1, reason: expect.stringContaining('pemisah terbaca: titik koma (;)') }]);
    expect(await scheduleState()).toBe(after);
    expect(after).not.toBe(before);
  });
});

import { Clock } from '@naskah/core';
import { DEMO_PASSWORD } from '@naskah/identity';
import { Http, startApi } from '@naskah/testing';
import { suiteDatabase } from '../../libs/testing/src/suite-database';
import { officeIdOf, positionIdOf, userIdOf } from '../../libs/testing/src/letters-fixture';

/** 10:00 WIB on Thursday 10 December 2026: month 12 (XII), year 2026. */
const AT = new Date('2026-12-10T03:00:00Z');

/**
 * Number templates per office and letter type are data (issue 12, item 7): read with the template
 * in effect, its counter scope and a preview of the next number; set through the admin API,
 * validated whole and audited; signing numbers with them; and no change — of the template text or
 * of its counter scope, back and forth — ever makes a number be issued twice.
 */
describe('number templates as data, through the admin API', () => {
  let db: { release(): Promise<void> };
  let http: Http;
  let admin: string;
  let mataram: number;
  let seq = 0;

  beforeAll(async () => {
    db = await suiteDatabase(); // templates and counters of this suite's own
    http = await startApi();
    http.app.get(Clock).now = () => new Date(AT);
    admin = await http.login('admin');
    mataram = await officeIdOf(http.ds, '5271');
  });
  afterAll(async () => {
    await http?.close();
    await db?.release();
  });

  const put = (body: Record<string, unknown>, token = admin) => http.request('PUT', '/api/admin/number-templates', { token, body });
  const effective = async (typeCode: string) => {
    const res = await http.request('GET', `/api/admin/number-templates/effective?officeId=${mataram}&typeCode=${typeCode}&classification=PY.01.1`, { token: admin });
    expect(res.status).toBe(200);
    return res.body;
  };

  /** An APPROVED letter of KPU Kota Mataram for its Ketua to sign. */
  async function approvedLetter(typeCode: string): Promise<string> {
    const signer = await positionIdOf(http.ds, '5271', 'KETUA');
    const drafter = await positionIdOf(http.ds, '5271', 'STAF-KUL');
    const res = await http.ds.query(
      `INSERT INTO letters (office_id, drafter_user_id, drafter_position_id, type_code, subject, body, security_class, urgency, classification_code, signer_position_id, status, review_round)
       VALUES (?, ?, ?, ?, ?, 'Isi', 'B', 'BIASA', 'PY.01.1', ?, 'APPROVED', 1)`,
      [mataram, await userIdOf(http.ds, 'staf.umum.5271'), drafter, typeCode, `Naskah penomoran ${++seq}`, signer],
    );
    await http.ds.query("INSERT INTO letter_access (letter_id, position_id, office_id, reason) VALUES (?, ?, ?, 'SIGNER')", [res.insertId, signer, mataram]);
    return String(res.insertId);
  }
  async function sign(id: string): Promise<string> {
    const res = await http.request('POST', `/api/letters/${id}/sign`, { token: await http.login('ketua.5271'), body: { password: DEMO_PASSWORD } });
    expect([res.status, res.body.code]).toEqual([201, undefined]);
    return res.body.number;
  }

  it('is the administrator’s: anyone else gets 403', async () => {
    const other = await http.login('sekretaris.5204');
    expect((await http.request('GET', '/api/admin/number-templates', { token: other })).status).toBe(403);
    expect((await http.request('GET', `/api/admin/number-templates/effective?officeId=${mataram}&typeCode=SD`, { token: other })).status).toBe(403);
    expect((await put({ template: '{seq}/{year}', counterScope: ['office', 'year'], reason: 'coba ubah' }, other)).status).toBe(403);
  });

  it('shows the template in effect for an office and type, its counter scope and the next number, without taking it', async () => {
    const sd = await effective('SD');
    expect(sd.effective).toMatchObject({ source: 'GLOBAL', officeId: null, typeCode: null, template: '{seq}/{classification}-{type}/{region}/{year}', counterScope: ['office', 'type', 'year'] });
    expect(sd.preview).toMatchObject({
      counterScope: ['office', 'type', 'year'], counterScopeLabel: 'satker + jenis naskah + tahun', counterKey: `letter|office=${mataram}|type=SD|year=2026`,
      counterValue: 0, nextSeq: 1, nextNumber: '1/PY.01.1-SD/5271/2026', skipsIssued: 0,
    });
    expect((await effective('SD')).preview.nextNumber).toBe('1/PY.01.1-SD/5271/2026'); // not taken
    expect(await http.ds.query('SELECT * FROM number_counters WHERE scope_key LIKE ?', [`letter|office=${mataram}|%`])).toEqual([]);
    const kpt = await effective('Kpt');
    expect(kpt.effective).toMatchObject({ source: 'TYPE', typeCode: 'Kpt', template: 'Nomor {seq} Tahun {year}' });
    expect(kpt.preview.nextNumber).toBe('Nomor 1 Tahun 2026');
  });

  it('refuses a template or scope that cannot number safely, naming the field, and changes nothing', async () => {
    const rows = await http.ds.query('SELECT * FROM numbering_templates ORDER BY id');
    const refused = async (body: Record<string, unknown>, code: string, field: string, says: string) => {
      const res = await put({ officeId: mataram, typeCode: 'SD', counterScope: ['office', 'type', 'year'], reason: 'uji validasi', ...body });
      expect([res.status, res.body.code, res.body.details?.fields?.[0]?.field]).toEqual([422, code, field]);
      expect(res.body.message).toContain(says);
    };
    await refused({ template: '{seq}/{jenis}/{year}' }, 'NUMBER_TEMPLATE_INVALID', 'template', 'placeholder tidak dikenal: {jenis}');
    await refused({ template: '{classification}-{type}/{year}' }, 'NUMBER_TEMPLATE_INVALID', 'template', 'templat harus memuat {seq}');
    await refused({ template: '{seq}/{type}/{year}', counterScope: ['office', 'type', 'year', 'month'] }, 'NUMBER_TEMPLATE_AMBIGUOUS', 'template', "lingkup memuat 'month'");
    await refused({ template: `${'SEKRETARIAT-'.repeat(9)}{seq}/{classification}/{year}` }, 'NUMBER_TOO_LONG', 'template', '120');
    await refused({ template: '{seq}/{unit}/{type}/{year}' }, 'NUMBER_VALUE_MISSING', 'unitCode', '{unit}');
    await refused({ template: '{seq}/{type}/{year}', counterScope: ['type', 'year'] }, 'COUNTER_SCOPE_INVALID', 'counterScope', "lingkup harus memuat 'office'");
    await refused({ template: '{seq}/{type}/{year}', typeCode: 'XYZ' }, 'LETTER_TYPE_NOT_FOUND', 'typeCode', 'XYZ');
    expect((await put({ officeId: mataram, typeCode: 'SD', template: '{seq}/{type}/{year}', counterScope: ['office', 'type', 'year'] })).status).toBe(400); // no reason
    expect((await put({ officeId: mataram, typeCode: 'SD', template: '{seq}/{type}/{year}', counterScope: ['office', 'minggu'], reason: 'uji' })).status).toBe(400);
    expect(await http.ds.query('SELECT * FROM numbering_templates ORDER BY id')).toEqual(rows);
    expect(Number((await http.ds.query("SELECT COUNT(*) AS n FROM audit_events WHERE entity_type = 'numbering_template'"))[0].n)).toBe(0);
  });

  it('sets an office’s template for a type: audited with who and why, previewed, and used when the letter is signed', async () => {
    const res = await put({
      officeId: mataram, typeCode: 'ND', template: '{seq}/{classification}-{type}/{region}/{romanMonth}/{year}', counterScope: ['type', 'office', 'year'],
      reason: 'Format nota dinas dengan bulan Romawi (uji)',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ changed: true, template: { source: 'OFFICE_TYPE', officeId: mataram, typeCode: 'ND', counterScope: ['office', 'type', 'year'] } });
    expect(res.body.preview).toMatchObject({ officeCode: '5271', typeCode: 'ND', nextSeq: 1, counterKey: `letter|office=${mataram}|type=ND|year=2026` });
    const [event] = await http.ds.query("SELECT actor_user_id, before_state, after_state FROM audit_events WHERE entity_type = 'numbering_template' AND action = 'NUMBER_TEMPLATE_CHANGED'");
    expect(Number(event.actor_user_id)).toBe(await userIdOf(http.ds, 'admin'));
    const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
    expect(parse(event.before_state)).toBeNull();
    expect(parse(event.after_state)).toMatchObject({ officeId: mataram, typeCode: 'ND', counterScope: 'office,type,year', reason: 'Format nota dinas dengan bulan Romawi (uji)' });

    const nd = await effective('ND');
    expect(nd.effective.source).toBe('OFFICE_TYPE');
    expect(nd.candidates.map((c: { source: string }) => c.source)).toEqual(['OFFICE_TYPE', 'GLOBAL']);
    expect(nd.preview.nextNumber).toBe('1/PY.01.1-ND/5271/XII/2026');
    expect(await sign(await approvedLetter('ND'))).toBe('1/PY.01.1-ND/5271/XII/2026');
    expect((await effective('ND')).preview.nextNumber).toBe('2/PY.01.1-ND/5271/XII/2026');
    expect((await effective('SD')).preview.nextNumber).toBe('1/PY.01.1-SD/5271/2026'); // other types keep the national template
  });

  it('switching a template and its counter scope back and forth never issues a number twice, and signing never fails for it', async () => {
    // A and B print the same shape but draw from different counters (per year / per month); C prints another shape from A's counter
    const A = { template: '{seq}/{type}/{month}/{year}', counterScope: ['office', 'type', 'year'] };
    const B = { template: '{seq}/{type}/{month}/{year}', counterScope: ['office', 'type', 'year', 'month'] };
    const C = { template: '{seq}-{type}-{month}-{year}', counterScope: ['office', 'type', 'year'] };
    const numbers: string[] = [];
    const signWith = async (t: typeof A, why: string) => {
      const res = await put({ officeId: mataram, typeCode: 'ST', ...t, reason: why });
      expect(res.status).toBe(200);
      const preview = (await effective('ST')).preview.nextNumber;
      const number = await sign(await approvedLetter('ST'));
      expect(number).toBe(preview); // the preview told the truth
      numbers.push(number);
    };
    await signWith(A, 'nomor urut per tahun');
    numbers.push(await sign(await approvedLetter('ST')));
    await signWith(B, 'nomor urut per bulan');
    await signWith(A, 'kembali per tahun');
    await signWith(C, 'format dengan tanda hubung');
    await signWith(A, 'kembali ke garis miring');
    await signWith(B, 'per bulan lagi');
    // every new counter starts at the first number of its shape the office does not hold yet
    expect(numbers).toEqual(['1/ST/12/2026', '2/ST/12/2026', '3/ST/12/2026', '4/ST/12/2026', '5-ST-12-2026', '6/ST/12/2026', '5/ST/12/2026']);
    const rows = await http.ds.query("SELECT number, counter_key, number_seq FROM letters WHERE office_id = ? AND type_code = 'ST' AND status = 'SIGNED'", [mataram]);
    expect(rows).toHaveLength(7);
    expect(new Set(rows.map((r: { number: string }) => r.number.toLowerCase())).size).toBe(7);
    expect(new Set(rows.map((r: { counter_key: string; number_seq: string }) => `${r.counter_key}#${r.number_seq}`)).size).toBe(7);
    // each counter holds its last value: A's (shared with C) and B's December counter
    const counters = await http.ds.query('SELECT scope_key, value FROM number_counters WHERE scope_key LIKE ? ORDER BY scope_key', [`letter|office=${mataram}|type=ST|%`]);
    expect(counters.map((c: { scope_key: string; value: string }) => [c.scope_key, Number(c.value)])).toEqual([
      [`letter|office=${mataram}|type=ST|year=2026`, 6],
      [`letter|office=${mataram}|type=ST|year=2026|month=12`, 5],
    ]);
  });
});

import { countRows, Http, startApi } from '@naskah/testing';
import { AppConfig } from '@naskah/core';
import { AuditService } from '@naskah/audit';
import { OrganisationService } from '@naskah/organisation';
import { FilesService } from '@naskah/storage';
import { LettersRepository, LetterWorkNotices, PadesSigner, RenderLetterJob } from '@naskah/correspondence';
import { DOCUMENT_SIGNER } from '../../libs/correspondence/src/signature';
import { insertSignedLetterFixture } from '../../libs/testing/src/letters-fixture';
import { pdfText } from '../../libs/correspondence/src/rendering/pdf-tools';

/** Kop surat per office (issue 14, item 1): an admin edits it (validated, audited); letters print it. */
describe('office letterhead (kop surat)', () => {
  let http: Http;
  let admin: string;
  let officeId: number;
  const OFFICE = '3201'; // KPU Kabupaten Bogor: its kop is restored afterwards
  const url = () => `/api/admin/offices/${officeId}/letterhead`;
  const patch = (body: Record<string, unknown>, token = admin) => http.request('PATCH', url(), { token, body });

  beforeAll(async () => {
    http = await startApi();
    admin = await http.login('admin');
    officeId = Number((await http.ds.query('SELECT id FROM offices WHERE code = ?', [OFFICE]))[0].id);
  });
  afterAll(async () => {
    await http.ds.query('UPDATE offices SET address = NULL, phone = NULL, email = NULL, website = NULL WHERE id = ?', [officeId]);
    await http.close();
  });

  it('sets the kop surat, shows it, and audits the change with before and after', async () => {
    await patch({ address: null, phone: null, email: null, website: null });
    const before = await countRows(http.ds, 'audit_events', "entity_type = 'office' AND entity_id = ? AND action = 'OFFICE_LETTERHEAD_UPDATED'", [String(officeId)]);
    const kop = { address: 'Jalan Bersih, Kompleks Perkantoran Pemda, Cibinong 16914', phone: '+62 (21) 8790-7070', email: 'kab-bogor@kpu.go.id', website: 'https://kab-bogor.kpu.go.id' };
    const res = await patch(kop);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ officeId, name: 'KPU Kabupaten Bogor', city: 'Bogor', ...kop });
    expect((await http.request('GET', url(), { token: admin })).body).toEqual(res.body);
    expect(await countRows(http.ds, 'audit_events', "entity_type = 'office' AND entity_id = ? AND action = 'OFFICE_LETTERHEAD_UPDATED'", [String(officeId)])).toBe(before + 1);
    const [event] = await http.ds.query("SELECT before_state, after_state FROM audit_events WHERE entity_type = 'office' AND entity_id = ? ORDER BY id DESC LIMIT 1", [String(officeId)]);
    const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
    expect(parse(event.before_state)).toEqual({ address: null, phone: null, email: null, website: null });
    expect(parse(event.after_state)).toEqual(kop);
    // one field changes, the others stay; null or '' clears
    expect((await patch({ phone: '(021) 8790 7071' })).body).toMatchObject({ ...kop, phone: '(021) 8790 7071' });
    expect((await patch({ website: null, email: '' })).body).toMatchObject({ address: kop.address, phone: '(021) 8790 7071', email: null, website: null });
  });

  it('names each malformed field: e-mail, a non-https website, a phone with letters, control characters, unknown fields', async () => {
    const res = await patch({ email: 'bukan-email', website: 'http://kab-bogor.kpu.go.id', phone: '0251-KPU-123', address: 'Jalan\u0007Bersih', fax: '123' });
    expect(res.status).toBe(400);
    expect(new Set(res.body.details.fields.map((f: { field: string }) => f.field))).toEqual(new Set(['email', 'website', 'phone', 'address', 'fax']));
    for (const website of ['javascript:alert(1)', 'https://', 'kab-bogor.kpu.go.id', 'https://localhost']) {
      const bad = await patch({ website });
      expect(bad.status).toBe(400);
      expect(bad.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['website']);
    }
    expect((await patch({ phone: '12' })).status).toBe(400);
    expect((await patch({ address: 'x'.repeat(301) })).status).toBe(400);
  });

  it('is for administrators only; an unknown office is 404 and a malformed id 400', async () => {
    const staff = await http.login('staf.umum.3201');
    expect((await patch({ phone: '(021) 1' }, staff)).status).toBe(403);
    expect((await http.request('GET', url(), { token: staff })).status).toBe(403);
    expect((await http.request('PATCH', '/api/admin/offices/99999999/letterhead', { token: admin, body: { phone: '(021) 1234' } })).status).toBe(404);
    expect((await http.request('GET', '/api/admin/offices/abc/letterhead', { token: admin })).status).toBe(400);
  });

  it('prints the kop surat at the head of the letters the office signs afterwards', async () => {
    await patch({ address: 'Jalan Bersih, Cibinong, Kabupaten Bogor 16914', phone: '(021) 8790 7070', email: 'kab-bogor@kpu.go.id', website: 'https://kab-bogor.kpu.go.id' });
    const { letterId } = await insertSignedLetterFixture(http.ds, { office: OFFICE, to: [{ office: '32' }], rendered: false, subject: 'Uji kop surat' });
    const app = http.app;
    const render = new RenderLetterJob(http.ds, app.get(LettersRepository), app.get(OrganisationService), app.get(FilesService), app.get(AuditService), app.get(AppConfig), app.get(DOCUMENT_SIGNER), app.get(LetterWorkNotices), app.get(PadesSigner));
    await render.run({ letterId });
    const drafter = await http.login('kasubbag.umum.3201');
    const pdf = (await http.app.inject({ method: 'GET', url: `/api/letters/${letterId}/pdf`, headers: { authorization: `Bearer ${drafter}` } })).rawPayload;
    const lines = pdfText(pdf).split('\n').map((l) => l.trim()).filter(Boolean);
    expect(lines.slice(0, 4)).toEqual([
      'KOMISI PEMILIHAN UMUM',
      'KABUPATEN BOGOR',
      'Jalan Bersih, Cibinong, Kabupaten Bogor 16914',
      'Telepon (021) 8790 7070 Pos-el kab-bogor@kpu.go.id Laman https://kab-bogor.kpu.go.id',
    ]);
  });
});

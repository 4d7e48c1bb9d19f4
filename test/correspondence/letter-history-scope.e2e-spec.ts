import { DataSource } from 'typeorm';
import { Http, startApiAndWorker } from '@naskah/testing';
import { deliveriesOnceDispatched, eventually, officeIdOf } from '../../libs/testing/src/letters-fixture';

const RUN = `H${Date.now().toString(36)}`;
const RETURN_NOTE = `Catatan internal Sumbawa ${RUN}: lengkapi dasar hukum`;
const FORWARD_NOTE = `Diteruskan oleh NTB ${RUN} untuk ditindaklanjuti`;
const DISPOSITION_NOTE = `Arahan internal KPU RI ${RUN}`;

type Ev = { action: string; officeId: number | null; actorUserId: number | null; before: unknown; after: unknown };

/**
 * A letter's history (riwayat) is the audit trail of several offices' work on it; each office's work
 * is its own record. Sumbawa's internal review (a return note) must not be read at KPU Provinsi NTB
 * or KPU RI, KPU RI's disposition must not be read at Sumbawa or NTB; the sender keeps its tracking
 * (delivered, read, forwarded, returned) and every recipient the public milestones (signed with the
 * number, sent) and the forwarding written to it.
 */
describe('the history of a letter shows each office only what is its own', () => {
  let http: Http;
  let ds: DataSource;
  let stop: () => Promise<void>;
  const office: Record<string, number> = {};
  let letterId = '';
  let number = '';
  const T: Record<string, string> = {};

  beforeAll(async () => {
    ({ http, ds, close: stop } = await startApiAndWorker());
    for (const c of ['5204', '52', 'RI']) office[c] = await officeIdOf(ds, c);
    for (const u of ['kasubbag.umum.5204', 'kasubbag.teknis.5204', 'sekretaris.5204', 'ketua.5204', 'sekretaris.52', 'sekjen.ri']) T[u] = await http.login(u);
    const pos = async (o: string, code: string) => Number((await ds.query('SELECT p.id FROM positions p JOIN offices o ON o.id = p.office_id WHERE o.code = ? AND p.code = ?', [o, code]))[0].id);

    // drafted at Sumbawa, returned once with an internal note, resubmitted, approved, signed, sent to the Sekjen (via NTB)
    const created = await http.request('POST', '/api/letters', {
      token: T['kasubbag.umum.5204'],
      body: {
        typeCode: 'SD', subject: `Laporan logistik ${RUN}`, body: 'Dengan hormat,\n\nBersama ini kami sampaikan laporan.', securityClass: 'B', urgency: 'BIASA', classificationCode: 'PY.01.1',
        recipients: [{ kind: 'TO', positionId: await pos('RI', 'SEKJEN') }],
        reviewerPositionIds: [await pos('5204', 'KASUBBAG-TPH'), await pos('5204', 'SEKRETARIS')], signerPositionId: await pos('5204', 'KETUA'),
      },
    });
    expect(created.status).toBe(201);
    letterId = created.body.id;
    expect((await http.request('POST', `/api/letters/${letterId}/submit`, { token: T['kasubbag.umum.5204'] })).status).toBe(201);
    const returned = await http.request('POST', `/api/letters/${letterId}/review`, { token: T['kasubbag.teknis.5204'], body: { decision: 'RETURN', note: RETURN_NOTE } });
    expect(returned.body.status).toBe('RETURNED');
    expect((await http.request('PATCH', `/api/letters/${letterId}`, { token: T['kasubbag.umum.5204'], body: { version: returned.body.version, body: 'Dengan hormat,\n\nBerdasarkan PKPU 8/2019 kami sampaikan laporan.' } })).status).toBe(200);
    expect((await http.request('POST', `/api/letters/${letterId}/submit`, { token: T['kasubbag.umum.5204'] })).status).toBe(201);
    expect((await http.request('POST', `/api/letters/${letterId}/review`, { token: T['kasubbag.teknis.5204'], body: { decision: 'APPROVE' } })).status).toBe(201);
    expect((await http.request('POST', `/api/letters/${letterId}/review`, { token: T['sekretaris.5204'], body: { decision: 'APPROVE' } })).status).toBe(201);
    const signed = await http.request('POST', `/api/letters/${letterId}/sign`, { token: T['ketua.5204'], body: { password: 'Naskah#2026' } });
    expect(signed.status).toBe(201);
    number = signed.body.number;
    expect((await http.request('POST', `/api/letters/${letterId}/send`, { token: T['kasubbag.umum.5204'] })).status).toBe(201);

    // NTB forwards it with a note to KPU RI; the Sekjen reads it and disposes it with an internal instruction
    const [atNtb] = await deliveriesOnceDispatched(ds, letterId);
    expect((await http.request('POST', `/api/deliveries/${atNtb.id}/forward`, { token: T['sekretaris.52'], body: { note: FORWARD_NOTE } })).status).toBe(201);
    const atRi = await eventually(async () => (await ds.query('SELECT id FROM deliveries WHERE letter_id = ? AND office_id = ?', [letterId, office.RI]))[0], 'the delivery at KPU RI');
    expect((await http.request('POST', `/api/deliveries/${atRi.id}/read`, { token: T['sekjen.ri'] })).status).toBe(200);
    const [{ id: below }] = await ds.query('SELECT id FROM positions WHERE parent_id = ? AND is_active = 1 ORDER BY id LIMIT 1', [await pos('RI', 'SEKJEN')]);
    const disposed = await http.request('POST', '/api/dispositions', {
      token: T['sekjen.ri'], body: { deliveryId: String(atRi.id), recipientPositionIds: [Number(below)], instructionCodes: ['TINDAK_LANJUTI'], note: DISPOSITION_NOTE, workingDays: 3 },
    });
    expect(disposed.status).toBe(201);
  }, 120_000);
  afterAll(() => stop());

  const historyOf = async (user: string): Promise<Ev[]> => {
    const r = await http.request('GET', `/api/letters/${letterId}/history`, { token: T[user] });
    expect(r.status).toBe(200);
    return r.body;
  };
  const text = (events: Ev[]) => JSON.stringify(events);

  it('the drafting office reads its whole review and the tracking of the others, but not their notes or dispositions', async () => {
    const h = await historyOf('kasubbag.umum.5204');
    const own = h.filter((e) => e.officeId === office['5204']).map((e) => e.action);
    for (const a of ['LETTER_DRAFTED', 'LETTER_SUBMITTED', 'LETTER_RETURNED', 'LETTER_REVISED', 'LETTER_REVIEW_APPROVED', 'LETTER_SIGNED', 'LETTER_SENT']) expect(own).toContain(a);
    expect(text(h)).toContain(RETURN_NOTE);
    // tracking: NTB forwarded (and its forwarding was delivered), KPU RI read — who acted at the other
    // office is not named, nor what they wrote
    expect(h.filter((e) => e.officeId === office['52']).map((e) => e.action)).toEqual(['LETTER_FORWARDED', 'LETTER_DELIVERED']);
    expect(h.filter((e) => e.officeId === office.RI).map((e) => e.action)).toEqual(['LETTER_READ']);
    expect(h.filter((e) => e.officeId !== office['5204']).every((e) => e.actorUserId === null)).toBe(true);
    expect(text(h)).not.toContain(FORWARD_NOTE);
    expect(text(h)).not.toContain(DISPOSITION_NOTE);
    expect(h.some((e) => e.action.startsWith('DISPOSITION_'))).toBe(false);
  });

  it('the forwarding Provinsi reads the milestones of Sumbawa and its own forwarding, not Sumbawa’s review nor KPU RI’s work', async () => {
    const h = await historyOf('sekretaris.52');
    expect(h.filter((e) => e.officeId === office['5204']).map((e) => e.action)).toEqual(['LETTER_SIGNED', 'LETTER_SENT']);
    expect(h.find((e) => e.action === 'LETTER_SIGNED')!.after).toEqual({ number });
    expect(h.filter((e) => e.officeId === office['52']).map((e) => e.action)).toEqual(expect.arrayContaining(['LETTER_FORWARDED']));
    expect(text(h)).toContain(FORWARD_NOTE);
    expect(h.filter((e) => e.officeId === office.RI)).toEqual([]);
    expect(text(h)).not.toContain(RETURN_NOTE);
    expect(text(h)).not.toContain(DISPOSITION_NOTE);
  });

  it('KPU RI reads the milestones, the forwarding written to it with its note, and its own work whole', async () => {
    const h = await historyOf('sekjen.ri');
    expect(h.filter((e) => e.officeId === office['5204']).map((e) => e.action)).toEqual(['LETTER_SIGNED', 'LETTER_SENT']);
    expect(h.filter((e) => e.officeId === office['5204']).every((e) => e.actorUserId === null && e.before === null)).toBe(true);
    const fwd = h.filter((e) => e.officeId === office['52']);
    expect(fwd.map((e) => e.action)).toEqual(['LETTER_FORWARDED']);
    expect(fwd[0].after).toEqual({ note: FORWARD_NOTE });
    const own = h.filter((e) => e.officeId === office.RI).map((e) => e.action);
    expect(own).toContain('LETTER_READ');
    expect(own.some((a) => a.startsWith('DISPOSITION_'))).toBe(true);
    expect(text(h)).not.toContain(RETURN_NOTE);
    expect(h.some((e) => ['LETTER_DRAFTED', 'LETTER_SUBMITTED', 'LETTER_RETURNED', 'LETTER_REVISED', 'LETTER_REVIEW_APPROVED'].includes(e.action))).toBe(false);
  });

  it('the letter and its revisions name the konseptor and the review only to the drafting office; a recipient reads the letter as its signer sent it', async () => {
    const drafter = Number((await ds.query("SELECT id FROM users WHERE username = 'kasubbag.umum.5204'"))[0].id);
    const own = await http.request('GET', `/api/letters/${letterId}`, { token: T['kasubbag.umum.5204'] });
    expect(own.status).toBe(200);
    expect(own.body.drafterUserId).toBe(drafter);
    expect(own.body.drafterPositionId).toEqual(expect.any(Number));
    expect(own.body.reviews.length).toBeGreaterThan(0);
    const ownRevisions = (await http.request('GET', `/api/letters/${letterId}/revisions`, { token: T['kasubbag.umum.5204'] })).body;
    expect(ownRevisions.length).toBeGreaterThan(1);
    expect(ownRevisions.every((r: { createdBy: number }) => r.createdBy === drafter)).toBe(true);
    for (const user of ['sekretaris.52', 'sekjen.ri']) {
      const seen = await http.request('GET', `/api/letters/${letterId}`, { token: T[user] });
      expect(seen.status).toBe(200);
      expect(seen.body).toMatchObject({ number, drafterUserId: null, drafterPositionId: null, reviews: [], reviewerPositionIds: [] });
      expect(seen.body.signerName).toEqual(expect.any(String)); // the letter speaks for its signer
      const revisions = (await http.request('GET', `/api/letters/${letterId}/revisions`, { token: T[user] })).body;
      expect(revisions).toHaveLength(1);
      expect(revisions[0].createdBy).toBeNull();
      expect(JSON.stringify(revisions)).not.toContain(`"createdBy":${drafter}`);
    }
  });
});

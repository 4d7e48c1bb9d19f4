import { jakartaToday } from '@naskah/identity';
import { Http, startApiAndWorker } from '@naskah/testing';
import { deliveriesOnceDispatched, eventually, insertSignedLetterFixture, positionIdOf, userIdOf } from '../../libs/testing/src/letters-fixture';
import { letterWithFiles, openProposalOf, RecordsEnv, startRecordsEnv, unitIdOf, waitProposal } from '../records/records-support';

/**
 * Findings of the hostile review of the session's branch (issues 10, 11, 12 items 1-4/6-7, 16),
 * each as the rule says it should be, through the HTTP API on the real MariaDB and Redis.
 * Written by the reviewer; they fail on the reviewed code until the lead fixes it.
 */

describe('review findings: a copy its office destroyed stays destroyed', () => {
  let env: RecordsEnv;
  beforeAll(async () => {
    env = await startRecordsEnv();
  });
  afterAll(() => env.close());

  const as = async (username: string, method: string, url: string, body?: unknown) => env.http.request(method, url, { token: await env.token(username), body });

  /** KPU RI sends a letter to Kab. Bogor; Bogor's Kasubbag disposes it to its Staf; Bogor files it, transfers, then destroys its copy. */
  async function bogorDestroysItsCopy(subject: string): Promise<{ letterId: string; deliveryId: string; dispositionId: string; dossierId: string }> {
    env.at(0);
    const { letterId } = await letterWithFiles(env, { office: 'RI', classification: 'TU.05.1', subject, to: [{ office: '3201', position: 'KASUBBAG-KUL' }] });
    expect((await as('staf.umum.ri', 'POST', `/api/letters/${letterId}/send`)).status).toBe(201);
    const [delivery] = await deliveriesOnceDispatched(env.ds, letterId);
    const staf = await positionIdOf(env.ds, '3201', 'STAF-KUL');
    const disposed = await as('kasubbag.umum.3201', 'POST', '/api/dispositions', { deliveryId: String(delivery.id), recipientPositionIds: [staf], instructionCodes: ['TINDAK_LANJUTI'], note: 'Catatan disposisi' });
    expect(disposed.status).toBe(201);
    const dispositionId = String(disposed.body[0].id);

    const unitId = await unitIdOf(env.ds, '3201', 'KUL');
    const dossier = await as('arsiparis.3201', 'POST', '/api/records/dossiers', { unitId, classificationCode: 'TU.05.1', title: `Berkas ${subject}`, periodStart: '2026-01-01' });
    expect(dossier.status).toBe(201);
    expect((await as('arsiparis.3201', 'POST', `/api/records/dossiers/${dossier.body.id}/items`, { deliveryId: String(delivery.id) })).status).toBe(201);
    expect((await as('arsiparis.3201', 'POST', `/api/records/dossiers/${dossier.body.id}/close`, {})).status).toBe(200);
    env.at(2, 2);
    await executeProposal(dossier.body.id, 'TRANSFER');
    env.at(10, 2);
    await executeProposal(dossier.body.id, 'DESTROY');
    expect((await as('kasubbag.umum.3201', 'GET', `/api/letters/${letterId}`)).body.code).toBe('RECORD_DESTROYED');
    return { letterId, deliveryId: String(delivery.id), dispositionId, dossierId: dossier.body.id };
  }

  async function executeProposal(dossierId: string, kind: 'TRANSFER' | 'DESTROY'): Promise<void> {
    let proposal = await openProposalOf(env, dossierId, 'arsiparis.3201');
    if (!proposal) {
      const created = await as('arsiparis.3201', 'POST', '/api/records/proposals', { kind, dossierIds: [dossierId] });
      expect(created.status).toBe(201);
      proposal = created.body;
    }
    const id = proposal!.id;
    expect((await as('arsiparis.3201', 'POST', `/api/records/proposals/${id}/submit`, {})).status).toBe(200);
    const stepUser: Record<string, string> = { RECORDS_CENTRE_HEAD: 'kasubbag.umum.3201', APPRAISAL_COMMITTEE: 'sekretaris.3201', OFFICE_LEADER: 'ketua.3201' };
    for (;;) {
      const p = (await as('arsiparis.3201', 'GET', `/api/records/proposals/${id}`)).body;
      if (!p.nextStep) break;
      expect((await as(stepUser[p.nextStep], 'POST', `/api/records/proposals/${id}/approvals`, { decision: 'APPROVED' })).status).toBe(201);
    }
    if (kind === 'TRANSFER') {
      expect((await as('arsiparis.3201', 'POST', `/api/records/proposals/${id}/execute`, { location: 'Depo arsip inaktif' })).body.status).toBe('EXECUTED');
    } else {
      expect((await as('arsiparis.3201', 'POST', `/api/records/proposals/${id}/execute`, {})).status).toBe(202);
      await waitProposal(env, id, 'EXECUTED', 'arsiparis.3201');
    }
  }

  it('a disposition on a destroyed copy takes no new follow-up report or sub-disposition (410 RECORD_DESTROYED), so nothing is written that no retention can reach', async () => {
    const { dispositionId, letterId } = await bogorDestroysItsCopy('Surat untuk disposisi yang dimusnahkan');
    const followUps = await env.ds.query('SELECT COUNT(*) AS n FROM disposition_follow_ups WHERE disposition_id = ?', [dispositionId]);
    const report = await as('staf.umum.3201', 'POST', `/api/dispositions/${dispositionId}/follow-ups`, { body: 'Laporan tindak lanjut setelah pemusnahan' });
    expect([report.status, report.body.code]).toEqual([410, 'RECORD_DESTROYED']);
    const sub = await as('kasubbag.umum.3201', 'POST', `/api/dispositions/${dispositionId}/dispositions`, {
      recipientPositionIds: [await positionIdOf(env.ds, '3201', 'STAF-KUL')], instructionCodes: ['TINDAK_LANJUTI'],
    });
    expect(sub.status).not.toBe(201);
    expect((await env.ds.query('SELECT COUNT(*) AS n FROM disposition_follow_ups WHERE disposition_id = ?', [dispositionId]))[0].n).toEqual(followUps[0].n);
    expect(Number((await env.ds.query('SELECT COUNT(*) AS n FROM dispositions WHERE letter_id = ? AND parent_id = ?', [letterId, dispositionId]))[0].n)).toBe(0);
  });

  it('a Plh from another office acting in a position of the destroying office gets 410, not the letter and its PDF', async () => {
    const { letterId } = await bogorDestroysItsCopy('Surat untuk Plh lintas satker');
    // the Sekretaris of Kab. Sumbawa is made Plh of Bogor's Kasubbag Umum today (the test clock's today)
    const today = jakartaToday(env.clock.now());
    const made = await as('admin', 'POST', '/api/admin/delegations', {
      userId: await userIdOf(env.ds, 'sekretaris.5204'), positionId: await positionIdOf(env.ds, '3201', 'KASUBBAG-KUL'), kind: 'PLH', startsOn: today, endsOn: today, reason: 'uji',
    });
    expect(made.status).toBe(201);
    const letter = await as('sekretaris.5204', 'GET', `/api/letters/${letterId}`);
    expect([letter.status, letter.body.code]).toEqual([410, 'RECORD_DESTROYED']);
    const pdf = await as('sekretaris.5204', 'GET', `/api/letters/${letterId}/pdf`);
    expect(pdf.status).toBe(410);
  });
});

describe('review findings: identity and notices', () => {
  let http: Http;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    ({ http, close: stop } = await startApiAndWorker());
  });
  afterAll(() => stop());

  const call = async (user: string, method: string, url: string, body?: unknown, token?: string) => http.request(method, url, { token: token ?? (await http.login(user)), body });

  it('a user moved to another office reads none of the old office’s distribution lists with the token issued before the move', async () => {
    const list = await call('pencatat.5271', 'POST', '/api/distribution-lists', { name: `Daftar Mataram ${Date.now().toString(36)}`, members: [{ officeId: (await http.ds.query("SELECT id FROM offices WHERE code = '5204'"))[0].id }] });
    expect(list.status).toBe(201);
    const login = await http.request('POST', '/api/auth/login', { body: { username: 'staf.teknis.5271', password: 'Naskah#2026' } });
    const oldToken = login.body.accessToken as string;
    expect((await call('', 'GET', `/api/distribution-lists/${list.body.id}`, undefined, oldToken)).status).toBe(200);
    const userId = await userIdOf(http.ds, 'staf.teknis.5271');
    const user = await call('admin', 'GET', `/api/admin/users/${userId}`);
    const moved = await call('admin', 'PATCH', `/api/admin/users/${userId}`, { version: user.body.version, positionId: await positionIdOf(http.ds, '3201', 'STAF-TPH') });
    expect(moved.body.office.code).toBe('3201');
    const after = await call('', 'GET', `/api/distribution-lists/${list.body.id}`, undefined, oldToken);
    expect([401, 404]).toContain(after.status);
  });

  it('signing an already-signed letter answers the signer’s right password exactly as a wrong one (no password oracle)', async () => {
    const { letterId } = await insertSignedLetterFixture(http.ds, { office: '5271', subject: 'Sudah ditandatangani', to: [{ office: '52' }] });
    const right = await call('sekretaris.5271', 'POST', `/api/letters/${letterId}/sign`, { password: 'Naskah#2026' });
    const wrong = await call('sekretaris.5271', 'POST', `/api/letters/${letterId}/sign`, { password: 'bukan-kata-sandinya' });
    expect([right.status, right.body.code]).toEqual([wrong.status, wrong.body.code]);
  });

  it('READY_TO_SEND of a Rahasia letter goes only to people who may open it', async () => {
    const created = await call('kabag.umum.52', 'POST', '/api/letters', {
      typeCode: 'SD', subject: 'Rahasia siap dikirim', body: 'Isi rahasia', securityClass: 'R', urgency: 'BIASA', classificationCode: 'PY.01.1',
      recipients: [{ kind: 'TO', officeId: (await http.ds.query("SELECT id FROM offices WHERE code = '5271'"))[0].id }],
      reviewerPositionIds: [await positionIdOf(http.ds, '52', 'SEKRETARIS')], signerPositionId: await positionIdOf(http.ds, '52', 'KETUA'),
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await call('kabag.umum.52', 'POST', `/api/letters/${id}/submit`)).status).toBeLessThan(300);
    expect((await call('sekretaris.52', 'POST', `/api/letters/${id}/review`, { decision: 'APPROVE' })).status).toBeLessThan(300);
    expect((await call('ketua.52', 'POST', `/api/letters/${id}/sign`, { password: 'Naskah#2026' })).status).toBeLessThan(300);
    const notified: { username: string }[] = await eventually(async () => {
      const rows = await http.ds.query(
        "SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.type = 'READY_TO_SEND' AND JSON_VALUE(n.payload, '$.letterId') = ?",
        [id],
      );
      return rows.length ? rows : undefined;
    }, 'READY_TO_SEND', 30_000);
    for (const { username } of notified) {
      expect({ username, status: (await call(username, 'GET', `/api/letters/${id}`)).status }).toEqual({ username, status: 200 });
    }
  });

  it('a legal hold naming a dossier the office does not have is refused naming it, not put in force over nothing', async () => {
    const [other] = await http.ds.query("SELECT d.id FROM dossiers d JOIN offices o ON o.id = d.office_id WHERE o.code <> '5204' ORDER BY d.id LIMIT 1");
    const ids = ['999999999', ...(other ? [String(other.id)] : [])];
    const hold = await call('arsiparis.5204', 'POST', '/api/records/holds', { caseName: 'Pemeriksaan uji', reason: 'uji', scope: { dossierIds: ids } });
    expect(hold.status).toBeGreaterThanOrEqual(400);
    expect(hold.status).toBeLessThan(500);
    expect(JSON.stringify(hold.body)).toContain('999999999');
  });

  it('a registrar cannot send a Rahasia letter they may not open (404, nothing sent)', async () => {
    const { letterId } = await insertSignedLetterFixture(http.ds, { office: '52', subject: 'Rahasia untuk dikirim', securityClass: 'R', to: [{ office: '5271' }] });
    const res = await call('pencatat.52', 'POST', `/api/letters/${letterId}/send`);
    expect(res.status).toBe(404);
    expect((await http.ds.query('SELECT COUNT(*) AS n FROM transmissions WHERE letter_id = ?', [letterId]))[0].n).toBe('0');
  });

  it('a 404 for an unknown route never echoes its query string', async () => {
    const res = await http.request('GET', '/api/tidak-ada?access_token=rahasia-sekali');
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain('rahasia-sekali');
  });

  it('a number template with {seq} twice or an invisible character is refused (422 / 400 naming template)', async () => {
    const officeId = Number((await http.ds.query("SELECT id FROM offices WHERE code = '5204'"))[0].id);
    const twice = await call('admin', 'PUT', '/api/admin/number-templates', { officeId, typeCode: 'ND', template: '{seq}/{seq}/{year}', counterScope: ['office', 'type', 'year'], reason: 'uji ganda' });
    expect([twice.status, twice.body.code]).toEqual([422, 'NUMBER_TEMPLATE_INVALID']);
    const zw = await call('admin', 'PUT', '/api/admin/number-templates', { officeId, typeCode: 'ND', template: '{seq}/\u200bND/{year}', counterScope: ['office', 'type', 'year'], reason: 'uji tak terlihat' });
    expect(zw.status).toBe(400);
    expect(zw.body.details.fields.map((f: { field: string }) => f.field)).toContain('template');
  });
});

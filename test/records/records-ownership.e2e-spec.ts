import { FilesService } from '@naskah/storage';
import { deliveriesOnceDispatched } from '../../libs/testing/src/letters-fixture';
import { letterWithFiles, openProposalOf, RecordsEnv, startRecordsEnv, unitIdOf, waitProposal } from './records-support';

/**
 * Issue 10, item 1: each office's copy of a letter is its own record under its own retention.
 * Destroying one office's dossier ends that office's holding only; the sender and every other
 * recipient keep reading the letter, its signed PDF and attachments. The shared bytes go when the
 * last office holding the letter destroys its copy; every office keeps its own tombstone.
 */
describe('records ownership: destroying one office’s copy never destroys another’s', () => {
  let env: RecordsEnv;
  beforeAll(async () => {
    env = await startRecordsEnv();
  });
  afterAll(() => env.close());

  /** The people of each office in this test (demo accounts). */
  const people = (code: string) =>
    code === '52'
      ? { archivist: 'arsiparis.52', centreHead: 'kabag.umum.52', committee: 'sekretaris.52', leader: 'ketua.52', reader: 'sekretaris.52' }
      : code === 'RI'
        ? { archivist: 'arsiparis.ri', centreHead: 'karo.umum.ri', committee: 'sekjen.ri', leader: 'ketua.ri', reader: 'sekjen.ri' }
        : { archivist: `arsiparis.${code}`, centreHead: `kasubbag.umum.${code}`, committee: `sekretaris.${code}`, leader: `ketua.${code}`, reader: `sekretaris.${code}` };

  const as = async (username: string, method: string, url: string, body?: unknown) => env.http.request(method, url, { token: await env.token(username), body });

  /** A dossier under TU.05.1 (2 + 8 years, MUSNAH) at the office, holding the given letters (by letterId for own letters, deliveryId for received ones), closed now. */
  async function closedDossier(code: string, title: string, items: ({ letterId: string } | { deliveryId: string })[]): Promise<string> {
    const who = people(code);
    const unitId = await unitIdOf(env.ds, code, code === 'RI' ? 'BKU' : 'KUL');
    const created = await as(who.archivist, 'POST', '/api/records/dossiers', { unitId, classificationCode: 'TU.05.1', title, periodStart: '2026-01-01' });
    expect(created.status).toBe(201);
    for (const item of items) {
      const filed = await as(who.archivist, 'POST', `/api/records/dossiers/${created.body.id}/items`, item);
      expect(filed.status).toBe(201);
    }
    expect((await as(who.archivist, 'POST', `/api/records/dossiers/${created.body.id}/close`, {})).status).toBe(200);
    return created.body.id;
  }

  /**
   * Takes the dossier through one proposal: the one the office's sweep made for it if any, else one
   * assembled by hand holding exactly this dossier (other suites share the database and may sweep
   * nationally); submit, every approval step in order, execution. Returns the dossier afterwards.
   */
  async function executeProposal(code: string, dossierId: string, kind: 'TRANSFER' | 'DESTROY'): Promise<any> {
    const who = people(code);
    let proposal = await openProposalOf(env, dossierId, who.archivist);
    if (!proposal) {
      const created = await as(who.archivist, 'POST', '/api/records/proposals', { kind, dossierIds: [dossierId] });
      expect(created.status).toBe(201);
      proposal = created.body;
    }
    expect(proposal).toMatchObject({ kind, status: 'DRAFT' });
    const id = proposal!.id;
    expect((await as(who.archivist, 'POST', `/api/records/proposals/${id}/submit`, {})).status).toBe(200);
    const stepUser = { RECORDS_CENTRE_HEAD: who.centreHead, APPRAISAL_COMMITTEE: who.committee, OFFICE_LEADER: who.leader } as Record<string, string>;
    for (;;) {
      const p = (await as(who.archivist, 'GET', `/api/records/proposals/${id}`)).body;
      if (!p.nextStep) break;
      const decided = await as(stepUser[p.nextStep], 'POST', `/api/records/proposals/${id}/approvals`, { decision: 'APPROVED' });
      expect(decided.status).toBe(201);
    }
    if (kind === 'TRANSFER') {
      expect((await as(who.archivist, 'POST', `/api/records/proposals/${id}/execute`, { location: 'Depo arsip inaktif' })).body.status).toBe('EXECUTED');
    } else {
      expect((await as(who.archivist, 'POST', `/api/records/proposals/${id}/execute`, {})).status).toBe(202);
      await waitProposal(env, id, 'EXECUTED', who.archivist);
    }
    const after = (await as(who.archivist, 'GET', `/api/records/dossiers/${dossierId}`)).body;
    expect(after.status).toBe(kind === 'TRANSFER' ? 'INACTIVE' : 'DESTROYED');
    return after;
  }

  /** What a person of the office meets when they open the letter and its signed PDF. */
  async function opens(username: string, letterId: string): Promise<{ letter: number; pdf: number; body: string | null; code?: string }> {
    const letter = await as(username, 'GET', `/api/letters/${letterId}`);
    const pdf = await env.http.app.inject({ method: 'GET', url: `/api/letters/${letterId}/pdf`, headers: { authorization: `Bearer ${await env.token(username)}` } });
    return { letter: letter.status, pdf: pdf.statusCode, body: letter.body?.body ?? null, code: letter.body?.code };
  }

  async function bytesReadable(fileIds: string[]): Promise<boolean[]> {
    const files = env.http.app.get(FilesService);
    return Promise.all(fileIds.map((id) => files.read(id).then(() => true, () => false)));
  }

  async function send(username: string, letterId: string): Promise<Record<string, any>[]> {
    expect((await as(username, 'POST', `/api/letters/${letterId}/send`)).status).toBe(201);
    return deliveriesOnceDispatched(env.ds, letterId);
  }

  // The issue saw it between KPU Provinsi NTB and KPU Kota Mataram; other records suites sweep those
  // offices in the same database, so this one uses KPU RI and KPU Kabupaten Bogor (3201): the rule is the same.
  it('KPU RI → Kab. Bogor: each side destroys its own copy; the other keeps reading; the last one removes the bytes and both keep their tombstones', async () => {
    env.at(0);
    // A letter KPU RI sends to KPU Kabupaten Bogor (signed PDF + attachment)
    const riToBogor = await letterWithFiles(env, { office: 'RI', classification: 'TU.05.1', subject: 'Distribusi logistik ke Kabupaten Bogor', to: [{ office: '3201', position: 'KASUBBAG-KUL' }] });
    const [toBogor] = await send('staf.umum.ri', riToBogor.letterId);
    expect(await opens('kasubbag.umum.3201', riToBogor.letterId)).toMatchObject({ letter: 200, pdf: 200 });

    // Bogor files what it received, KPU RI files what it sent; both closed today under TU.05.1
    const bogorDossier = await closedDossier('3201', 'Logistik diterima dari KPU RI 2026', [{ deliveryId: String(toBogor.id) }]);
    const riDossier = await closedDossier('RI', 'Logistik dikirim ke kabupaten/kota 2026', [{ letterId: riToBogor.letterId }]);

    // two years on both transfer to the records centre; ten years on Bogor destroys first
    env.at(2, 2);
    await executeProposal('3201', bogorDossier, 'TRANSFER');
    await executeProposal('RI', riDossier, 'TRANSFER');
    env.at(10, 2);
    await executeProposal('3201', bogorDossier, 'DESTROY');

    // KPU RI, which sent the letter and still holds it, reads it, its PDF and its attachment
    expect(await opens('staf.umum.ri', riToBogor.letterId)).toMatchObject({ letter: 200, pdf: 200, body: 'Isi naskah (fixture)' });
    expect(await bytesReadable(riToBogor.fileIds)).toEqual([true, true]);
    // Bogor's copy is gone for Bogor: 410 naming the destruction, on the letter, its PDF and the delivery
    const bogor = await opens('kasubbag.umum.3201', riToBogor.letterId);
    expect(bogor).toMatchObject({ letter: 410, pdf: 410, code: 'RECORD_DESTROYED' });
    const delivery = await as('kasubbag.umum.3201', 'GET', `/api/deliveries/${toBogor.id}`);
    expect(delivery).toMatchObject({ status: 410, body: { code: 'RECORD_DESTROYED', details: { dossierId: bogorDossier } } });
    // Bogor's tombstone keeps the metadata; its manifest lists the files as kept for the other office
    const [mTomb] = await env.ds.query('SELECT metadata, manifest FROM records_tombstones WHERE dossier_id = ?', [bogorDossier]);
    const mManifest = typeof mTomb.manifest === 'string' ? JSON.parse(mTomb.manifest) : mTomb.manifest;
    expect(mManifest).toMatchObject({ blankedLetters: [], retained: [{ letterId: riToBogor.letterId, otherHolders: 1 }] });
    expect(mManifest.files.every((f: { destroyed: boolean }) => f.destroyed === false)).toBe(true);

    // then KPU RI, the last holder, destroys its copy: now the content and the bytes go
    await executeProposal('RI', riDossier, 'DESTROY');
    await env.http.app.get(FilesService).purgeDestroyed();
    expect(await bytesReadable(riToBogor.fileIds)).toEqual([false, false]);
    const [row] = await env.ds.query('SELECT body, summary, number, subject, content_destroyed_at FROM letters WHERE id = ?', [riToBogor.letterId]);
    expect(row).toMatchObject({ body: null, summary: null, subject: 'Distribusi logistik ke Kabupaten Bogor' });
    expect(row.content_destroyed_at).not.toBeNull();
    expect(await opens('staf.umum.ri', riToBogor.letterId)).toMatchObject({ letter: 410, code: 'RECORD_DESTROYED' });
    // both tombstones remain, each with its own office's metadata
    const tombs = await env.ds.query('SELECT dossier_id, metadata FROM records_tombstones WHERE dossier_id IN (?, ?) ORDER BY dossier_id', [bogorDossier, riDossier]);
    expect(tombs.map((t: { dossier_id: string }) => String(t.dossier_id)).sort()).toEqual([bogorDossier, riDossier].sort());
    for (const t of tombs) {
      const meta = typeof t.metadata === 'string' ? JSON.parse(t.metadata) : t.metadata;
      expect(meta.items).toEqual([expect.objectContaining({ letterId: riToBogor.letterId, subject: 'Distribusi logistik ke Kabupaten Bogor' })]);
    }
  });

  it('the sender destroying its sent letter leaves the recipient’s copy whole', async () => {
    env.at(0);
    const sent = await letterWithFiles(env, { office: 'RI', classification: 'TU.05.1', subject: 'Undangan rapat koordinasi arsip', to: [{ office: '3201', position: 'KASUBBAG-KUL' }] });
    const [toBogor] = await send('staf.umum.ri', sent.letterId);
    const riDossier = await closedDossier('RI', 'Undangan keluar 2026', [{ letterId: sent.letterId }]);
    env.at(2, 2);
    await executeProposal('RI', riDossier, 'TRANSFER');
    env.at(10, 2);
    await executeProposal('RI', riDossier, 'DESTROY');
    await env.http.app.get(FilesService).purgeDestroyed();

    expect(await opens('kasubbag.umum.3201', sent.letterId)).toMatchObject({ letter: 200, pdf: 200, body: 'Isi naskah (fixture)' });
    expect((await as('kasubbag.umum.3201', 'GET', `/api/deliveries/${toBogor.id}`)).status).toBe(200);
    expect(await bytesReadable(sent.fileIds)).toEqual([true, true]);
    expect(await opens('staf.umum.ri', sent.letterId)).toMatchObject({ letter: 410, code: 'RECORD_DESTROYED' });
  });

  it('a Kab/Kota destroying its copy of a KPU RI circular takes nothing from KPU RI or the other offices', async () => {
    env.at(0);
    const circular = await letterWithFiles(env, {
      office: 'RI', classification: 'TU.05.1', subject: 'Surat edaran tata kelola arsip',
      to: [{ office: '3201', position: 'KASUBBAG-KUL' }, { office: '5204', position: 'KASUBBAG-KUL' }, { office: '52', position: 'KABAG-KUL' }],
    });
    const deliveries = await send('staf.umum.ri', circular.letterId);
    expect(deliveries).toHaveLength(3);
    const [bogorOffice] = await env.ds.query("SELECT id FROM offices WHERE code = '3201'");
    const mine = deliveries.find((d) => Number(d.office_id) === Number(bogorOffice.id))!;
    const dossier = await closedDossier('3201', 'Edaran diterima 2026', [{ deliveryId: String(mine.id) }]);
    env.at(2, 2);
    await executeProposal('3201', dossier, 'TRANSFER');
    env.at(10, 2);
    await executeProposal('3201', dossier, 'DESTROY');
    await env.http.app.get(FilesService).purgeDestroyed();

    for (const reader of ['staf.umum.ri', 'kasubbag.umum.5204', 'kabag.umum.52']) {
      expect({ reader, ...(await opens(reader, circular.letterId)) }).toMatchObject({ reader, letter: 200, pdf: 200, body: 'Isi naskah (fixture)' });
    }
    expect(await bytesReadable(circular.fileIds)).toEqual([true, true]);
    expect(await opens('kasubbag.umum.3201', circular.letterId)).toMatchObject({ letter: 410, code: 'RECORD_DESTROYED' });
  });
});

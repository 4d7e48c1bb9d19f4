import { eventually, letterWithFiles, RecordsEnv, startRecordsEnv, unitIdOf } from '../records/records-support';
import { WORKLIST_COUNT_CAP } from '@naskah/correspondence';
import { RecordsQueuesQuery } from '@naskah/records';
import { arrivesOnce, countOf, expectCountIsList, notesAbout, walk } from './worklist-support';

const A = 'arsiparis.5204';
const HEAD = 'kasubbag.umum.5204';
const LEADER = 'ketua.5204';
const wib = (day: string) => new Date(`${day}T03:00:00Z`);

/**
 * Work queues of records (issue 12): "usulan menunggu persetujuan saya" follows the approval steps
 * (approval-requirements.ts), and "belum diberkaskan" is the office's archivist's, with the dossier
 * the filing screen would suggest. On a database of the suite's own (records suites move the clock).
 */
describe('work queues of records: proposals awaiting my step, records not yet filed', () => {
  let env: RecordsEnv;
  let dossierId: string;
  beforeAll(async () => {
    env = await startRecordsEnv();
  });
  afterAll(() => env.close());
  const queue = async (user: string, name: string, query = '') => walk(env.http, await env.token(user), name, query);

  it('"belum diberkaskan" is the archivist’s: a sent letter waits there with a suggested dossier and leaves once filed', async () => {
    env.clock.set(wib('2026-03-02'));
    const kul = await unitIdOf(env.ds, '5204', 'KUL');
    dossierId = String((await env.req('POST', '/api/records/dossiers', A, { unitId: kul, classificationCode: 'TU.01.1', title: 'Buku agenda 2026', periodStart: '2026-01-01' })).body.id);
    const { letterId } = await letterWithFiles(env, { office: '5204', classification: 'TU.01.1', subject: 'Laporan agenda surat', to: [{ office: '52', position: 'SEKRETARIS' }] });
    expect((await env.req('POST', `/api/letters/${letterId}/send`, 'kasubbag.umum.5204')).status).toBe(201);

    const [item] = (await queue(A, 'unfiled')).filter((i) => i.letterId === letterId);
    expect(item).toMatchObject({ kind: 'LETTER', recordKind: 'OUTGOING', subject: 'Laporan agenda surat', suggestion: { dossierId, classificationCode: 'TU.01.1', reason: 'kode klasifikasi sama, unit kerja sama' } });
    await expectCountIsList(env.http, await env.token(A), 'unfiled');
    // not a queue of someone who is not the office's archivist
    expect(await countOf(env.http, await env.token(HEAD), 'unfiled')).toMatchObject({ applies: false, count: 0 });
    expect(await queue(HEAD, 'unfiled')).toEqual([]);
    expect(await countOf(env.http, await env.token('arsiparis.52'), 'unfiled')).toMatchObject({ applies: true });
    expect((await queue('arsiparis.52', 'unfiled')).map((i) => i.letterId)).toContain(letterId); // received at the Provinsi: its own record there

    expect((await env.req('POST', `/api/records/dossiers/${dossierId}/items`, A, { letterId })).status).toBe(201);
    expect((await queue(A, 'unfiled')).filter((i) => i.letterId === letterId)).toEqual([]);
    expect((await queue('arsiparis.52', 'unfiled')).map((i) => i.letterId)).toContain(letterId); // filing at one office changes nothing at another
    await expectCountIsList(env.http, await env.token(A), 'unfiled');
  });

  it('"belum diberkaskan" is counted no further than the cap, sent and received records alike: past it the counter says "more than"', async () => {
    const sent: string[] = [];
    for (const subject of ['Laporan logistik pemilu', 'Laporan anggaran pemilu']) {
      const { letterId } = await letterWithFiles(env, { office: '5204', classification: 'TU.01.1', subject, to: [{ office: '52', position: 'SEKRETARIS' }] });
      expect((await env.req('POST', `/api/letters/${letterId}/send`, 'kasubbag.umum.5204')).status).toBe(201);
      sent.push(letterId);
    }
    // delivered at NTB (the dispatch runs on the worker)
    await eventually(async () => ((await queue('arsiparis.52', 'unfiled')).filter((i) => sent.includes(String(i.letterId))).length === 2 ? true : undefined), 'both letters received at NTB');
    const unfiled = env.http.app.get(RecordsQueuesQuery);
    for (const archivist of [A, 'arsiparis.52']) { // Sumbawa's sent letters, NTB's received ones
      const token = await env.token(archivist);
      const items = await expectCountIsList(env.http, token, 'unfiled');
      expect(items.length).toBeGreaterThanOrEqual(2);
      expect(await countOf(env.http, token, 'unfiled')).toMatchObject({ count: items.length, capped: false });
      try {
        unfiled.countCap = items.length - 1;
        expect(await countOf(env.http, token, 'unfiled')).toMatchObject({ count: items.length - 1, capped: true });
        unfiled.countCap = items.length;
        expect(await countOf(env.http, token, 'unfiled')).toMatchObject({ count: items.length, capped: false });
      } finally {
        unfiled.countCap = WORKLIST_COUNT_CAP;
      }
      expect(await walk(env.http, token, 'unfiled')).toHaveLength(items.length); // the list pages through them all
    }
  });

  it('a destruction list waits for the records centre head, then the office leader — each told once, each item leaving when decided', async () => {
    expect((await env.req('POST', `/api/records/dossiers/${dossierId}/close`, A, {})).body.activeUntil).toBe('2027-03-02');
    env.clock.set(wib('2027-03-10'));
    const transfer = (await env.req('POST', '/api/records/proposals', A, { kind: 'TRANSFER', dossierIds: [dossierId], title: 'Pindah agenda 2026' })).body;
    expect(await queue(HEAD, 'proposals')).toEqual([]); // a draft waits for nobody
    expect((await env.req('POST', `/api/records/proposals/${transfer.id}/submit`, A, {})).body.status).toBe('SUBMITTED');
    expect((await queue(HEAD, 'proposals')).map((i) => i.id)).toEqual([transfer.id]);
    expect(await queue(LEADER, 'proposals')).toEqual([]); // a transfer needs the records centre head only
    const t = await arrivesOnce(env.ds, HEAD, 'PROPOSAL_APPROVAL_REQUESTED', 'proposalId', transfer.id);
    expect(t.payload.title).toBe('Usulan menunggu persetujuan Anda: usul pindah "Pindah agenda 2026"');
    expect((await env.req('POST', `/api/records/proposals/${transfer.id}/approvals`, HEAD, { decision: 'APPROVED' })).status).toBe(201);
    expect(await queue(HEAD, 'proposals')).toEqual([]);
    expect((await env.req('POST', `/api/records/proposals/${transfer.id}/execute`, A, { location: 'Depo arsip inaktif' })).body.status).toBe('EXECUTED');

    env.clock.set(wib('2029-03-10'));
    const destroy = (await env.req('POST', '/api/records/proposals', A, { kind: 'DESTROY', dossierIds: [dossierId] })).body;
    expect((await env.req('POST', `/api/records/proposals/${destroy.id}/submit`, A, {})).body.status).toBe('SUBMITTED');
    const [first] = await queue(HEAD, 'proposals');
    expect(first).toMatchObject({ id: destroy.id, kind: 'PROPOSAL', proposalKind: 'DESTROY', approvalStep: 'RECORDS_CENTRE_HEAD', itemCount: 1 });
    expect(await queue(LEADER, 'proposals')).toEqual([]); // not before the records centre head
    await expectCountIsList(env.http, await env.token(HEAD), 'proposals');
    expect((await arrivesOnce(env.ds, HEAD, 'PROPOSAL_APPROVAL_REQUESTED', 'proposalId', destroy.id)).payload.title).toBe(`Usulan menunggu persetujuan Anda: usul musnah #${destroy.id}`);
    expect(await notesAbout(env.ds, LEADER, 'PROPOSAL_APPROVAL_REQUESTED', 'proposalId', destroy.id)).toEqual([]);

    expect((await env.req('POST', `/api/records/proposals/${destroy.id}/approvals`, HEAD, { decision: 'APPROVED' })).status).toBe(201);
    expect(await queue(HEAD, 'proposals')).toEqual([]);
    expect((await queue(LEADER, 'proposals')).map((i) => i.approvalStep)).toEqual(['OFFICE_LEADER']);
    await expectCountIsList(env.http, await env.token(LEADER), 'proposals');
    const n = await arrivesOnce(env.ds, LEADER, 'PROPOSAL_APPROVAL_REQUESTED', 'proposalId', destroy.id);
    expect(n.read_at).toBeNull();
    // opening the proposal reads its notification
    expect((await env.req('GET', `/api/records/proposals/${destroy.id}`, LEADER)).status).toBe(200);
    expect((await notesAbout(env.ds, LEADER, 'PROPOSAL_APPROVAL_REQUESTED', 'proposalId', destroy.id))[0].read_at).not.toBeNull();
    expect((await env.req('POST', `/api/records/proposals/${destroy.id}/approvals`, LEADER, { decision: 'APPROVED' })).status).toBe(201);
    expect(await queue(LEADER, 'proposals')).toEqual([]);
    expect(await notesAbout(env.ds, HEAD, 'PROPOSAL_APPROVAL_REQUESTED', 'proposalId', destroy.id)).toHaveLength(1);
  });
});

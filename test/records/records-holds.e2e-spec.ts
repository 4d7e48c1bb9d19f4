import { countRows } from '@naskah/testing';
import { ApplyHoldJob, DestructionJob, SweepService } from '@naskah/records';
import { StoragePort } from '@naskah/storage';
import { eventually, letterWithFiles, openProposalOf, RecordsEnv, snapshot, startRecordsEnv, sweep, unitIdOf, waitProposal } from './records-support';

const A = 'arsiparis.5271';
const HEAD = 'kasubbag.umum.5271';
const LEADER = 'ketua.5271';

/** Done when: a hold placed while a destruction job runs keeps its dossiers intact. Holds block destruction (409) until lifted by a leader. */
describe('records: holds against destruction', () => {
  let env: RecordsEnv;
  beforeAll(async () => {
    env = await startRecordsEnv();
  });
  afterAll(async () => {
    DestructionJob.batchSize = 50;
    DestructionJob.beforeBatch = null;
    DestructionJob.beforeCommit = null;
    SweepService.afterRead = null;
    await env.close();
  });

  /** n dossiers under PR (2 + 3 years, MUSNAH) at Kota Mataram, each with one letter and its files, taken to INACTIVE and proposed for destruction. */
  async function inactiveDossiers(n: number, title: string): Promise<{ ids: string[]; letters: { letterId: string; fileIds: string[] }[] }> {
    env.at(0);
    const kul = await unitIdOf(env.ds, '5271', 'KUL');
    const ids: string[] = [];
    const letters = [];
    for (let i = 0; i < n; i++) {
      const d = await env.req('POST', '/api/records/dossiers', A, { unitId: kul, classificationCode: 'PR', title: `${title} ${i + 1}`, periodStart: '2026-01-01' });
      const letter = await letterWithFiles(env, { office: '5271', classification: 'PR', subject: `${title} surat ${i + 1}` });
      expect((await env.req('POST', `/api/records/dossiers/${d.body.id}/items`, A, { letterId: letter.letterId })).status).toBe(201);
      expect((await env.req('POST', `/api/records/dossiers/${d.body.id}/close`, A, {})).status).toBe(200);
      ids.push(d.body.id);
      letters.push(letter);
    }
    env.at(2, 2);
    await sweep(env, A);
    const T = (await openProposalOf(env, ids[0], A))!.id;
    await env.req('POST', `/api/records/proposals/${T}/submit`, A, {});
    await env.req('POST', `/api/records/proposals/${T}/approvals`, HEAD, { decision: 'APPROVED' });
    expect((await env.req('POST', `/api/records/proposals/${T}/execute`, A, { location: 'Depo Mataram' })).body.status).toBe('EXECUTED');
    env.at(5, 3);
    return { ids, letters };
  }

  async function approvedDestruction(ids: string[]): Promise<string> {
    const created = await env.req('POST', '/api/records/proposals', A, { kind: 'DESTROY', dossierIds: ids });
    expect(created.status).toBe(201);
    const D = created.body.id;
    await env.req('POST', `/api/records/proposals/${D}/submit`, A, {});
    expect((await env.req('GET', `/api/records/proposals/${D}`, A)).body.requiredSteps).toEqual(['RECORDS_CENTRE_HEAD', 'OFFICE_LEADER']);
    await env.req('POST', `/api/records/proposals/${D}/approvals`, HEAD, { decision: 'APPROVED' });
    expect((await env.req('POST', `/api/records/proposals/${D}/approvals`, LEADER, { decision: 'APPROVED' })).body.status).toBe('APPROVED');
    return D;
  }

  it('a hold placed while the destruction job runs keeps every dossier not yet destroyed intact', async () => {
    const { ids, letters } = await inactiveDossiers(6, 'Rapat rutin');
    const D = await approvedDestruction(ids);

    let reached!: () => void;
    const atSecondBatch = new Promise<void>((r) => (reached = r));
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    DestructionJob.batchSize = 2;
    DestructionJob.beforeBatch = async (index, proposalId) => {
      if (proposalId !== D || index !== 1) return;
      reached();
      await released;
    };
    expect((await env.req('POST', `/api/records/proposals/${D}/execute`, A, {})).status).toBe(202);
    await atSecondBatch;
    expect(await countRows(env.ds, 'dossiers', `id IN (${ids.join(',')}) AND status = 'DESTROYED'`)).toBe(2);

    // the hold is placed (committed) while the job is paused between batches; its apply job has not necessarily run yet
    const hold = await env.req('POST', '/api/records/holds', A, { caseName: 'Pemeriksaan BPK 2031', reason: 'Permintaan dokumen rapat oleh auditor', scope: { classificationCode: 'PR' } });
    expect(hold.status).toBe(201);
    release();
    const done = await waitProposal(env, D, 'EXECUTED', A);
    DestructionJob.beforeBatch = null;

    const intact = ids.slice(2);
    expect(done.execution.destroyed).toBe(2);
    expect(done.execution.skippedHeld).toEqual(intact);
    expect(done.items.filter((i: { outcome: string }) => i.outcome === 'SKIPPED_HELD').map((i: { dossierId: string }) => i.dossierId)).toEqual(intact);
    for (const [i, id] of ids.entries()) {
      const d = (await env.req('GET', `/api/records/dossiers/${id}`, A)).body;
      const [letter] = await env.ds.query('SELECT body FROM letters WHERE id = ?', [letters[i].letterId]);
      if (i < 2) {
        expect(d.status).toBe('DESTROYED');
        expect(letter.body).toBeNull();
      } else {
        expect(d).toMatchObject({ status: 'INACTIVE', openProposal: null });
        expect(letter.body).not.toBeNull();
        for (const f of letters[i].fileIds) await expect(env.files.read(f)).resolves.toBeDefined();
      }
    }
    expect(await countRows(env.ds, 'records_tombstones', `dossier_id IN (${ids.join(',')})`)).toBe(2);

    // the apply job freezes the dossiers still there, not the destroyed ones
    const applied = await eventually(async () => {
      const h = (await env.req('GET', `/api/records/holds/${hold.body.id}`, A)).body;
      return h.status === 'IN_FORCE' ? h : undefined;
    }, 'hold applied');
    expect(applied.assignedDossiers).toBe(4);
    expect((await env.req('GET', `/api/records/dossiers/${intact[0]}`, A)).body).toMatchObject({ holdCount: 1, holds: [{ caseName: 'Pemeriksaan BPK 2031' }] });

    // while held: the sweep does not propose them, a destruction list refuses them (409), nothing changes
    await sweep(env, A);
    expect(await openProposalOf(env, intact[0], A)).toBeNull();
    const proposalsBefore = await countRows(env.ds, 'records_proposals');
    const refused = await env.req('POST', '/api/records/proposals', A, { kind: 'DESTROY', dossierIds: intact });
    expect(refused).toMatchObject({ status: 409, body: { code: 'DOSSIER_HELD', details: { dossierIds: intact } } });
    expect(await countRows(env.ds, 'records_proposals')).toBe(proposalsBefore);

    // only a leader lifts it; then the sweep proposes them again
    expect((await env.req('POST', `/api/records/holds/${hold.body.id}/lift`, A, { reason: 'Pemeriksaan selesai' })).status).toBe(403);
    expect((await env.req('POST', `/api/records/holds/${hold.body.id}/lift`, LEADER, { reason: 'Pemeriksaan selesai' })).body).toMatchObject({ status: 'LIFTED' });
    expect(await countRows(env.ds, 'dossiers', `id IN (${intact.join(',')}) AND hold_count = 0`)).toBe(4);
    await sweep(env, A);
    expect(await openProposalOf(env, intact[0], A)).toMatchObject({ kind: 'DESTROY', status: 'DRAFT' });
  });

  it('refuses to execute a destruction whose dossier became held after approval (409), changing nothing', async () => {
    ApplyHoldJob.batchSize = 1;
    const { ids } = await inactiveDossiers(2, 'Undangan');
    const D = await approvedDestruction(ids);
    const preview = await env.req('POST', '/api/records/holds/preview', A, { scope: { dossierIds: [ids[1]] } });
    expect(preview.body).toMatchObject({ count: 1, sample: [expect.objectContaining({ id: ids[1] })] });
    const emptyScope = await env.req('POST', '/api/records/holds', A, { caseName: 'Tanpa lingkup', reason: 'x x x', scope: {} });
    expect(emptyScope).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    const hold = await env.req('POST', '/api/records/holds', LEADER, { caseName: 'Sengketa hasil', reason: 'Gugatan di PTUN', scope: { dossierIds: [ids[1]] } });
    expect(hold.status).toBe(201);
    const before = await snapshot(env.ds, `SELECT id, status, version FROM dossiers WHERE id IN (${ids.join(',')}) ORDER BY id`);
    const refused = await env.req('POST', `/api/records/proposals/${D}/execute`, A, {});
    expect(refused).toMatchObject({ status: 409, body: { code: 'DOSSIER_HELD', details: { dossierIds: [ids[1]] } } });
    expect((await env.req('GET', `/api/records/proposals/${D}`, A)).body.status).toBe('APPROVED');
    expect(await snapshot(env.ds, `SELECT id, status, version FROM dossiers WHERE id IN (${ids.join(',')}) ORDER BY id`)).toBe(before);
    expect(await countRows(env.ds, 'outbox', "job_name = 'records-destroy' AND job_id = ?", [`records-destroy_${D}`])).toBe(0);
    // another office's archivist sees neither the hold nor the proposal
    expect((await env.req('GET', `/api/records/holds/${hold.body.id}`, 'arsiparis.5204')).status).toBe(404);
    expect((await env.req('GET', `/api/records/proposals/${D}`, 'arsiparis.5204')).status).toBe(404);
    ApplyHoldJob.batchSize = 1000;
  });
  it('a destruction batch that rolls back destroys nothing: file bytes stay until the batch has committed, then are purged', async () => {
    DestructionJob.batchSize = 50; // both dossiers in one batch
    const { ids, letters } = await inactiveDossiers(2, 'Notulen');
    const D = await approvedDestruction(ids);
    const storage = env.http.app.get(StoragePort);
    const fileIds = letters.flatMap((l) => l.fileIds);
    const keys = await Promise.all(fileIds.map(async (f) => (await env.files.find(f)).storageKey));

    let attempts = 0;
    let reached!: () => void;
    const inFirstBatch = new Promise<void>((r) => (reached = r));
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    DestructionJob.beforeCommit = async (_index, proposalId) => {
      if (proposalId !== D || ++attempts > 1) return;
      reached();
      await released;
      throw new Error('simulated crash before the batch commits');
    };
    expect((await env.req('POST', `/api/records/proposals/${D}/execute`, A, {})).status).toBe(202);
    await inFirstBatch;
    // the batch has blanked the letters and marked the files inside its open transaction: the bytes are all still there
    const present = await Promise.all(keys.map((k) => storage.exists(k)));
    release(); // before asserting, so a failure cannot leave the job hanging
    expect(present).toEqual(keys.map(() => true));

    // BullMQ retries the failed job; the second attempt commits, then the bytes go
    const done = await waitProposal(env, D, 'EXECUTED', A);
    DestructionJob.beforeCommit = null;
    expect(attempts).toBe(2);
    expect(done.execution.destroyed).toBe(2);
    for (const k of keys) expect(await storage.exists(k)).toBe(false);
    const rows = await env.ds.query(`SELECT deleted_at, purged_at FROM files WHERE id IN (${fileIds.join(',')})`);
    expect(rows).toHaveLength(fileIds.length);
    for (const r of rows) expect(r.deleted_at && r.purged_at).toBeTruthy();
    for (const f of fileIds) await expect(env.files.read(f)).rejects.toMatchObject({ code: 'FILE_DESTROYED' });
  });

  it('never proposes from stale data: a dossier held between the sweep’s read and its update is left out', async () => {
    const { ids } = await inactiveDossiers(2, 'Surat edaran');
    let calls = 0;
    SweepService.afterRead = async (picked, locking) => {
      calls++;
      if (!locking && picked.includes(ids[0])) await env.ds.query('UPDATE dossiers SET hold_count = hold_count + 1 WHERE id = ?', [ids[0]]);
    };
    await sweep(env, A);
    SweepService.afterRead = null;
    expect(calls).toBeGreaterThanOrEqual(2); // the optimistic attempt, then the locking one
    expect(await openProposalOf(env, ids[0], A)).toBeNull();
    expect(await openProposalOf(env, ids[1], A)).toMatchObject({ kind: 'DESTROY' });
    await env.ds.query('UPDATE dossiers SET hold_count = 0 WHERE id = ?', [ids[0]]);
  });
});

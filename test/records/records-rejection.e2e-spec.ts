import { AuditService } from '@naskah/audit';
import { openProposalOf, RecordsEnv, snapshot, startRecordsEnv, sweep, unitIdOf } from './records-support';

const A = 'arsiparis.5204';
const HEAD = 'kasubbag.umum.5204';
/** 10:00 WIB on the given day. */
const wib = (day: string) => new Date(`${day}T03:00:00Z`);

/**
 * Issue 11, item 19: a transfer list rejected as "masih dipakai" is not proposed again by the very
 * next sweep; the rejecting approver sets the day before which it is not proposed again (one year
 * by default, after today, at most ten years ahead), and the dossier shows it.
 */
describe('records: a rejected proposal stays out of the sweep until the day the approver chose', () => {
  let env: RecordsEnv;
  beforeAll(async () => {
    env = await startRecordsEnv();
  });
  afterAll(() => env.close());

  async function submittedTransferOf(dossierId: string): Promise<string> {
    await sweep(env);
    const p = (await openProposalOf(env, dossierId, A))!;
    expect(p).toMatchObject({ kind: 'TRANSFER', status: 'DRAFT' });
    expect((await env.req('POST', `/api/records/proposals/${p.id}/submit`, A, {})).body.status).toBe('SUBMITTED');
    return p.id;
  }

  it('keeps the dossier out for a year by default, shows it, and proposes it again on that day', async () => {
    env.clock.set(wib('2026-03-02'));
    const kul = await unitIdOf(env.ds, '5204', 'KUL');
    const d = (await env.req('POST', '/api/records/dossiers', A, { unitId: kul, classificationCode: 'TU.05.1', title: 'Pengadaan ATK 2026', periodStart: '2026-01-01' })).body;
    expect((await env.req('POST', `/api/records/dossiers/${d.id}/close`, A, {})).body.activeUntil).toBe('2028-03-02');

    env.clock.set(wib('2028-03-10'));
    const first = await submittedTransferOf(d.id);

    // a bad notBefore: 400 naming it, nothing changes
    const before = await snapshot(env.ds, 'SELECT d.*, p.status FROM dossiers d JOIN records_proposals p ON p.id = ? WHERE d.id = ?', [first, d.id]);
    for (const body of [
      { decision: 'REJECTED', notBefore: '2028-03-10' }, // not after today
      { decision: 'REJECTED', notBefore: '2038-03-11' }, // more than ten years ahead
      { decision: 'REJECTED', notBefore: '2029-02-29' }, // no such day
      { decision: 'APPROVED', notBefore: '2029-03-10' }, // only for a rejection
    ]) {
      const res = await env.req('POST', `/api/records/proposals/${first}/approvals`, HEAD, body);
      expect({ body, status: res.status, fields: res.body.details?.fields?.map((f: { field: string }) => f.field) }).toEqual({ body, status: 400, fields: ['notBefore'] });
    }
    expect(await snapshot(env.ds, 'SELECT d.*, p.status FROM dossiers d JOIN records_proposals p ON p.id = ? WHERE d.id = ?', [first, d.id])).toBe(before);

    expect((await env.req('POST', `/api/records/proposals/${first}/approvals`, HEAD, { decision: 'REJECTED', note: 'Masih dipakai' })).body.status).toBe('REJECTED');
    const shown = (await env.req('GET', `/api/records/dossiers/${d.id}`, A)).body;
    expect(shown).toMatchObject({
      status: 'CLOSED', openProposal: null, notProposedBefore: '2029-03-10',
      rejection: { proposalId: first, kind: 'TRANSFER', rejectedOn: '2028-03-10', notBefore: '2029-03-10', note: 'Masih dipakai', inForce: true, text: 'ditolak pada 2028-03-10, tidak diusulkan lagi sebelum 2029-03-10' },
    });
    const [audit] = (await env.http.app.get(AuditService).history('records_proposal', first)).filter((e) => e.action === 'PROPOSAL_REJECTED');
    expect(audit.after).toMatchObject({ decision: 'REJECTED', note: 'Masih dipakai', notBefore: '2029-03-10' });

    // the very next sweep, and one the day before, leave it alone — also after a re-appraisal changed its dates meanwhile
    await sweep(env);
    expect(await openProposalOf(env, d.id, A)).toBeNull();
    expect((await env.req('POST', `/api/records/dossiers/${d.id}/reappraisals`, 'sekretaris.5204', { decision: 'EXTEND', extraYears: 1, reason: 'Masih dirujuk' })).body.after).toMatchObject({ activeUntil: '2028-03-02', inactiveUntil: '2037-03-02' });
    await sweep(env);
    expect(await openProposalOf(env, d.id, A)).toBeNull();
    env.clock.set(wib('2029-03-09'));
    await sweep(env);
    expect(await openProposalOf(env, d.id, A)).toBeNull();
    // on the day: proposed again
    env.clock.set(wib('2029-03-10'));
    const second = await submittedTransferOf(d.id);
    expect(second).not.toBe(first);

    // the approver chooses a shorter pause this time
    await env.req('POST', `/api/records/proposals/${second}/approvals`, HEAD, { decision: 'REJECTED', note: 'Masih dipakai sampai audit selesai', notBefore: '2029-06-01' });
    expect((await env.req('GET', `/api/records/dossiers/${d.id}`, A)).body.rejection).toMatchObject({ proposalId: second, rejectedOn: '2029-03-10', notBefore: '2029-06-01' });
    env.clock.set(wib('2029-05-31'));
    await sweep(env);
    expect(await openProposalOf(env, d.id, A)).toBeNull();
    env.clock.set(wib('2029-06-01'));
    await sweep(env);
    expect(await openProposalOf(env, d.id, A)).toMatchObject({ kind: 'TRANSFER' });
    expect((await env.req('GET', `/api/records/dossiers/${d.id}`, A)).body.rejection).toMatchObject({ inForce: false });
  });
});

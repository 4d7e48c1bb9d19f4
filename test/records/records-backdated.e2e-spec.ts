import { countRows } from '@naskah/testing';
import { openProposalOf, RecordsEnv, snapshot, startRecordsEnv, sweep, unitIdOf } from './records-support';

const A = 'arsiparis.5204';

/**
 * Issue 11, item 18: records of earlier elections entered now are closed on the day they really
 * closed (with a reason, audited, never after today, the period end counts), and the sweep
 * proposes at once what is already due. Today is 2026-03-02 (records-support BASE).
 */
describe('records: a dossier of an earlier election closed on its real (past) date', () => {
  let env: RecordsEnv;
  let kul: number;
  beforeAll(async () => {
    env = await startRecordsEnv();
    kul = await unitIdOf(env.ds, '5204', 'KUL');
  });
  afterAll(() => env.close());

  const create = async (body: Record<string, unknown>) => (await env.req('POST', '/api/records/dossiers', A, { unitId: kul, ...body })).body;

  it('refuses a bad closing date or a missing reason (4xx naming the field) and changes nothing', async () => {
    const d = await create({ classificationCode: 'TU.05.1', title: 'Pemindahan arsip Pemilu 2019', periodStart: '2019-01-01' });
    const ended = await create({ classificationCode: 'PP.05', title: 'Rapat koordinasi Pilkada 2020', periodStart: '2020-01-01', periodEnd: '2020-12-09' });
    const before = await snapshot(env.ds, 'SELECT * FROM dossiers WHERE id IN (?, ?)', [d.id, ended.id]);
    const audits = await countRows(env.ds, 'audit_events');
    const cases: [string, Record<string, unknown>, number, string, string][] = [
      [d.id, { closedOn: '2019-06-30' }, 400, 'CLOSE_REASON_REQUIRED', 'reason'],
      // blanks are no text at all (the input rule refuses them before the closing rule sees them)
      [d.id, { closedOn: '2019-06-30', reason: '   ' }, 400, 'VALIDATION_FAILED', 'reason'],
      [d.id, { closedOn: '2026-03-03', reason: 'Tanggal besok' }, 422, 'CLOSED_ON_IN_FUTURE', 'closedOn'],
      [d.id, { closedOn: '2019-02-29', reason: 'Bukan tanggal' }, 400, 'VALIDATION_FAILED', 'closedOn'],
      [d.id, { closedOn: '2018-12-31', reason: 'Sebelum periode' }, 422, 'CLOSED_ON_BEFORE_PERIOD', 'closedOn'],
      // the period end counts: the dossier still took records until 9 December 2020
      [ended.id, { closedOn: '2020-06-30', reason: 'Pilkada 2020' }, 422, 'CLOSED_ON_BEFORE_PERIOD_END', 'closedOn'],
    ];
    for (const [id, body, status, code, field] of cases) {
      const res = await env.req('POST', `/api/records/dossiers/${id}/close`, A, body);
      expect({ body, status: res.status, code: res.body.code, fields: res.body.details?.fields?.map((f: { field: string }) => f.field) }).toEqual({ body, status, code, fields: [field] });
    }
    expect((await env.req('POST', `/api/records/dossiers/${d.id}/close`, A, { closedOn: '30-06-2019', reason: 'Format salah' })).body).toMatchObject({ statusCode: 400, message: expect.stringContaining('closedOn') });
    expect(await snapshot(env.ds, 'SELECT * FROM dossiers WHERE id IN (?, ?)', [d.id, ended.id])).toBe(before);
    expect(await countRows(env.ds, 'audit_events')).toBe(audits);
  });

  it('schedules a Pemilu 2019 dossier from 2019-06-30, says why, audits both dates and the reason, and the next sweep proposes its transfer', async () => {
    const d = await create({ classificationCode: 'TU.05.1', title: 'Pemindahan arsip Pemilu 2019', periodStart: '2019-01-01' });
    const reason = 'Arsip Pemilu 2019 baru dientri; berkas ditutup setelah penetapan hasil';
    const closed = await env.req('POST', `/api/records/dossiers/${d.id}/close`, A, { closedOn: '2019-06-30', reason, version: d.version });
    expect(closed.status).toBe(200);
    // TU.05.1: 2 active + 8 inactive years from the real closing day
    expect(closed.body).toMatchObject({
      status: 'CLOSED', closedOn: '2019-06-30', periodEnd: '2019-06-30', backdateReason: reason, activeUntil: '2021-06-30', inactiveUntil: '2029-06-30', finalAction: 'MUSNAH',
      retention: {
        provisional: false, triggerDate: '2019-06-30', activeUntil: '2021-06-30', inactiveUntil: '2029-06-30',
        why: { triggerDate: '2019-06-30', closedRetroactively: { closedOn: '2019-06-30', recordedOn: '2026-03-02', reason }, text: expect.stringContaining(`Ditutup berlaku surut per 2019-06-30 (dicatat 2026-03-02), alasan: ${reason}`) },
      },
    });
    expect(new Date(closed.body.closedAt).toISOString()).toBe('2026-03-02T03:00:00.000Z');
    const history = (await env.req('GET', `/api/records/dossiers/${d.id}/history`, A)).body;
    expect(history.at(-1)).toMatchObject({ action: 'DOSSIER_CLOSED', after: { closedOn: '2019-06-30', recordedOn: '2026-03-02', retroactive: true, reason, activeUntil: '2021-06-30' } });

    // already past its active period: the very next sweep (today) proposes the transfer
    await sweep(env);
    expect(await openProposalOf(env, d.id, A)).toMatchObject({ kind: 'TRANSFER', status: 'DRAFT' });
  });

  it('takes a Pilkada 2020 dossier past both its periods through transfer and, on the same day, into a destruction list', async () => {
    // PP.05: 1 active + 2 inactive years; closed on 31 December 2020 it was due for destruction on 2023-12-31
    const d = await create({ classificationCode: 'PP.05', title: 'Rapat koordinasi Pilkada 2020', periodStart: '2020-01-01', periodEnd: '2020-12-09' });
    const closed = await env.req('POST', `/api/records/dossiers/${d.id}/close`, A, { closedOn: '2020-12-31', reason: 'Arsip Pilkada 2020 dientri ulang' });
    expect(closed.body).toMatchObject({ closedOn: '2020-12-31', periodEnd: '2020-12-09', activeUntil: '2021-12-31', inactiveUntil: '2023-12-31' });
    await sweep(env);
    const transfer = (await openProposalOf(env, d.id, A))!;
    expect(transfer.kind).toBe('TRANSFER');
    await env.req('POST', `/api/records/proposals/${transfer.id}/submit`, A, {});
    await env.req('POST', `/api/records/proposals/${transfer.id}/approvals`, 'kasubbag.umum.5204', { decision: 'APPROVED' });
    expect((await env.req('POST', `/api/records/proposals/${transfer.id}/execute`, A, { location: 'Depo arsip inaktif, rak 9' })).body.status).toBe('EXECUTED');
    expect((await env.req('GET', `/api/records/dossiers/${d.id}`, A)).body).toMatchObject({ status: 'INACTIVE', openProposal: null });
    await sweep(env);
    expect(await openProposalOf(env, d.id, A)).toMatchObject({ kind: 'DESTROY', status: 'DRAFT' });
  });

  it('closes on today as before when no date is given, and a closing date of today needs no reason', async () => {
    const a = await create({ classificationCode: 'TU.05.1', title: 'Berkas biasa', periodStart: '2026-01-01' });
    expect((await env.req('POST', `/api/records/dossiers/${a.id}/close`, A, {})).body).toMatchObject({ closedOn: '2026-03-02', backdateReason: null, activeUntil: '2028-03-02', retention: { why: { closedRetroactively: null } } });
    const b = await create({ classificationCode: 'TU.05.1', title: 'Berkas biasa, tanggal diisi', periodStart: '2026-01-01' });
    expect((await env.req('POST', `/api/records/dossiers/${b.id}/close`, A, { closedOn: '2026-03-02' })).body).toMatchObject({ closedOn: '2026-03-02', backdateReason: null, activeUntil: '2028-03-02' });
  });
});

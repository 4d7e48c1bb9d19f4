import { SweepJob } from '@naskah/records';
import { openProposalOf, RecordsEnv, startRecordsEnv, sweep, unitIdOf } from './records-support';

const KAB = 'arsiparis.5204';
const KOTA = 'arsiparis.5271';
const RI = 'arsiparis.ri';

/**
 * The retention sweep by office: a Kab/Kota's "run now" proposes only its own dossiers and lists
 * only its own runs; a national run (every office) is KPU RI's, and the daily scheduled sweep stays
 * national. Through the HTTP API, with the real worker running the sweeps.
 */
describe('records: sweep runs scoped by office', () => {
  let env: RecordsEnv;
  beforeAll(async () => {
    env = await startRecordsEnv();
  });
  afterAll(async () => {
    await env.close();
  });

  /** A closed dossier under PR (2 active years), due for transfer two years on. */
  async function closedDossier(office: string, archivist: string, title: string): Promise<string> {
    const unitId = await unitIdOf(env.ds, office, 'KUL');
    const d = await env.req('POST', '/api/records/dossiers', archivist, { unitId, classificationCode: 'PR', title, periodStart: '2026-01-01' });
    expect(d.status).toBe(201);
    expect((await env.req('POST', `/api/records/dossiers/${d.body.id}/close`, archivist, {})).status).toBe(200);
    return d.body.id;
  }
  const runIds = async (username: string) => {
    const res = await env.req('GET', '/api/records/sweep/runs', username);
    expect(res.status).toBe(200);
    return res.body.items.map((r: { id: string }) => r.id);
  };

  it('a Kab/Kota archivist’s run-now proposes only its office’s due dossiers and lists only its office’s runs; the daily sweep stays national', async () => {
    env.at(0);
    const kabDossier = await closedDossier('5204', KAB, 'Berkas lingkup Sumbawa');
    const kotaDossier = await closedDossier('5271', KOTA, 'Berkas lingkup Mataram');
    env.at(2, 2);

    const kabRun = await sweep(env, KAB);
    expect(kabRun).toMatchObject({ scope: 'OFFICE', officeId: expect.any(Number) });
    expect(await openProposalOf(env, kabDossier, KAB)).toMatchObject({ kind: 'TRANSFER' });
    expect(await openProposalOf(env, kotaDossier, KOTA)).toBeNull();

    // the daily scheduled sweep (no run id) is national: it proposes Mataram's dossier too
    const daily = await env.worker.get(SweepJob).run({ runId: null, requestedBy: null });
    expect(daily.officeId).toBeNull();
    expect(await openProposalOf(env, kotaDossier, KOTA)).toMatchObject({ kind: 'TRANSFER' });
    const kotaRun = await sweep(env, KOTA);

    const kabList = await runIds(KAB);
    expect(kabList).toContain(kabRun.id);
    expect(kabList).not.toContain(kotaRun.id);
    expect(kabList).not.toContain(daily.runId);
    const kotaList = await runIds(KOTA);
    expect(kotaList).toContain(kotaRun.id);
    expect(kotaList).not.toContain(kabRun.id);
    expect((await env.req('GET', `/api/records/sweep/runs/${kotaRun.id}`, KAB)).status).toBe(404);
    expect((await env.req('GET', `/api/records/sweep/runs/${daily.runId}`, KAB)).status).toBe(404);
    // KPU RI's records staff see national runs, not a Kab/Kota's
    const riList = await runIds(RI);
    expect(riList).toContain(daily.runId);
    expect(riList).not.toContain(kabRun.id);
  });

  it('only KPU RI’s archivist (or an administrator) starts a national run; users without a records role start and list nothing', async () => {
    const before = Number((await env.ds.query('SELECT COUNT(*) AS n FROM records_sweep_runs'))[0].n);
    const refused = await env.req('POST', '/api/records/sweep/run', KAB, { scope: 'NATIONAL' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('SWEEP_NATIONAL_FORBIDDEN');
    expect((await env.req('POST', '/api/records/sweep/run', 'ketua.5204', { scope: 'NATIONAL' })).status).toBe(403);
    expect((await env.req('POST', '/api/records/sweep/run', 'staf.umum.5204', {})).status).toBe(403);
    expect((await env.req('GET', '/api/records/sweep/runs', 'staf.umum.5204')).status).toBe(403);
    const bad = await env.req('POST', '/api/records/sweep/run', KAB, { scope: 'EVERYWHERE' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('scope');
    expect(Number((await env.ds.query('SELECT COUNT(*) AS n FROM records_sweep_runs'))[0].n)).toBe(before);

    const national = await env.req('POST', '/api/records/sweep/run', RI, { scope: 'NATIONAL' });
    expect(national.status).toBe(202);
    expect(national.body).toMatchObject({ scope: 'NATIONAL', officeId: null });
    expect(await runIds(RI)).toContain(national.body.id);
    expect(await runIds(KAB)).not.toContain(national.body.id);
    // the web UI's call (an empty JSON body) sweeps the caller's own office
    const own = await env.req('POST', '/api/records/sweep/run', RI, {});
    expect(own.status).toBe(202);
    const [ri] = await env.ds.query("SELECT id FROM offices WHERE code = 'RI'");
    expect(own.body).toMatchObject({ scope: 'OFFICE', officeId: Number(ri.id) });
  });
});

import type { INestApplicationContext } from '@nestjs/common';
import { DEFAULT_KPU_POLICY, loadPolicyVersion } from '@naskah/correspondence';
import { Http, startApi } from '@naskah/testing';
import { suiteDatabase } from '../../libs/testing/src/suite-database';
import { createWorker } from '../../apps/worker/src/main';
import { deliveriesOnceDispatched, forgetOldDispatchJobs, insertSignedLetterFixture, officeIdOf, userIdOf } from '../../libs/testing/src/letters-fixture';

/** DESIGN §3's table, written out cell by cell (the expected default, from the rule). */
const DESIGN_DEFAULT = [
  ['KABKOTA', 'KPU_RI', 'VIA_PARENT'], ['KABKOTA', 'OWN_PROVINSI', 'DIRECT'], ['KABKOTA', 'OTHER_PROVINSI', 'VIA_PARENT'],
  ['KABKOTA', 'KABKOTA_SAME_PROVINCE', 'DIRECT'], ['KABKOTA', 'KABKOTA_OTHER_PROVINCE', 'VIA_PARENT'], ['KABKOTA', 'EXTERNAL', 'DIRECT'],
  ['PROVINSI', 'KPU_RI', 'DIRECT'], ['PROVINSI', 'OTHER_PROVINSI', 'DIRECT'], ['PROVINSI', 'KABKOTA_SAME_PROVINCE', 'DIRECT'],
  ['PROVINSI', 'KABKOTA_OTHER_PROVINCE', 'DIRECT'], ['PROVINSI', 'EXTERNAL', 'DIRECT'],
  ['RI', 'OTHER_PROVINSI', 'DIRECT'], ['RI', 'KABKOTA_OTHER_PROVINCE', 'DIRECT'], ['RI', 'EXTERNAL', 'DIRECT'],
].map(([fromLevel, relation, mode]) => ({ fromLevel, relation, mode }));

const withCell = (fromLevel: string, relation: string, mode: string) =>
  DESIGN_DEFAULT.map((r) => (r.fromLevel === fromLevel && r.relation === relation ? { ...r, mode } : r));

/**
 * The routing policy is data (issue 12, item 6): a versioned table seeded with DESIGN §3, read
 * and replaced whole through the admin API, unlawful cells refused, every change audited, used by
 * the route preview and by sending from the next letter on, in every API process.
 */
describe('routing policy as data, through the admin API', () => {
  let db: { release(): Promise<void> };
  let a: Http;
  let b: Http;
  let worker: INestApplicationContext;
  let admin: string;
  let kab52: number;
  let bogor: number;
  const sortRules = (rules: { fromLevel: string; relation: string; mode: string }[]) =>
    [...rules].sort((x, y) => `${x.fromLevel}/${x.relation}`.localeCompare(`${y.fromLevel}/${y.relation}`));

  beforeAll(async () => {
    db = await suiteDatabase(); // the policy is national: this suite's changes stay in a database of its own
    a = await startApi();
    b = await startApi(); // a second API process: its own policy copy, its own subscription
    await forgetOldDispatchJobs(a.app);
    worker = await createWorker();
    await worker.init();
    admin = await a.login('admin');
    kab52 = await officeIdOf(a.ds, '52');
    bogor = await officeIdOf(a.ds, '3201');
  });
  afterAll(async () => {
    await worker?.close();
    await b?.close();
    await a?.close();
    await db?.release();
  });

  const policy = (http: Http = a) => http.request('GET', '/api/admin/routing-policy', { token: admin });
  const put = (body: unknown, http: Http = a) => http.request('PUT', '/api/admin/routing-policy', { token: admin, body });
  const preview = async (http: Http, officeId: number) => {
    const res = await http.request('POST', '/api/letters/route-preview', { token: await http.login('kasubbag.umum.5204'), body: { to: [{ officeId }] } });
    expect(res.status).toBe(200);
    return res.body[0] as { mode: string; toBeForwarded: boolean; deliverTo: { officeId: number } };
  };
  const sendLetterToBogor = async (http: Http, subject: string) => {
    const { letterId } = await insertSignedLetterFixture(http.ds, { office: '5204', subject, to: [{ office: '3201', position: 'SEKRETARIS' }] });
    const res = await http.request('POST', `/api/letters/${letterId}/send`, { token: await http.login('sekretaris.5204') });
    expect(res.status).toBe(201);
    return { letterId, sent: res.body as { viaParent: { deliverToOfficeId: number }[]; transmissionId: string } };
  };
  const targetsOf = (letterId: string) =>
    a.ds.query('SELECT tt.office_id, tt.to_be_forwarded, tt.final_office_id FROM transmission_targets tt JOIN transmissions t ON t.id = tt.transmission_id WHERE t.letter_id = ?', [letterId]);

  it('is seeded with DESIGN §3 and shown as a labelled matrix (Bahasa Indonesia)', async () => {
    const res = await policy();
    expect(res.status).toBe(200);
    expect(res.body.version).toMatchObject({ id: 1, changedBy: null });
    expect(sortRules(res.body.rules)).toEqual(sortRules(DESIGN_DEFAULT));
    // the migration's rows are the code's default, row for row (the rule is written twice: this holds them equal)
    expect(sortRules([...(await loadPolicyVersion(a.ds.manager, 1))!.policy])).toEqual(sortRules([...DEFAULT_KPU_POLICY]));
    const kab = res.body.matrix.find((r: { fromLevel: string }) => r.fromLevel === 'KABKOTA');
    expect(kab.fromLabel).toBe('Dari KPU Kabupaten/Kota');
    expect(kab.cells.find((c: { relation: string }) => c.relation === 'KPU_RI')).toEqual({
      relation: 'KPU_RI', relationLabel: 'Ke KPU RI', mode: 'VIA_PARENT', modeLabel: 'Melalui satker induk (diteruskan)', allowedModes: ['VIA_PARENT', 'FORBIDDEN'],
    });
  });

  it('is the administrator’s: anyone else gets 403', async () => {
    const other = await a.login('sekretaris.5204');
    expect((await a.request('GET', '/api/admin/routing-policy', { token: other })).status).toBe(403);
    expect((await a.request('PUT', '/api/admin/routing-policy', { token: other, body: { rules: DESIGN_DEFAULT, reason: 'coba ubah' } })).status).toBe(403);
    expect((await a.request('GET', '/api/admin/routing-policy/versions', { token: other })).status).toBe(403);
  });

  it('refuses an unlawful cell (a Kab/Kota straight to KPU RI) with 422 naming the cell, and changes nothing', async () => {
    const [{ n: eventsBefore }] = await a.ds.query("SELECT COUNT(*) AS n FROM audit_events WHERE entity_type = 'routing_policy'");
    const res = await put({ rules: withCell('KABKOTA', 'KPU_RI', 'DIRECT'), reason: 'Percepat usulan ke KPU RI' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('ROUTING_POLICY_INVALID');
    expect(res.body.details.cells).toEqual([{ fromLevel: 'KABKOTA', relation: 'KPU_RI', mode: 'DIRECT', reason: expect.stringContaining('wajib melalui KPU Provinsi') }]);
    expect(res.body.message).toContain('surat KPU Kabupaten/Kota ke KPU RI wajib melalui KPU Provinsi');
    // a missing cell and an unknown mode are named too, all at once
    const partial = await put({ rules: [...withCell('PROVINSI', 'EXTERNAL', 'KADANG').filter((r) => r.relation !== 'OWN_PROVINSI')], reason: 'uji validasi' });
    expect(partial.status).toBe(422);
    expect(partial.body.details.problems).toEqual(expect.arrayContaining([expect.stringContaining("mode 'KADANG' tidak dikenal"), 'aturan KABKOTA/OWN_PROVINSI belum ada']));
    expect((await put({ rules: DESIGN_DEFAULT })).status).toBe(400); // the reason is required
    expect((await a.request('GET', '/api/admin/routing-policy/versions', { token: admin })).body).toHaveLength(1);
    expect(sortRules((await policy()).body.rules)).toEqual(sortRules(DESIGN_DEFAULT));
    expect((await a.ds.query("SELECT COUNT(*) AS n FROM audit_events WHERE entity_type = 'routing_policy'"))[0].n).toEqual(eventsBefore);
  });

  it('a change is audited with who and why, applies to the next letter sent (preview and delivery, in every API process) and not to letters already sent', async () => {
    // before: Kab Sumbawa → Kab Bogor (another province) goes through KPU Provinsi NTB
    expect(await preview(b, bogor)).toMatchObject({ mode: 'VIA_PARENT', toBeForwarded: true, deliverTo: { officeId: kab52 } }); // B now holds version 1
    const before = await sendLetterToBogor(a, 'Sebelum perubahan kebijakan');
    expect(before.sent.viaParent).toEqual([expect.objectContaining({ deliverToOfficeId: kab52 })]);

    const changed = await put({ rules: withCell('KABKOTA', 'KABKOTA_OTHER_PROVINCE', 'DIRECT'), reason: 'Koordinasi langsung antarkabupaten (uji)', baseVersion: 1 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ changed: true, version: { id: 2, reason: 'Koordinasi langsung antarkabupaten (uji)', changedBy: { userId: await userIdOf(a.ds, 'admin') } } });
    const [event] = await a.ds.query("SELECT actor_user_id, before_state, after_state FROM audit_events WHERE entity_type = 'routing_policy' AND entity_id = '2' AND action = 'ROUTING_POLICY_CHANGED'");
    expect(Number(event.actor_user_id)).toBe(await userIdOf(a.ds, 'admin'));
    const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
    expect(parse(event.before_state)).toEqual({ version: 1, cells: [{ fromLevel: 'KABKOTA', relation: 'KABKOTA_OTHER_PROVINCE', mode: 'VIA_PARENT' }] });
    expect(parse(event.after_state)).toEqual({ version: 2, reason: 'Koordinasi langsung antarkabupaten (uji)', cells: [{ fromLevel: 'KABKOTA', relation: 'KABKOTA_OTHER_PROVINCE', mode: 'DIRECT' }] });

    // the next send, through the other process, at once (no waiting for the message): routed by version 2
    const afterB = await sendLetterToBogor(b, 'Sesudah perubahan, lewat proses lain');
    expect(afterB.sent.viaParent).toEqual([]);
    expect(await targetsOf(afterB.letterId)).toEqual([{ office_id: bogor, to_be_forwarded: 0, final_office_id: null }]);
    // the preview here at once (B's own copy moved to version 2 with its send; the message alone is tested below)
    expect(await preview(a, bogor)).toMatchObject({ mode: 'DIRECT', toBeForwarded: false, deliverTo: { officeId: bogor } });
    expect(await preview(b, bogor)).toMatchObject({ mode: 'DIRECT', toBeForwarded: false, deliverTo: { officeId: bogor } });

    // delivered: the letter sent before lands at NTB to be forwarded, the one sent after at Bogor
    const earlier = await deliveriesOnceDispatched(a.ds, before.letterId);
    expect(earlier.map((d) => [Number(d.office_id), Number(d.to_be_forwarded)])).toEqual([[kab52, 1]]);
    const later = await deliveriesOnceDispatched(a.ds, afterB.letterId);
    expect(later.map((d) => [Number(d.office_id), Number(d.to_be_forwarded)])).toEqual([[bogor, 0]]);
    expect(await targetsOf(before.letterId)).toEqual([{ office_id: kab52, to_be_forwarded: 1, final_office_id: bogor }]);

    // the versions, newest first, say when, who and why
    const versions = (await a.request('GET', '/api/admin/routing-policy/versions', { token: admin })).body;
    expect(versions.map((v: { id: number }) => v.id)).toEqual([2, 1]);
    expect((await a.request('GET', '/api/admin/routing-policy/versions/1', { token: admin })).body.rules).toEqual(expect.arrayContaining([{ fromLevel: 'KABKOTA', relation: 'KABKOTA_OTHER_PROVINCE', mode: 'VIA_PARENT' }]));
  });

  it('the same matrix again writes no version; an edit from a stale version is refused (409); another process drops its copy at the message', async () => {
    const current = (await policy()).body;
    const same = await put({ rules: current.rules, reason: 'simpan ulang tanpa perubahan' });
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ changed: false, version: { id: current.version.id } });
    const stale = await put({ rules: DESIGN_DEFAULT, reason: 'kembali ke bawaan', baseVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('ROUTING_POLICY_VERSION_CHANGED');
    expect(await preview(b, bogor)).toMatchObject({ mode: 'DIRECT' }); // B holds the version in force
    const back = await put({ rules: DESIGN_DEFAULT, reason: 'kembali ke bawaan', baseVersion: current.version.id });
    expect(back.status).toBe(200);
    expect(back.body.version.id).toBe(current.version.id + 1);
    expect(await preview(a, bogor)).toMatchObject({ mode: 'VIA_PARENT', deliverTo: { officeId: kab52 } });
    // B has sent nothing since: only the message on the identity-changes channel can drop its copy, within moments (its TTL is 30 s)
    const started = Date.now();
    let remote = await preview(b, bogor);
    while (remote.mode !== 'VIA_PARENT' && Date.now() - started < 2_000) {
      await new Promise((r) => setTimeout(r, 10));
      remote = await preview(b, bogor);
    }
    expect(remote).toMatchObject({ mode: 'VIA_PARENT', toBeForwarded: true, deliverTo: { officeId: kab52 } });
  });
});

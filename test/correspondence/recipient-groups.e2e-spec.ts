import { DataSource } from 'typeorm';
import { countRows, Http, startApiAndWorker } from '@naskah/testing';
import { deliveriesOnceDispatched, officeIdOf } from '../../libs/testing/src/letters-fixture';
import { draftThroughApi, kabkotaOf, markSigned, officeIdsAt } from './group-support';

/** Group addressees (issue 12, item 3): kept on the draft as written, expanded when sent, the routing rule per member. */
describe('group addressees: semua KPU Provinsi, semua KPU Kab/Kota (di Provinsi X)', () => {
  let http: Http;
  let ds: DataSource;
  let stop: () => Promise<void>;
  let ntb: number;
  beforeAll(async () => {
    ({ http, ds, close: stop } = await startApiAndWorker());
    ntb = await officeIdOf(ds, '52');
  });
  afterAll(() => stop());

  const send = async (user: string, letterId: string) => http.request('POST', `/api/letters/${letterId}/send`, { token: await http.login(user) });

  it('sends "semua KPU Kab/Kota di Provinsi NTB" from KPU Provinsi NTB straight to each of its Kab/Kota, the draft keeping the group', async () => {
    const expected = await kabkotaOf(ds, '52');
    expect(expected.length).toBeGreaterThan(1);
    const draft = await draftThroughApi(http, 'kabag.umum.52', '52', [{ kind: 'TO', group: 'KABKOTA_OF_PROVINCE', provinceOfficeId: ntb }]);
    expect(draft.status).toBe(201);
    expect(draft.body.recipients).toEqual([{ kind: 'TO', group: 'KABKOTA_OF_PROVINCE', provinceOfficeId: ntb }]);
    expect(draft.body.addressees).toEqual([{ kind: 'TO', label: 'Ketua KPU Kabupaten/Kota se-Provinsi Nusa Tenggara Barat' }]);
    expect(await countRows(ds, 'letter_recipients', 'letter_id = ?', [draft.body.id])).toBe(1); // stored as the group, not expanded

    await markSigned(ds, draft.body.id);
    const res = await send('kabag.umum.52', draft.body.id);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ targetCount: expected.length, viaParent: [], merged: [] });
    expect(res.body.groups).toEqual([expect.objectContaining({ index: 0, label: 'Ketua KPU Kabupaten/Kota se-Provinsi Nusa Tenggara Barat', members: expected.length, excludedSender: false })]);
    const deliveries = await deliveriesOnceDispatched(ds, draft.body.id);
    expect(deliveries.map((d) => Number(d.office_id)).sort((a, b) => a - b)).toEqual(expected);
    expect(deliveries.every((d) => Number(d.to_be_forwarded) === 0 && d.final_office_id === null && d.kind === 'TO')).toBe(true);
    // each lands with the office's head (depth 0), as a single office addressee does
    const [heads] = await ds.query('SELECT COUNT(*) AS n FROM deliveries d JOIN positions p ON p.id = d.position_id WHERE d.letter_id = ? AND p.depth = 0 AND p.office_id = d.office_id', [draft.body.id]);
    expect(Number(heads.n)).toBe(expected.length);
  });

  it('sends "semua KPU Provinsi" from KPU RI to every province, merging a province also named as a copy into one TO delivery', async () => {
    const provinces = await officeIdsAt(ds, 'PROVINSI');
    const draft = await draftThroughApi(http, 'staf.umum.ri', 'RI', [{ kind: 'TO', group: 'ALL_PROVINCES' }, { kind: 'CC', officeId: ntb }]);
    expect(draft.status).toBe(201);
    await markSigned(ds, draft.body.id);
    const res = await send('staf.umum.ri', draft.body.id);
    expect(res.status).toBe(201);
    expect(res.body.targetCount).toBe(provinces.length);
    expect(res.body.merged).toEqual([expect.objectContaining({ officeId: ntb, kind: 'TO', recipients: [0, 1] })]);
    expect(res.body.groups[0]).toMatchObject({ members: provinces.length, merged: 1, excludedSender: false });
    const deliveries = await deliveriesOnceDispatched(ds, draft.body.id);
    expect(deliveries.map((d) => Number(d.office_id)).sort((a, b) => a - b)).toEqual(provinces);
    expect(deliveries.filter((d) => Number(d.office_id) === ntb)).toEqual([expect.objectContaining({ kind: 'TO' })]);
  });

  it('leaves the sending office out of its own group: a Kab/Kota writing to the Kab/Kota of its province reaches the others, directly', async () => {
    const sumbawa = await officeIdOf(ds, '5204');
    const siblings = (await kabkotaOf(ds, '52')).filter((id) => id !== sumbawa);
    const draft = await draftThroughApi(http, 'kasubbag.umum.5204', '5204', [{ kind: 'TO', group: 'KABKOTA_OF_PROVINCE', provinceOfficeId: ntb }]);
    await markSigned(ds, draft.body.id);
    const res = await send('kasubbag.umum.5204', draft.body.id);
    expect(res.status).toBe(201);
    expect(res.body.groups[0]).toMatchObject({ members: siblings.length, excludedSender: true });
    const deliveries = await deliveriesOnceDispatched(ds, draft.body.id);
    expect(deliveries.map((d) => Number(d.office_id)).sort((a, b) => a - b)).toEqual(siblings);
    expect(deliveries.every((d) => Number(d.to_be_forwarded) === 0)).toBe(true); // KABKOTA → Kab/Kota of the same province: DIRECT
  });

  it('previews a group summarised by route, not one row per member: from a Kab/Kota, "semua KPU Kab/Kota" is direct in its province and via its Provinsi elsewhere', async () => {
    const sumbawa = await officeIdOf(ds, '5204');
    const all = await officeIdsAt(ds, 'KABKOTA');
    const siblings = (await kabkotaOf(ds, '52')).filter((id) => id !== sumbawa);
    const res = await http.request('POST', '/api/letters/route-preview', { token: await http.login('kasubbag.umum.5204'), body: { to: [{ group: 'ALL_KABKOTA' }] } });
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    const [row] = res.body;
    expect(row).toMatchObject({ kind: 'TO', mode: 'VIA_PARENT', toBeForwarded: true, deliverTo: null, group: { label: 'Ketua KPU/KIP Kabupaten/Kota se-Indonesia', members: all.length - 1, excludedSender: true } });
    const direct = row.group.routes.find((r: { mode: string }) => r.mode === 'DIRECT');
    const via = row.group.routes.find((r: { mode: string }) => r.mode === 'VIA_PARENT');
    expect(row.group.routes).toHaveLength(2);
    expect(direct).toMatchObject({ count: siblings.length, toBeForwarded: false, deliverTo: null });
    expect(via).toMatchObject({ count: all.length - 1 - siblings.length, toBeForwarded: true, deliverTo: { officeId: ntb, positionTitle: 'Sekretaris' } });
  });

  it('refuses a malformed group naming the field, and the same group twice; a single addressee named twice is still refused', async () => {
    const refused = async (recipients: Record<string, unknown>[], status: number, code: string, field?: string) => {
      const before = await countRows(ds, 'letters');
      const res = await draftThroughApi(http, 'kabag.umum.52', '52', recipients);
      expect([res.status, res.body.code]).toEqual([status, code]);
      if (field) expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
      expect(await countRows(ds, 'letters')).toBe(before);
    };
    await refused([{ kind: 'TO', group: 'KABKOTA_OF_PROVINCE' }], 400, 'VALIDATION_FAILED', 'recipients.0.provinceOfficeId');
    await refused([{ kind: 'TO', group: 'ALL_PROVINCES', provinceOfficeId: ntb }], 400, 'VALIDATION_FAILED', 'recipients.0.provinceOfficeId');
    await refused([{ kind: 'TO', group: 'ALL_PROVINCES', officeId: ntb }], 400, 'VALIDATION_FAILED', 'recipients.0');
    await refused([{ kind: 'TO', group: 'SEMUA' }], 400, 'VALIDATION_FAILED');
    await refused([{ kind: 'TO', group: 'KABKOTA_OF_PROVINCE', provinceOfficeId: await officeIdOf(ds, '5204') }], 422, 'INVALID_RECIPIENT', 'recipients.0.provinceOfficeId');
    await refused([{ kind: 'TO', group: 'ALL_KABKOTA' }, { kind: 'CC', group: 'ALL_KABKOTA' }], 422, 'DUPLICATE_RECIPIENT', 'recipients.1');
    await refused([{ kind: 'TO', officeId: ntb }, { kind: 'TO', group: 'ALL_KABKOTA' }, { kind: 'CC', officeId: ntb }], 422, 'DUPLICATE_RECIPIENT', 'recipients.2');
  });
});

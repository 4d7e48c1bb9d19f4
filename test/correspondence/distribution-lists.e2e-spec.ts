import { DataSource } from 'typeorm';
import { countRows, Http, startApiAndWorker } from '@naskah/testing';
import { deliveriesOnceDispatched, officeIdOf, positionIdOf } from '../../libs/testing/src/letters-fixture';
import { draftThroughApi, markSigned } from './group-support';

/** Distribution lists (issue 12, item 3): per office, audited, used by that office's drafts, expanded at send. */
describe('distribution lists: CRUD, audit, used by a draft, expanded when sent', () => {
  let http: Http;
  let ds: DataSource;
  let stop: () => Promise<void>;
  const NAME = `Ketua KPU Kab/Kota se-Pulau Lombok ${Date.now().toString(36)}`;
  beforeAll(async () => {
    ({ http, ds, close: stop } = await startApiAndWorker());
  });
  afterAll(() => stop());

  const call = async (user: string, method: string, url: string, body?: unknown) => http.request(method, url, { token: await http.login(user), body });
  const auditOf = async (id: number) =>
    (await ds.query("SELECT action, before_state, after_state FROM audit_events WHERE entity_type = 'distribution_list' AND entity_id = ? ORDER BY id", [String(id)])) as Record<string, unknown>[];

  it('is created, changed and deleted by the office (audited), used only by its drafts, expanded at send into the members it has then', async () => {
    const lombok = await Promise.all(['5201', '5202', '5203', '5208', '5271'].map((c) => officeIdOf(ds, c)));
    const sumbawaSekretaris = await positionIdOf(ds, '5204', 'SEKRETARIS');
    const sumbawaOffice = await officeIdOf(ds, '5204');
    const members: { officeId?: number; positionId?: number }[] = [...lombok.map((officeId) => ({ officeId })), { positionId: sumbawaSekretaris }];

    expect((await call('staf.umum.52', 'POST', '/api/distribution-lists', { name: NAME, members })).body.code).toBe('ROLE_REQUIRED');
    // an office and its head are one addressee: named twice in a list is refused
    const mataramHead = await positionIdOf(ds, '5271', 'KETUA');
    const dup = await call('kabag.umum.52', 'POST', '/api/distribution-lists', { name: NAME, members: [...members, { positionId: mataramHead }] });
    expect([dup.status, dup.body.code, dup.body.details.fields[0].field]).toEqual([422, 'DUPLICATE_RECIPIENT', 'members.6']);

    const created = await call('kabag.umum.52', 'POST', '/api/distribution-lists', { name: NAME, members });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    expect(created.body).toMatchObject({ name: NAME, memberCount: 6, version: 1, officeId: await officeIdOf(ds, '52') });
    expect(created.body.members[4]).toEqual({ officeId: lombok[4], positionId: null, label: 'Ketua KPU Kota Mataram' });
    expect(created.body.members[5]).toEqual({ officeId: null, positionId: sumbawaSekretaris, label: 'Sekretaris KPU Kabupaten Sumbawa' });
    expect((await call('kabag.umum.52', 'POST', '/api/distribution-lists', { name: NAME, members })).body.code).toBe('DISTRIBUTION_LIST_NAME_TAKEN');

    // read by anyone of the office; another office is told it does not exist
    expect((await call('staf.umum.52', 'GET', '/api/distribution-lists')).body.items.map((l: { id: number }) => l.id)).toContain(id);
    expect((await call('sekretaris.5204', 'GET', `/api/distribution-lists/${id}`)).status).toBe(404);
    expect((await call('sekretaris.5204', 'GET', '/api/distribution-lists')).body.items.map((l: { id: number }) => l.id)).not.toContain(id);

    // a draft of the office names the list; another office's draft may not
    const draft = await draftThroughApi(http, 'kabag.umum.52', '52', [{ kind: 'TO', distributionListId: id }, { kind: 'CC', officeId: lombok[4] }]);
    expect(draft.status).toBe(201);
    expect(draft.body.recipients[0]).toEqual({ kind: 'TO', distributionListId: id });
    expect(draft.body.addressees[0]).toEqual({ kind: 'TO', label: NAME });
    const foreign = await draftThroughApi(http, 'kasubbag.umum.5204', '5204', [{ kind: 'TO', distributionListId: id }]);
    expect([foreign.status, foreign.body.code, foreign.body.details.fields[0].field]).toEqual([422, 'INVALID_RECIPIENT', 'recipients.0.distributionListId']);

    // changed while the draft waits (stale version refused): the send uses the members it has then
    expect((await call('kabag.umum.52', 'PATCH', `/api/distribution-lists/${id}`, { version: 9, members })).body.code).toBe('STALE_VERSION');
    const changed = await call('kabag.umum.52', 'PATCH', `/api/distribution-lists/${id}`, { version: 1, members: members.filter((m) => m.officeId !== lombok[2]) });
    expect(changed).toMatchObject({ status: 200, body: { version: 2, memberCount: 5 } });

    // not deleted while an unsent letter names it
    const inUse = await call('kabag.umum.52', 'DELETE', `/api/distribution-lists/${id}`);
    expect(inUse).toMatchObject({ status: 409, body: { code: 'DISTRIBUTION_LIST_IN_USE', details: { letterCount: 1 } } });

    await markSigned(ds, draft.body.id);
    const sent = await call('kabag.umum.52', 'POST', `/api/letters/${draft.body.id}/send`);
    expect(sent.status).toBe(201);
    expect(sent.body.groups).toEqual([expect.objectContaining({ label: NAME, members: 5, merged: 1 })]);
    expect(sent.body.merged).toEqual([expect.objectContaining({ officeId: lombok[4], kind: 'TO', recipients: [0, 1] })]);
    const deliveries = await deliveriesOnceDispatched(ds, draft.body.id);
    expect(deliveries.map((d) => `${d.office_id}/${d.kind}`).sort()).toEqual(
      [...[lombok[0], lombok[1], lombok[3], lombok[4]].map((o) => `${o}/TO`), `${sumbawaOffice}/TO`].sort(),
    );
    const sumbawaCopy = deliveries.find((d) => Number(d.office_id) === sumbawaOffice);
    expect(Number(sumbawaCopy?.position_id)).toBe(sumbawaSekretaris); // a position member receives it itself, not the office head

    // once nothing unsent names it, it can be deleted; the sent letter still prints its name
    expect((await call('kabag.umum.52', 'DELETE', `/api/distribution-lists/${id}`)).status).toBe(204);
    expect((await call('kabag.umum.52', 'GET', `/api/distribution-lists/${id}`)).status).toBe(404);
    expect((await call('kabag.umum.52', 'GET', `/api/letters/${draft.body.id}`)).body.addressees[0]).toEqual({ kind: 'TO', label: NAME });
    const again = await call('kabag.umum.52', 'POST', '/api/distribution-lists', { name: NAME, members: members.slice(0, 1) });
    expect(again.status).toBe(201); // the name is free again
    expect(again.body.id).not.toBe(id);

    const trail = await auditOf(id);
    expect(trail.map((e) => e.action)).toEqual(['DISTRIBUTION_LIST_CREATED', 'DISTRIBUTION_LIST_UPDATED', 'DISTRIBUTION_LIST_DELETED']);
    const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as { members: unknown[] };
    expect(json(trail[1].before_state).members).toHaveLength(6);
    expect(json(trail[1].after_state).members).toHaveLength(5);
    const history = await call('kabag.umum.52', 'GET', `/api/distribution-lists/${id}/history`);
    expect(history.status).toBe(200);
    expect(history.body).toHaveLength(3);
    expect(await countRows(ds, 'letter_recipients', 'distribution_list_id = ?', [id])).toBe(1);
  });
});

import { randomBytes } from 'node:crypto';
import { countRows, Http, startApi } from '@naskah/testing';

describe('administration of positions (jabatan)', () => {
  let http: Http;
  let admin: string;
  const run = randomBytes(3).toString('hex').toUpperCase();
  let seq = 0;
  const code = () => `UJI-${run}-${++seq}`;

  const office = async (officeCode: string) => Number((await http.ds.query('SELECT id FROM offices WHERE code = ?', [officeCode]))[0].id);
  const position = async (officeCode: string, positionCode: string) =>
    (await http.ds.query('SELECT p.id, p.path, p.depth, p.unit_id FROM positions p JOIN offices o ON o.id = p.office_id WHERE o.code = ? AND p.code = ?', [officeCode, positionCode]))[0];
  const create = (body: Record<string, unknown>) => http.request('POST', '/api/admin/positions', { token: admin, body });

  beforeAll(async () => {
    http = await startApi();
    admin = await http.login('admin');
  });
  afterAll(() => http.close());

  it('creates a position under its superior, with its place in the reporting tree and an audit event', async () => {
    const kasubbag = await position('5271', 'KASUBBAG-KUL');
    const res = await create({ officeId: await office('5271'), unitId: Number(kasubbag.unit_id), parentId: Number(kasubbag.id), code: code(), title: 'Pranata Komputer', kind: 'STAF' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ parentId: Number(kasubbag.id), kind: 'STAF', depth: Number(kasubbag.depth) + 1, path: `${kasubbag.path}${res.body.id}/`, holder: null });
    expect(await countRows(http.ds, 'audit_events', "entity_type = 'position' AND entity_id = ? AND action = 'POSITION_CREATED'", [String(res.body.id)])).toBe(1);
    const listed = await http.request('GET', `/api/positions?q=Pranata%20Komputer&officeId=${await office('5271')}`, { token: admin });
    expect(listed.body.map((p: { id: number }) => p.id)).toContain(res.body.id);
  });

  it('refuses a superior in another office (422) or unknown (404), and a taken code (409), creating nothing', async () => {
    const before = await countRows(http.ds, 'positions');
    const otherOffice = await position('5204', 'SEKRETARIS');
    const cross = await create({ officeId: await office('5271'), parentId: Number(otherOffice.id), code: code(), title: 'Salah Satker', kind: 'STAF' });
    expect(cross.status).toBe(422);
    expect(cross.body.details.fields).toEqual([expect.objectContaining({ field: 'parentId' })]);
    const unknown = await create({ officeId: await office('5271'), parentId: 99999999, code: code(), title: 'Tanpa Atasan', kind: 'STAF' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('PARENT_POSITION_NOT_FOUND');
    const sekretaris = await position('5271', 'SEKRETARIS');
    const taken = await create({ officeId: await office('5271'), parentId: Number(sekretaris.id), code: 'STAF-KUL', title: 'Dobel', kind: 'STAF' });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('POSITION_CODE_TAKEN');
    expect(await countRows(http.ds, 'positions')).toBe(before);
  });

  it('names each malformed field', async () => {
    const res = await create({ officeId: 'x', parentId: 0, code: 'lower case', title: '', kind: 'RAJA', extra: 1 });
    expect(res.status).toBe(400);
    expect(new Set(res.body.details.fields.map((f: { field: string }) => f.field))).toEqual(new Set(['officeId', 'parentId', 'code', 'title', 'kind', 'extra']));
  });

  it('renames and deactivates a position; a deactivated one leaves the lists', async () => {
    const sekretaris = await position('5271', 'SEKRETARIS');
    const created = (await create({ officeId: await office('5271'), parentId: Number(sekretaris.id), code: code(), title: 'Analis Sementara', kind: 'STAF' })).body;
    const renamed = await http.request('PATCH', `/api/admin/positions/${created.id}`, { token: admin, body: { title: 'Analis Kebijakan' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.title).toBe('Analis Kebijakan');
    expect((await http.request('PATCH', `/api/admin/positions/${created.id}`, { token: admin, body: { isActive: false } })).status).toBe(200);
    const listed = await http.request('GET', `/api/offices/${await office('5271')}/positions`, { token: admin });
    expect(listed.body.map((p: { id: number }) => p.id)).not.toContain(created.id);
  });

  it('lists a position once however many users hold it, showing its first holder', async () => {
    const sekretaris = await position('5271', 'SEKRETARIS');
    const created = (await create({ officeId: await office('5271'), parentId: Number(sekretaris.id), code: code(), title: 'Pelaksana Bersama', kind: 'STAF' })).body;
    const holders: number[] = [];
    for (const n of [1, 2]) {
      const user = await http.request('POST', '/api/admin/users', {
        token: admin,
        body: { username: `t${run.toLowerCase()}.holder.${created.id}.${n}`, fullName: `Pemegang ${n}`, password: 'Rahasia-Uji-2026', positionId: created.id },
      });
      expect(user.status).toBe(201);
      holders.push(user.body.id);
    }
    const listed = (await http.request('GET', `/api/offices/${await office('5271')}/positions`, { token: admin })).body.filter((p: { id: number }) => p.id === created.id);
    expect(listed).toEqual([expect.objectContaining({ id: created.id, holder: { userId: holders[0], fullName: 'Pemegang 1' } })]);
    expect((await http.request('GET', `/api/positions/${created.id}`, { token: admin })).body.holder).toEqual({ userId: holders[0], fullName: 'Pemegang 1' });
  });

  it('is refused to a non-admin', async () => {
    const staff = await http.login('staf.umum.5271');
    const before = await countRows(http.ds, 'positions');
    const res = await http.request('POST', '/api/admin/positions', { token: staff, body: { officeId: 1, parentId: 1, code: code(), title: 'Coba', kind: 'STAF' } });
    expect(res.status).toBe(403);
    expect(await countRows(http.ds, 'positions')).toBe(before);
  });
});

import { Http, startApi } from '@naskah/testing';

describe('the KPU organisation (seeded from idn-area-data)', () => {
  let http: Http;
  let token: string;
  beforeAll(async () => {
    http = await startApi();
    token = await http.login('staf.umum.5204');
  });
  afterAll(() => http.close());

  it('lists 514 KPU Kabupaten/Kota, each under its province', async () => {
    const res = await http.request('GET', '/api/offices?level=KABKOTA', { token });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(514);
    expect(res.body.items).toHaveLength(514);
    for (const o of res.body.items) {
      expect(o.code).toMatch(/^\d{4}$/);
      expect(o.parent.code).toBe(o.code.slice(0, 2));
    }
    const sumbawa = res.body.items.find((o: { code: string }) => o.code === '5204');
    expect(sumbawa).toMatchObject({ name: 'KPU Kabupaten Sumbawa', parent: { code: '52', name: 'KPU Provinsi Nusa Tenggara Barat' } });
  });

  it('has KPU RI above 38 KPU Provinsi, and KIP in Aceh', async () => {
    const prov = await http.request('GET', '/api/offices?level=PROVINSI', { token });
    expect(prov.body.total).toBe(38);
    expect(new Set(prov.body.items.map((o: { parent: { code: string } }) => o.parent.code))).toEqual(new Set(['RI']));
    const aceh = await http.request('GET', '/api/offices?q=Aceh%20Selatan', { token });
    expect(aceh.body.items[0].name).toBe('KIP Kabupaten Aceh Selatan');
    const ri = await http.request('GET', '/api/offices?level=RI', { token });
    expect(ri.body.items).toEqual([expect.objectContaining({ code: 'RI', parentId: null })]);
  });

  it('gives each Kab/Kota a Sekretariat with four Subbagian and a reporting tree Ketua → Sekretaris → Kasubbag → Staf', async () => {
    const office = (await http.request('GET', '/api/offices?q=5204', { token })).body.items[0];
    const units = (await http.request('GET', `/api/offices/${office.id}/units`, { token })).body;
    expect(units.filter((u: { kind: string }) => u.kind === 'SUBBAGIAN').map((u: { name: string }) => u.name)).toEqual([
      'Subbagian Keuangan, Umum dan Logistik',
      'Subbagian Perencanaan, Data dan Informasi',
      'Subbagian Teknis Penyelenggaraan Pemilu dan Hukum',
      'Subbagian Partisipasi, Hubungan Masyarakat dan SDM',
    ]);
    const positions = (await http.request('GET', `/api/offices/${office.id}/positions`, { token })).body;
    const byCode = Object.fromEntries(positions.map((p: { code: string }) => [p.code, p]));
    expect(byCode.SEKRETARIS.parentId).toBe(byCode.KETUA.id);
    expect(byCode['KASUBBAG-KUL'].parentId).toBe(byCode.SEKRETARIS.id);
    expect(byCode['STAF-KUL'].parentId).toBe(byCode['KASUBBAG-KUL'].id);
    expect(byCode['STAF-KUL'].path).toBe(`/${byCode.KETUA.id}/${byCode.SEKRETARIS.id}/${byCode['KASUBBAG-KUL'].id}/${byCode['STAF-KUL'].id}/`);
    expect(byCode['STAF-KUL'].holder).toMatchObject({ fullName: expect.stringContaining('Staf Umum 5204') });
  });

  it('gives KPU RI a Sekretariat Jenderal with its Biro', async () => {
    const ri = (await http.request('GET', '/api/offices?level=RI', { token })).body.items[0];
    const units = (await http.request('GET', `/api/offices/${ri.id}/units`, { token })).body;
    expect(units.find((u: { code: string }) => u.code === 'SETJEN')).toMatchObject({ name: 'Sekretariat Jenderal', kind: 'SEKRETARIAT' });
    expect(units.filter((u: { kind: string }) => u.kind === 'BIRO').length).toBeGreaterThanOrEqual(5);
  });

  it('searches positions by title and answers 404 for an unknown one, 400 for a bad filter', async () => {
    const res = await http.request('GET', '/api/positions?q=Sekretaris%20Jenderal', { token });
    expect(res.body).toEqual([expect.objectContaining({ kind: 'SEKRETARIS_JENDERAL' })]);
    expect((await http.request('GET', '/api/positions/999999', { token })).status).toBe(404);
    const bad = await http.request('GET', '/api/offices?level=DESA', { token });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields[0].field).toBe('level');
  });

  it('requires sign-in', async () => {
    expect((await http.request('GET', '/api/offices')).status).toBe(401);
  });
});

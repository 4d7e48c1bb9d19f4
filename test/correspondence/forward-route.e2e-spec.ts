import { DataSource } from 'typeorm';
import { countRows, Http, startApiAndWorker } from '@naskah/testing';
import { deliveriesOnceDispatched, insertSignedLetterFixture, officeIdOf, positionIdOf } from '../../libs/testing/src/letters-fixture';

const NTB = 'KPU Provinsi Nusa Tenggara Barat';
const RUN = `R${Date.now().toString(36)}`;
const ROUTE_TO_RI = `KPU Kabupaten Sumbawa → ${NTB} → Komisi Pemilihan Umum Republik Indonesia`;

/** "Hierarchy is law": Kab/Kota → Provinsi → KPU RI, forwarded or returned by the Provinsi; no endpoint can skip a level. */
describe('forward, return and the route of a letter', () => {
  let http: Http;
  let ds: DataSource;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    ({ http, ds, close: stop } = await startApiAndWorker());
  });
  afterAll(() => stop());

  /** A Kab Sumbawa letter to the Sekretaris Jenderal, sent; returns it and its delivery at KPU Provinsi NTB. */
  async function sumbawaToSekjen(subject: string) {
    const { letterId } = await insertSignedLetterFixture(ds, { office: '5204', subject: `${subject} ${RUN}`, to: [{ office: 'RI', position: 'SEKJEN' }] });
    expect((await http.request('POST', `/api/letters/${letterId}/send`, { token: await http.login('kasubbag.umum.5204') })).status).toBe(201);
    const [atProvinsi] = await deliveriesOnceDispatched(ds, letterId);
    return { letterId, deliveryId: String(atProvinsi.id) };
  }

  it('previews the route while drafting: KPU RI via the Provinsi, the Provinsi and external parties directly', async () => {
    const token = await http.login('kasubbag.umum.5204');
    const res = await http.request('POST', '/api/letters/route-preview', {
      token,
      body: { to: [{ positionId: await positionIdOf(ds, 'RI', 'SEKJEN') }], cc: [{ officeId: await officeIdOf(ds, '52') }, { externalName: 'Bawaslu Kabupaten Sumbawa' }] },
    });
    expect(res.status).toBe(200);
    expect(res.body[0]).toMatchObject({
      kind: 'TO', mode: 'VIA_PARENT', toBeForwarded: true,
      deliverTo: { officeId: await officeIdOf(ds, '52'), officeName: NTB, positionTitle: 'Sekretaris' },
      hops: [{ code: '5204' }, { code: '52' }, { code: 'RI' }],
    });
    expect(res.body[0].explanation).toBe(`Surat dari KPU Kabupaten/Kota ke KPU RI wajib melalui ${NTB} untuk diteruskan ke Komisi Pemilihan Umum Republik Indonesia. Rute: ${ROUTE_TO_RI}.`);
    expect(res.body[1]).toMatchObject({ kind: 'CC', mode: 'DIRECT', toBeForwarded: false, deliverTo: { officeName: NTB, positionTitle: 'Ketua' }, explanation: `Dikirim langsung ke ${NTB}.` });
    expect(res.body[2]).toMatchObject({ kind: 'CC', mode: 'DIRECT', deliverTo: null, recipient: { externalName: 'Bawaslu Kabupaten Sumbawa' } });
    const bad = await http.request('POST', '/api/letters/route-preview', { token, body: { to: [{ positionId: 99999999 }] } });
    expect(bad.status).toBe(422);
  });

  it('lands at the Provinsi to be forwarded, is forwarded with a note and reaches the Sekjen with its route 5204 → 52 → RI', async () => {
    const { letterId, deliveryId } = await sumbawaToSekjen('Usulan penggantian antarwaktu');
    const provinsi = await http.login('sekretaris.52');
    const forwarded = await http.request('POST', `/api/deliveries/${deliveryId}/forward`, { token: provinsi, body: { note: 'Diteruskan untuk ditindaklanjuti' } });
    expect(forwarded.status).toBe(201);
    expect(forwarded.body).toMatchObject({ status: 'FORWARDED', targets: [{ officeId: await officeIdOf(ds, 'RI'), positionId: await positionIdOf(ds, 'RI', 'SEKJEN'), toBeForwarded: false }] });
    const all = await deliveriesOnceDispatched(ds, letterId);
    expect(all.map((d) => [d.id === Number(deliveryId) || String(d.id) === deliveryId ? 'NTB' : 'RI', d.status])).toEqual([['NTB', 'FORWARDED'], ['RI', 'DELIVERED']]);

    const sekjen = await http.login('sekjen.ri');
    const inbox = await http.request('GET', `/api/inbox?q=${encodeURIComponent(`antarwaktu ${RUN}`)}`, { token: sekjen });
    expect(inbox.body.items).toHaveLength(1);
    const item = inbox.body.items[0];
    expect(item).toMatchObject({ letterId, arrivedBy: 'FORWARD', toBeForwarded: false, sender: { name: 'KPU Kabupaten Sumbawa' }, via: { officeName: NTB, note: 'Diteruskan untuk ditindaklanjuti' } });
    const route = await http.request('GET', `/api/deliveries/${item.id}/route`, { token: sekjen });
    expect(route.status).toBe(200);
    expect(route.body.hops.map((h: { office: { code: string } }) => h.office.code)).toEqual(['5204', '52', 'RI']);
    expect(route.body.hops.map((h: { action: string }) => h.action)).toEqual(['SEND', 'FORWARD', 'RECEIVED']);
    expect(route.body.hops[0]).toMatchObject({ position: { title: 'Sekretaris' }, by: { name: expect.stringContaining('Kasubbag') } });
    expect(route.body.hops[1]).toMatchObject({ office: { name: NTB }, by: { name: 'Sekretaris 52 (demo)', capacity: 'SENDIRI' }, note: 'Diteruskan untuk ditindaklanjuti', agendaNumber: expect.any(Number) });
    expect(route.body.hops[2]).toMatchObject({ office: { code: 'RI' }, position: { title: 'Sekretaris Jenderal' }, deliveryId: item.id });
    // forwarding twice is refused; the drafter's outbox shows the trail
    expect((await http.request('POST', `/api/deliveries/${deliveryId}/forward`, { token: provinsi, body: {} })).status).toBe(409);
    const sent = await http.request('GET', '/api/outbox?box=sent', { token: await http.login('kasubbag.umum.5204') });
    const mine = sent.body.items.find((l: { id: string }) => l.id === letterId);
    expect(mine.deliveries.map((d: { status: string; office: { name: string } }) => [d.office.name, d.status])).toEqual([[NTB, 'FORWARDED'], ['Komisi Pemilihan Umum Republik Indonesia', 'DELIVERED']]);
  });

  it('refuses a direct Kab/Kota → KPU RI delivery through forward with 422 naming the required route, changing nothing', async () => {
    const { letterId } = await insertSignedLetterFixture(ds, { office: '52', subject: 'Undangan rapat koordinasi', to: [{ office: '5204', position: 'SEKRETARIS' }] });
    await http.request('POST', `/api/letters/${letterId}/send`, { token: await http.login('sekretaris.52') });
    const [atSumbawa] = await deliveriesOnceDispatched(ds, letterId);
    const kab = await http.login('sekretaris.5204');
    const txBefore = await countRows(ds, 'transmissions');
    for (const to of [{ officeId: await officeIdOf(ds, 'RI') }, { positionId: await positionIdOf(ds, 'RI', 'SEKJEN') }]) {
      const res = await http.request('POST', `/api/deliveries/${atSumbawa.id}/forward`, { token: kab, body: { to: [to], note: 'langsung saja' } });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('ROUTING_VIA_PARENT_REQUIRED');
      expect(res.body.message).toContain(`wajib melalui ${NTB}`);
      expect(res.body.message).toContain(ROUTE_TO_RI);
      expect(res.body.details.requiredRoute.map((s: { code: string }) => s.code)).toEqual(['5204', '52', 'RI']);
    }
    // another province's Kab/Kota is also VIA_PARENT; a sibling Kab/Kota and the own Provinsi are direct
    expect((await http.request('POST', `/api/deliveries/${atSumbawa.id}/forward`, { token: kab, body: { to: [{ officeId: await officeIdOf(ds, '3201') }] } })).status).toBe(422);
    expect(await countRows(ds, 'transmissions')).toBe(txBefore);
    const [still] = await ds.query('SELECT status FROM deliveries WHERE id = ?', [atSumbawa.id]);
    expect(still.status).toBe('DELIVERED');
    const ok = await http.request('POST', `/api/deliveries/${atSumbawa.id}/forward`, { token: kab, body: { to: [{ officeId: await officeIdOf(ds, '5271') }, { positionId: await positionIdOf(ds, '5204', 'KASUBBAG-TPH'), kind: 'CC' }] } });
    expect(ok.status).toBe(201);
    const after = await deliveriesOnceDispatched(ds, letterId);
    expect(after.filter((d) => d.status === 'DELIVERED').map((d) => [d.office_id, d.kind])).toEqual([[await officeIdOf(ds, '5271'), 'TO'], [await officeIdOf(ds, '5204'), 'CC']]);
  });

  it('keeps a to-be-forwarded letter on its route: the Provinsi cannot redirect it elsewhere', async () => {
    const { deliveryId } = await sumbawaToSekjen('Laporan pelaksanaan tahapan');
    const res = await http.request('POST', `/api/deliveries/${deliveryId}/forward`, { token: await http.login('sekretaris.52'), body: { to: [{ officeId: await officeIdOf(ds, '3201') }] } });
    expect(res).toMatchObject({ status: 422, body: { code: 'ROUTING_WRONG_NEXT_HOP' } });
    const other = await http.request('POST', `/api/deliveries/${deliveryId}/forward`, { token: await http.login('sekretaris.5271'), body: {} });
    expect(other.status).toBe(404);
    const peer = await http.request('POST', `/api/deliveries/${deliveryId}/forward`, { token: await http.login('kabag.umum.52'), body: {} });
    expect(peer.status).toBe(403);
  });

  it('returns a letter to its sender with a reason; the sender sees it, the drafter sees RETURNED', async () => {
    const { letterId, deliveryId } = await sumbawaToSekjen('Permohonan tambahan anggaran');
    const provinsi = await http.login('sekretaris.52');
    expect((await http.request('POST', `/api/deliveries/${deliveryId}/return`, { token: provinsi, body: { reason: '' } })).status).toBe(400);
    const res = await http.request('POST', `/api/deliveries/${deliveryId}/return`, { token: provinsi, body: { reason: 'Lampiran RAB belum ada' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'RETURNED', returnedTo: { positionId: await positionIdOf(ds, '5204', 'SEKRETARIS') } });
    await deliveriesOnceDispatched(ds, letterId);
    const inbox = await http.request('GET', `/api/inbox?q=${encodeURIComponent(`anggaran ${RUN}`)}`, { token: await http.login('sekretaris.5204') });
    expect(inbox.body.items[0]).toMatchObject({ letterId, arrivedBy: 'RETURN', sender: { name: NTB }, via: { officeName: NTB, note: 'Lampiran RAB belum ada' } });
    const route = await http.request('GET', `/api/deliveries/${inbox.body.items[0].id}/route`, { token: await http.login('sekretaris.5204') });
    expect(route.body.hops.map((h: { office: { code: string }; action: string }) => `${h.office.code}:${h.action}`)).toEqual(['5204:SEND', '52:RETURN', '5204:RECEIVED']);
    const sent = await http.request('GET', '/api/outbox?box=sent', { token: await http.login('kasubbag.umum.5204') });
    const mine = sent.body.items.find((l: { id: string }) => l.id === letterId);
    expect(mine.deliveryCounts).toMatchObject({ RETURNED: 1, DELIVERED: 1, total: 2 });
    expect(mine.deliveries[0]).toMatchObject({ status: 'RETURNED', actNote: 'Lampiran RAB belum ada' });
    expect((await http.request('POST', `/api/deliveries/${deliveryId}/forward`, { token: provinsi, body: {} })).status).toBe(409);
    expect((await http.request('POST', `/api/deliveries/${deliveryId}/return`, { token: provinsi, body: { reason: 'lagi' } })).status).toBe(409);
    const history = await http.request('GET', `/api/letters/${letterId}/history`, { token: await http.login('kasubbag.umum.5204') });
    expect(history.body.map((e: { action: string }) => e.action).filter((a: string) => !a.startsWith('DISPOSITION_'))).toEqual(['LETTER_SENT', 'LETTER_DELIVERED', 'LETTER_RETURNED_TO_SENDER', 'LETTER_DELIVERED']);
  });
});

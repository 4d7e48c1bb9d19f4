import { DataSource } from 'typeorm';
import { countRows, Http, startApiAndWorker } from '@naskah/testing';
import { deliveriesOnceDispatched, eventually, officeIdOf, positionIdOf } from '../../libs/testing/src/letters-fixture';
import { notificationsOf } from '../../libs/testing/src/disposition-fixture';
import { draftThroughApi, kabkotaOf, markSigned } from './group-support';

/** Delivery tracking of a sent letter (issue 12, item 4), over a circular from KPU RI to every office. */
describe('delivery tracking: a 552-office circular', () => {
  let http: Http;
  let ds: DataSource;
  let stop: () => Promise<void>;
  let letterId: string;
  let offices: number;
  const deliveryOf = async (officeCode: string) => String((await ds.query('SELECT d.id FROM deliveries d JOIN offices o ON o.id = d.office_id WHERE d.letter_id = ? AND o.code = ?', [letterId, officeCode]))[0].id);
  const call = async (user: string, method: string, url: string, body?: unknown) => http.request(method, url, { token: await http.login(user), body });
  const tracking = (user: string, query = '') => call(user, 'GET', `/api/letters/${letterId}/tracking${query}`);

  beforeAll(async () => {
    ({ http, ds, close: stop } = await startApiAndWorker());
    offices = Number((await ds.query("SELECT COUNT(*) AS n FROM offices WHERE level <> 'RI'"))[0].n);
    const draft = await draftThroughApi(http, 'staf.umum.ri', 'RI', [{ kind: 'TO', group: 'ALL_PROVINCES' }, { kind: 'TO', group: 'ALL_KABKOTA' }], { subject: 'Surat edaran pelacakan' });
    expect(draft.status).toBe(201);
    letterId = draft.body.id;
    await markSigned(ds, letterId);
    const sent = await call('staf.umum.ri', 'POST', `/api/letters/${letterId}/send`);
    expect(sent.body.targetCount).toBe(offices);
    await eventually(async () => ((await countRows(ds, 'deliveries', 'letter_id = ?', [letterId])) === offices ? true : undefined), 'the circular to land', 30_000);
  });
  afterAll(() => stop());

  it('lists every delivery by keyset pages, with counts by status that change as recipients read, dispose and follow up', async () => {
    expect(offices).toBe(552);
    const first = await tracking('staf.umum.ri', '?limit=200');
    expect(first.status).toBe(200);
    expect(first.body.counts).toEqual({ UNREAD: offices, READ: 0, FORWARDED: 0, DISPOSED: 0, ACTED: 0, RETURNED: 0, total: offices });
    const ids: string[] = [];
    let page = first.body;
    for (;;) {
      ids.push(...page.items.map((i: { deliveryId: string }) => i.deliveryId));
      if (!page.nextAfter) break;
      page = (await tracking('staf.umum.ri', `?limit=200&after=${page.nextAfter}`)).body;
    }
    expect(ids).toHaveLength(offices);
    expect(new Set(ids).size).toBe(offices);
    expect([...ids].sort((a, b) => Number(a) - Number(b))).toEqual(ids);

    // KPU Provinsi NTB reads; Kota Mataram's Ketua disposes to its Sekretaris, who finishes; Sumbawa's Ketua disposes (open)
    const ntb = await deliveryOf('52');
    expect((await call('ketua.52', 'POST', `/api/deliveries/${ntb}/read`)).status).toBeLessThan(300);
    const mataram = await deliveryOf('5271');
    const [disp] = (await call('ketua.5271', 'POST', '/api/dispositions', { deliveryId: mataram, recipientPositionIds: [await positionIdOf(ds, '5271', 'SEKRETARIS')], instructionCodes: ['TINDAK_LANJUTI'] })).body;
    const sumbawa = await deliveryOf('5204');
    const open = await call('ketua.5204', 'POST', '/api/dispositions', { deliveryId: sumbawa, recipientPositionIds: [await positionIdOf(ds, '5204', 'SEKRETARIS')], instructionCodes: ['PELAJARI'] });
    expect(open.status).toBe(201);
    let counts = (await tracking('sekjen.ri')).body.counts;
    expect(counts).toMatchObject({ READ: 1, DISPOSED: 2, ACTED: 0, UNREAD: offices - 3, total: offices });
    const done = await call('sekretaris.5271', 'POST', `/api/dispositions/${disp.id}/complete`, { body: 'Sudah ditindaklanjuti.' });
    expect(done.body.status).toBe('DONE');
    counts = (await tracking('sekjen.ri')).body.counts;
    expect(counts).toMatchObject({ READ: 1, DISPOSED: 1, ACTED: 1, UNREAD: offices - 3 });

    // filters: by status, by level, by province (the Provinsi and its Kab/Kota), by name; each row with its times
    const read = (await tracking('staf.umum.ri', '?status=READ')).body.items;
    expect(read).toEqual([expect.objectContaining({ deliveryId: ntb, status: 'READ', office: expect.objectContaining({ code: '52' }), readAt: expect.any(String), deliveredTo: null })]);
    const acted = (await tracking('staf.umum.ri', '?status=ACTED')).body.items;
    expect(acted).toEqual([expect.objectContaining({ deliveryId: mataram, disposedAt: expect.any(String), followedUpAt: expect.any(String) })]);
    expect((await tracking('staf.umum.ri', '?status=DISPOSED')).body.items.map((i: { deliveryId: string }) => i.deliveryId)).toEqual([sumbawa]);
    expect((await tracking('staf.umum.ri', '?level=PROVINSI&limit=200')).body.items).toHaveLength(38);
    const ntbId = await officeIdOf(ds, '52');
    const inNtb = (await tracking('staf.umum.ri', `?provinceOfficeId=${ntbId}&limit=200`)).body.items;
    expect(inNtb).toHaveLength(1 + (await kabkotaOf(ds, '52')).length);
    expect((await tracking('staf.umum.ri', '?q=Mataram')).body.items.map((i: { office: { code: string } }) => i.office.code)).toEqual(['5271']);
    expect((await tracking('staf.umum.ri', '?kind=CC')).body.items).toEqual([]);
    expect((await tracking('staf.umum.ri', '?status=DIBACA')).status).toBe(400);
  });

  it('reminds only the unread, once within the hour, through the notifications (audited)', async () => {
    const unread = (await tracking('staf.umum.ri')).body.counts.UNREAD as number;
    const first = await call('staf.umum.ri', 'POST', `/api/letters/${letterId}/tracking/remind-unread`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ reminded: unread, unread, alreadyRemindedAt: null });
    await eventually(async () => ((await notificationsOf(ds, 'ketua.3201', 'LETTER_UNREAD_REMINDER')).length === 1 ? true : undefined), 'the reminder to reach ketua.3201');
    const again = await call('karo.umum.ri', 'POST', `/api/letters/${letterId}/tracking/remind-unread`);
    expect(again.body).toMatchObject({ reminded: 0, alreadyRemindedAt: first.body.remindedAt });
    // the second click wrote no job (so it can notify nobody later): one reminder job, one notification per unread Ketua
    expect(await countRows(ds, 'outbox', 'job_id LIKE ?', [`%letter-${letterId}-unread-%`])).toBe(1);
    expect(await notificationsOf(ds, 'ketua.3201', 'LETTER_UNREAD_REMINDER')).toHaveLength(1);
    const [job] = await ds.query('SELECT payload FROM outbox WHERE job_id LIKE ?', [`%letter-${letterId}-unread-%`]);
    const told = new Set<number>((typeof job.payload === 'string' ? JSON.parse(job.payload) : job.payload).positionIds);
    expect(told.size).toBe(unread);
    // who has read or disposed is not reminded (read: KPU Provinsi NTB; disposed: Kota Mataram, Kabupaten Sumbawa)
    for (const office of ['52', '5271', '5204']) expect(told.has(await positionIdOf(ds, office, 'KETUA'))).toBe(false);
    expect(told.has(await positionIdOf(ds, '3201', 'KETUA'))).toBe(true);
    for (const user of ['ketua.52', 'ketua.5271', 'ketua.5204']) expect(await notificationsOf(ds, user, 'LETTER_UNREAD_REMINDER')).toHaveLength(0);
    expect((await notificationsOf(ds, 'ketua.3201', 'LETTER_UNREAD_REMINDER'))[0].payload).toMatchObject({ letterId });
    expect(await countRows(ds, 'audit_events', "entity_type = 'letter' AND entity_id = ? AND action = 'LETTER_UNREAD_REMINDED'", [letterId])).toBe(1);
  });

  it('is for the sending office only: drafter, signer, their superiors and its registrar; a recipient gets 403, an uninvolved office 404', async () => {
    for (const user of ['staf.umum.ri', 'sekjen.ri', 'karo.umum.ri', 'ketua.ri', 'admin']) expect([user, (await tracking(user)).status]).toEqual([user, 200]);
    expect((await tracking('karo.teknis.ri')).body.code).toBe('NOT_TRACKING_PARTY'); // same office, not above the drafter or signer
    expect((await tracking('ketua.52')).body.code).toBe('NOT_TRACKING_PARTY'); // a recipient sees the letter, not the tracking
    expect((await call('ketua.52', 'POST', `/api/letters/${letterId}/tracking/remind-unread`)).status).toBe(403);

    const draft = await draftThroughApi(http, 'staf.umum.ri', 'RI', [{ kind: 'TO', group: 'KABKOTA_OF_PROVINCE', provinceOfficeId: await officeIdOf(ds, '52') }]);
    const notSent = await call('staf.umum.ri', 'GET', `/api/letters/${draft.body.id}/tracking`);
    expect([notSent.status, notSent.body.code]).toEqual([409, 'LETTER_NOT_SENT']);
    await markSigned(ds, draft.body.id);
    expect((await call('staf.umum.ri', 'POST', `/api/letters/${draft.body.id}/send`)).status).toBe(201);
    await deliveriesOnceDispatched(ds, draft.body.id);
    expect((await call('staf.umum.ri', 'GET', `/api/letters/${draft.body.id}/tracking`)).body.counts.total).toBe((await kabkotaOf(ds, '52')).length);
    expect((await call('sekretaris.3201', 'GET', `/api/letters/${draft.body.id}/tracking`)).status).toBe(404);
    expect((await call('sekretaris.3201', 'POST', `/api/letters/${draft.body.id}/tracking/remind-unread`)).status).toBe(404);
    expect((await call('staf.umum.ri', 'GET', '/api/letters/0123/tracking')).status).toBe(400);
  });
});

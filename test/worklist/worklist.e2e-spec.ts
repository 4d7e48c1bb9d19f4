import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { Http, startApiAndWorker } from '@naskah/testing';
import { DispositionQueuesQuery } from '@naskah/disposition';
import { WORKLIST_COUNT_CAP } from '@naskah/correspondence';
import { eventually, positionIdOf, userIdOf } from '../../libs/testing/src/letters-fixture';
import { openNotificationStream, SseStream } from '../../libs/testing/src/sse-client';
import { arrivesOnce, countOf, expectCountIsList, notesAbout, walk } from './worklist-support';

const RUN = `W${Date.now().toString(36)}`;
const PASSWORD = 'Naskah#2026';
const jakartaToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

/**
 * Everyone finds their work (issue 12): a letter drafted at KPU Kabupaten Sumbawa walks through
 * the queues of the people it waits for — reviewer 1, reviewer 2 (and the Plt acting for reviewer
 * 2's position), the signer, the sender and the registrar — is sent to the Sekretaris Jenderal by
 * way of KPU Provinsi NTB (to be forwarded), read and disposed. At each step the item is in the
 * right queue at the right moment and leaves when done; counts equal the lists; the notification
 * of each step arrives once, names the letter and is read once its item is opened. Real API,
 * real worker (render, dispatch, notifications), real MariaDB and Redis.
 */
describe('work queues and their notifications', () => {
  let http: Http;
  let ds: DataSource;
  let stop: () => Promise<void>;
  let port: number;
  const T: Record<string, string> = {};
  const pos: Record<string, number> = {};
  let letterId: string;
  let delegationId: string;
  const subject = `Usulan penggantian antarwaktu PPK ${RUN}`;
  const search = `&q=${encodeURIComponent(RUN)}`;
  /** The queue filtered to this suite's letter. */
  const mine = async (user: string, queue: string) => walk(http, T[user], queue, search);

  beforeAll(async () => {
    ({ http, ds, close: stop } = await startApiAndWorker());
    await http.app.listen(0, '127.0.0.1');
    port = (http.app.getHttpServer().address() as AddressInfo).port;
    for (const u of ['kasubbag.umum.5204', 'kasubbag.teknis.5204', 'sekretaris.5204', 'ketua.5204', 'pencatat.5204', 'staf.umum.5204', 'sekretaris.52', 'sekjen.ri', 'karo.umum.ri', 'admin']) {
      T[u] = await http.login(u);
    }
    for (const code of ['KASUBBAG-TPH', 'SEKRETARIS', 'KETUA']) pos[code] = await positionIdOf(ds, '5204', code);
    pos.SEKJEN = await positionIdOf(ds, 'RI', 'SEKJEN');
    pos['KARO-BKU'] = await positionIdOf(ds, 'RI', 'KARO-BKU');
  });
  afterAll(async () => {
    if (delegationId) await http.request('DELETE', `/api/admin/delegations/${delegationId}`, { token: T.admin });
    await stop();
  });

  it('a draft is in reviewer 1’s "perlu paraf" once submitted, and only reviewer 1’s; told once, by a title naming the letter', async () => {
    const created = await http.request('POST', '/api/letters', {
      token: T['kasubbag.umum.5204'],
      body: {
        typeCode: 'SD', subject, summary: 'PAW', body: 'Dengan hormat,\n\nBersama ini kami sampaikan usulan.', securityClass: 'B', urgency: 'SEGERA', classificationCode: 'PY.01.1',
        recipients: [{ kind: 'TO', positionId: pos.SEKJEN }], reviewerPositionIds: [pos['KASUBBAG-TPH'], pos.SEKRETARIS], signerPositionId: pos.KETUA,
      },
    });
    expect(created.status).toBe(201);
    letterId = String(created.body.id);
    expect(await mine('kasubbag.teknis.5204', 'review')).toEqual([]); // a draft not submitted waits for nobody
    expect((await http.request('POST', `/api/letters/${letterId}/submit`, { token: T['kasubbag.umum.5204'] })).body.status).toBe('IN_REVIEW');

    const [item] = await mine('kasubbag.teknis.5204', 'review');
    expect(item).toMatchObject({ id: letterId, kind: 'LETTER', letterId, subject, urgency: 'SEGERA', positionId: pos['KASUBBAG-TPH'], status: 'IN_REVIEW' });
    expect(await mine('sekretaris.5204', 'review')).toEqual([]);
    await expectCountIsList(http, T['kasubbag.teknis.5204'], 'review');
    await expectCountIsList(http, T['sekretaris.5204'], 'review');

    const n = await arrivesOnce(ds, 'kasubbag.teknis.5204', 'REVIEW_REQUESTED', 'letterId', letterId);
    expect(n.payload.title).toBe(`Perlu paraf: "${subject}"`);
    expect(await notesAbout(ds, 'sekretaris.5204', 'REVIEW_REQUESTED', 'letterId', letterId)).toEqual([]);
  });

  it('a Plt sees the queues of the position they act for: reviewer 2’s step reaches the Sekretaris and the Plt Sekretaris only after reviewer 1 approved, with a worklist-changed on the stream', async () => {
    const res = await http.request('POST', '/api/admin/delegations', {
      token: T.admin, body: { userId: await userIdOf(ds, 'staf.umum.5204'), positionId: pos.SEKRETARIS, kind: 'PLT', startsOn: jakartaToday(), endsOn: jakartaToday() },
    });
    expect(res.status).toBe(201);
    delegationId = String(res.body.id);
    const counts = await http.request('GET', '/api/worklist', { token: T['staf.umum.5204'] });
    expect(counts.body.positionIds).toContain(pos.SEKRETARIS);
    expect(await mine('staf.umum.5204', 'review')).toEqual([]);

    const stream: SseStream = await openNotificationStream(port, T['sekretaris.5204']);
    try {
      await eventually(async () => (stream.events.some((e) => e.event === 'ready') ? true : undefined), 'the stream to be ready');
      // reviewer 1 opens the letter (its notification is read), then approves
      expect((await http.request('GET', `/api/letters/${letterId}`, { token: T['kasubbag.teknis.5204'] })).status).toBe(200);
      expect((await notesAbout(ds, 'kasubbag.teknis.5204', 'REVIEW_REQUESTED', 'letterId', letterId))[0].read_at).not.toBeNull();
      expect((await http.request('POST', `/api/letters/${letterId}/review`, { token: T['kasubbag.teknis.5204'], body: { decision: 'APPROVE' } })).body.status).toBe('IN_REVIEW');

      expect(await mine('kasubbag.teknis.5204', 'review')).toEqual([]);
      for (const user of ['sekretaris.5204', 'staf.umum.5204']) {
        const [item] = await mine(user, 'review');
        expect(item).toMatchObject({ id: letterId, positionId: pos.SEKRETARIS });
        await expectCountIsList(http, T[user], 'review');
        expect((await arrivesOnce(ds, user, 'REVIEW_REQUESTED', 'letterId', letterId)).payload.title).toBe(`Perlu paraf: "${subject}"`);
      }
      await eventually(async () => (stream.events.some((e) => e.event === 'worklist-changed') ? true : undefined), 'worklist-changed on reviewer 2’s stream');
    } finally {
      stream.close();
    }
  });

  it('the last approval puts it in the signer’s "perlu tanda tangan"; signing takes it out, and it is "siap dikirim" for the drafter and the registrar once rendered', async () => {
    // the Plt Sekretaris acts for the position: the draft leaves the Sekretaris' queue too
    expect((await http.request('POST', `/api/letters/${letterId}/review`, { token: T['staf.umum.5204'], body: { decision: 'APPROVE' } })).body.status).toBe('APPROVED');
    expect(await mine('sekretaris.5204', 'review')).toEqual([]);
    expect(await mine('staf.umum.5204', 'review')).toEqual([]);
    const [item] = await mine('ketua.5204', 'signature');
    expect(item).toMatchObject({ id: letterId, positionId: pos.KETUA, status: 'APPROVED' });
    await expectCountIsList(http, T['ketua.5204'], 'signature');
    expect((await arrivesOnce(ds, 'ketua.5204', 'SIGNATURE_REQUESTED', 'letterId', letterId)).payload.title).toBe(`Perlu tanda tangan: "${subject}"`);
    expect(await mine('kasubbag.umum.5204', 'ready-to-send')).toEqual([]);

    const signed = await http.request('POST', `/api/letters/${letterId}/sign`, { token: T['ketua.5204'], body: { password: PASSWORD } });
    expect(signed.status).toBe(201);
    expect(await mine('ketua.5204', 'signature')).toEqual([]);
    const number: string = signed.body.number;

    // READY_TO_SEND waits for the signed document (the render job): then drafter and registrar are told, once, by number
    for (const user of ['kasubbag.umum.5204', 'pencatat.5204']) {
      expect((await arrivesOnce(ds, user, 'READY_TO_SEND', 'letterId', letterId)).payload.title).toBe(`Siap dikirim: nomor ${number}`);
      const [ready] = await mine(user, 'ready-to-send');
      expect(ready).toMatchObject({ id: letterId, number, status: 'SIGNED' });
      await expectCountIsList(http, T[user], 'ready-to-send');
    }
    const [{ document_sha256: sha }] = await ds.query('SELECT document_sha256 FROM letters WHERE id = ?', [letterId]);
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    // the signer may send it too (SendService.sender); a reviewer may not
    expect((await mine('ketua.5204', 'ready-to-send')).map((i) => i.id)).toEqual([letterId]);
    expect(await mine('sekretaris.5204', 'ready-to-send')).toEqual([]);

    // opening the letter reads the drafter's READY_TO_SEND (and the approvals' notices of other users stay as they are)
    expect((await http.request('GET', `/api/letters/${letterId}`, { token: T['kasubbag.umum.5204'] })).status).toBe(200);
    expect((await notesAbout(ds, 'kasubbag.umum.5204', 'READY_TO_SEND', 'letterId', letterId))[0].read_at).not.toBeNull();
    expect((await notesAbout(ds, 'pencatat.5204', 'READY_TO_SEND', 'letterId', letterId))[0].read_at).toBeNull();
  });

  it('sent by the registrar, it leaves "siap dikirim" and waits at KPU Provinsi NTB in "perlu diteruskan" (LETTER_RECEIVED with toBeForwarded, naming the letter)', async () => {
    expect((await http.request('POST', `/api/letters/${letterId}/send`, { token: T['pencatat.5204'] })).status).toBe(201);
    for (const user of ['kasubbag.umum.5204', 'pencatat.5204', 'ketua.5204']) expect(await mine(user, 'ready-to-send')).toEqual([]);
    const [{ number }] = await ds.query('SELECT number FROM letters WHERE id = ?', [letterId]);
    const n = await arrivesOnce(ds, 'sekretaris.52', 'LETTER_RECEIVED', 'letterId', letterId);
    expect(n.payload).toMatchObject({ title: `Surat masuk untuk diteruskan: nomor ${number}`, toBeForwarded: true });
    const [fwd] = await mine('sekretaris.52', 'to-forward');
    expect(fwd).toMatchObject({ kind: 'DELIVERY', letterId, deliveryId: n.payload.deliveryId, positionId: await positionIdOf(ds, '52', 'SEKRETARIS') });
    expect((await mine('sekretaris.52', 'unread')).map((i) => i.id)).toEqual([fwd.id]);
    await expectCountIsList(http, T['sekretaris.52'], 'to-forward');
    await expectCountIsList(http, T['sekretaris.52'], 'unread');
    expect(await mine('sekjen.ri', 'unread')).toEqual([]); // not delivered to KPU RI before the Provinsi forwards it

    // opening the delivery reads its notification; forwarding takes it out of "perlu diteruskan"
    expect((await http.request('GET', `/api/deliveries/${fwd.id}`, { token: T['sekretaris.52'] })).status).toBe(200);
    expect((await notesAbout(ds, 'sekretaris.52', 'LETTER_RECEIVED', 'letterId', letterId))[0].read_at).not.toBeNull();
    expect((await http.request('POST', `/api/deliveries/${fwd.id}/forward`, { token: T['sekretaris.52'], body: { note: 'Diteruskan' } })).status).toBe(201);
    expect(await mine('sekretaris.52', 'to-forward')).toEqual([]);
  });

  it('at KPU RI it is "belum dibaca" until opened and "belum ditindaklanjuti" until disposed; the disposition waits in the recipient’s "disposisi masuk"', async () => {
    const n = await arrivesOnce(ds, 'sekjen.ri', 'LETTER_RECEIVED', 'letterId', letterId);
    const deliveryId = String(n.payload.deliveryId);
    expect((await mine('sekjen.ri', 'unread')).map((i) => i.id)).toEqual([deliveryId]);
    expect((await mine('sekjen.ri', 'no-follow-up')).map((i) => i.id)).toEqual([deliveryId]);
    await expectCountIsList(http, T['sekjen.ri'], 'no-follow-up');
    // a history queue is counted no further than the cap: past it the counter says "more than"
    const nf = http.app.get(DispositionQueuesQuery);
    try {
      nf.countCap = 0;
      expect(await countOf(http, T['sekjen.ri'], 'no-follow-up')).toMatchObject({ count: 0, capped: true });
      nf.countCap = 1;
      expect(await countOf(http, T['sekjen.ri'], 'no-follow-up')).toMatchObject({ count: 1, capped: false });
    } finally {
      nf.countCap = WORKLIST_COUNT_CAP;
    }
    expect((await http.request('POST', `/api/deliveries/${deliveryId}/read`, { token: T['sekjen.ri'] })).status).toBe(200);
    expect(await mine('sekjen.ri', 'unread')).toEqual([]);
    expect((await mine('sekjen.ri', 'no-follow-up')).map((i) => i.id)).toEqual([deliveryId]); // read is not followed up

    const issued = await http.request('POST', '/api/dispositions', {
      token: T['sekjen.ri'], body: { deliveryId, recipientPositionIds: [pos['KARO-BKU']], instructionCodes: ['TINDAK_LANJUTI'], priority: 'AMAT_SEGERA' },
    });
    expect(issued.status).toBe(201);
    expect(await mine('sekjen.ri', 'no-follow-up')).toEqual([]);
    const dispositionId = String(issued.body[0].id);
    const [d] = await mine('karo.umum.ri', 'dispositions');
    expect(d).toMatchObject({ kind: 'DISPOSITION', dispositionId, letterId, urgency: 'AMAT_SEGERA', status: 'UNREAD', positionId: pos['KARO-BKU'] });
    const unread = await walk(http, T['karo.umum.ri'], 'dispositions', '&filter=unread');
    expect((await countOf(http, T['karo.umum.ri'], 'dispositions')).sub!.unread).toBe(unread.length);
    await expectCountIsList(http, T['karo.umum.ri'], 'dispositions');
    await arrivesOnce(ds, 'karo.umum.ri', 'DISPOSITION_NEW', 'dispositionId', dispositionId);
    expect((await http.request('GET', `/api/dispositions/${dispositionId}`, { token: T['karo.umum.ri'] })).status).toBe(200);
    expect((await notesAbout(ds, 'karo.umum.ri', 'DISPOSITION_NEW', 'dispositionId', dispositionId))[0].read_at).not.toBeNull();
  });

  it('sorts by urgency, pages by keyset without gaps or repeats, and searches text literally', async () => {
    const user = 'sekjen.ri';
    const byDate = await walk(http, T[user], 'unread');
    const byUrgency = await walk(http, T[user], 'unread', '&sort=urgency');
    expect(new Set(byUrgency.map((i) => i.id)).size).toBe(byUrgency.length);
    expect([...byUrgency.map((i) => i.id)].sort()).toEqual([...byDate.map((i) => i.id)].sort());
    const rank = { BIASA: 1, SEGERA: 2, AMAT_SEGERA: 3 } as Record<string, number>;
    for (let i = 1; i < byUrgency.length; i++) expect(rank[byUrgency[i - 1].urgency as string]).toBeGreaterThanOrEqual(rank[byUrgency[i].urgency as string]);
    for (let i = 1; i < byDate.length; i++) expect(new Date(byDate[i - 1].date as string).getTime()).toBeGreaterThanOrEqual(new Date(byDate[i].date as string).getTime());
    // "%" and "_" are searched as themselves, not as wildcards
    expect(await walk(http, T['ketua.5204'], 'signature', '&q=%25')).toEqual([]);
    expect(await walk(http, T['ketua.5204'], 'signature', '&q=_')).toEqual([]);
    const bad = await http.request('GET', '/api/worklist/unread?cursor=bm90LWEtY3Vyc29y', { token: T[user] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('cursor');
    const unknown = await http.request('GET', '/api/worklist/everything', { token: T[user] });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('queue');
  });

  it('a copy the office no longer holds (destroyed there) leaves its "belum dibaca" count and list alike', async () => {
    // this suite's letter as delivered to the Sekretaris Jenderal, made unread again for the check
    const user = 'sekjen.ri';
    const [d] = await ds.query('SELECT id, letter_id, office_id, read_at FROM deliveries WHERE letter_id = ? AND position_id = ?', [letterId, pos.SEKJEN]);
    await ds.query('UPDATE deliveries SET read_at = NULL WHERE id = ?', [d.id]);
    try {
      const before = await expectCountIsList(http, T[user], 'unread');
      expect(before.map((i) => i.id)).toContain(String(d.id));
      // the state the records context leaves when KPU RI destroys its copy (records-ownership covers the destruction itself)
      await ds.query("INSERT INTO letter_holdings_ended (letter_id, office_id, reason, ended_at) VALUES (?, ?, 'DESTROYED', NOW(3))", [d.letter_id, d.office_id]);
      try {
        const after = await expectCountIsList(http, T[user], 'unread');
        expect(after.length).toBe(before.length - 1);
        expect(after.map((i) => i.id)).not.toContain(String(d.id));
      } finally {
        await ds.query('DELETE FROM letter_holdings_ended WHERE letter_id = ? AND office_id = ?', [d.letter_id, d.office_id]);
      }
      expect((await countOf(http, T[user], 'unread')).count).toBe(before.length);
    } finally {
      await ds.query('UPDATE deliveries SET read_at = ? WHERE id = ?', [d.read_at, d.id]);
    }
  });

  it('counts every queue in one cheap request (reports p50 on this database)', async () => {
    const token = T['sekretaris.52'];
    const times: number[] = [];
    for (let i = 0; i < 40; i++) {
      const t0 = performance.now();
      expect((await http.request('GET', '/api/worklist', { token })).status).toBe(200);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const trip: number[] = [];
    for (let i = 0; i < 40; i++) {
      const t0 = performance.now();
      await ds.query('SELECT 1');
      trip.push(performance.now() - t0);
    }
    trip.sort((a, b) => a - b);
    const body = (await http.request('GET', '/api/worklist', { token })).body;
    expect(body.queues.map((q: { queue: string }) => q.queue)).toEqual(['review', 'signature', 'returned', 'ready-to-send', 'to-forward', 'unread', 'no-follow-up', 'dispositions', 'proposals', 'unfiled']);
    expect(body.queues.find((q: { queue: string }) => q.queue === 'unfiled')).toMatchObject({ applies: false, count: 0 });
    console.log(`GET /api/worklist (sekretaris.52, in-process): p50 ${times[20].toFixed(1)} ms, p90 ${times[36].toFixed(1)} ms; one SELECT 1 round trip p50 ${trip[20].toFixed(2)} ms`);
  });
});

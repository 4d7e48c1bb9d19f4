import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DispatchJob } from '@naskah/correspondence';
import { NotifyPositionsJob } from '@naskah/notification';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QueueName } from '@naskah/queue';
import { countRows, Http, startApiAndWorker } from '@naskah/testing';
import { notificationsOf } from '../../libs/testing/src/disposition-fixture';
import { deliveriesOnceDispatched, eventually, insertSignedLetterFixture, positionIdOf } from '../../libs/testing/src/letters-fixture';
import { openNotificationStream } from '../../libs/testing/src/sse-client';

const RUN = `R${Date.now().toString(36)}`;
const NTB = 'KPU Provinsi Nusa Tenggara Barat';

/**
 * LETTER_RECEIVED and DRAFT_RETURNED through the real path: API → outbox → worker (dispatch job
 * writes the notification job in the delivery transaction) → outbox → worker → notifications
 * table + Redis bus → the open SSE stream. Works at Kota Mataram (5271) and Kab. Bogor (3201).
 */
describe('letter notifications: received, copied, forwarded, returned, registered, draft returned', () => {
  let http: Http;
  let ds: DataSource;
  let worker: INestApplicationContext;
  let stop: () => Promise<void>;
  let port: number;

  beforeAll(async () => {
    ({ http, ds, worker, close: stop } = await startApiAndWorker());
    await http.app.listen(0, '127.0.0.1');
    port = (http.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => stop());

  const about = async (user: string, letterId: string, type = 'LETTER_RECEIVED') => (await notificationsOf(ds, user, type)).filter((n) => n.payload.letterId === letterId);
  const arrives = (user: string, letterId: string, type = 'LETTER_RECEIVED') =>
    eventually(async () => (await about(user, letterId, type))[0], `${type} for ${user} about letter ${letterId}`);
  /** Every NOTIFY_POSITIONS job of the letter's transmissions has run (so "nothing arrived" means nothing was sent). */
  const notifyJobsDone = (letterId: string) =>
    eventually(async () => {
      const rows = await ds.query(
        `SELECT o.job_id FROM outbox o JOIN transmissions t ON o.job_id LIKE CONCAT('notify-positions_transmission-', t.id, '-%') WHERE t.letter_id = ? AND o.sent_at IS NOT NULL`,
        [letterId],
      );
      if (!rows.length) return undefined;
      const q = worker.get<Queue>(getQueueToken(QueueName.NOTIFICATIONS), { strict: false });
      const states = await Promise.all(rows.map(async (r: { job_id: string }) => (await q.getJob(r.job_id))?.getState()));
      return states.every((s) => s === 'completed') ? rows.length : undefined;
    }, `the notification jobs of letter ${letterId}`);

  it('puts a new letter in the addressee’s list and on their open stream at once; a copy is told as a copy', async () => {
    const token = await http.login('ketua.5271');
    const stream = await openNotificationStream(port, token);
    try {
      await eventually(async () => (stream.events.some((e) => e.event === 'ready') ? true : undefined), 'the ready event');
      const { letterId, number } = await insertSignedLetterFixture(ds, {
        office: 'RI', subject: `Undangan rapat koordinasi ${RUN}`, to: [{ office: '5271', position: 'KETUA' }], cc: [{ office: '5271', position: 'SEKRETARIS' }],
      });
      expect((await http.request('POST', `/api/letters/${letterId}/send`, { token: await http.login('sekjen.ri') })).status).toBe(201);
      const deliveries = await deliveriesOnceDispatched(ds, letterId);
      const toKetua = deliveries.find((d) => d.kind === 'TO')!;
      const e = await eventually(async () => stream.events.find((x) => x.event === 'notification' && x.data.payload.letterId === letterId), 'LETTER_RECEIVED on the stream', 10_000);
      expect(e.data).toMatchObject({ type: 'LETTER_RECEIVED', readAt: null, payload: { title: `Surat masuk baru: nomor ${number}`, letterId, deliveryId: String(toKetua.id) } });
      expect(e.id).toBe(e.data.id);

      const list = await http.request('GET', '/api/notifications?unread=true', { token });
      expect(list.body.items.find((n: { id: string }) => n.id === e.data.id)).toMatchObject({ type: 'LETTER_RECEIVED', payload: { letterId } });
      const copy = await arrives('sekretaris.5271', letterId);
      expect(copy.payload).toMatchObject({ title: `Tembusan surat masuk: nomor ${number}`, deliveryId: String(deliveries.find((d) => d.kind === 'CC')!.id) });
      // the page opens what the notification names
      expect((await http.request('GET', `/api/deliveries/${toKetua.id}`, { token })).status).toBe(200);
    } finally {
      stream.close();
    }
  });

  it('does not notify twice when the dispatch job and its notification job are replayed (worker crash)', async () => {
    const { letterId } = await insertSignedLetterFixture(ds, { office: 'RI', subject: `Ulang ${RUN}`, to: [{ office: '5271', position: 'KETUA' }, { office: '5271', position: 'SEKRETARIS' }] });
    await http.request('POST', `/api/letters/${letterId}/send`, { token: await http.login('sekjen.ri') });
    await deliveriesOnceDispatched(ds, letterId);
    await arrives('ketua.5271', letterId);
    await arrives('sekretaris.5271', letterId);
    const [{ id: transmissionId }] = await ds.query('SELECT id FROM transmissions WHERE letter_id = ?', [letterId]);
    const key = `notify-positions_transmission-${transmissionId}-%`;
    expect(await countRows(ds, 'outbox', 'job_id LIKE ?', [key])).toBe(1); // two addressees, one job

    const job = worker.get(DispatchJob, { strict: false });
    await expect(Promise.all([job.handle({ transmissionId }), job.handle({ transmissionId })])).resolves.toEqual([{ created: 0 }, { created: 0 }]);
    // the relay dies after enqueueing and before marking the row sent: it is relayed (and run) again
    await ds.query('UPDATE outbox SET sent_at = NULL WHERE job_id LIKE ?', [key]);
    await eventually(async () => (Number((await ds.query('SELECT attempts FROM outbox WHERE job_id LIKE ? AND sent_at IS NOT NULL', [key]))[0]?.attempts) === 2 ? true : undefined), 'relayed again');
    await notifyJobsDone(letterId);
    expect(await countRows(ds, 'outbox', 'job_id LIKE ?', [key])).toBe(1);
    // the notification job itself run again (its BullMQ id forgotten): every user already has it
    const [{ payload }] = await ds.query('SELECT payload FROM outbox WHERE job_id LIKE ?', [key]);
    await expect(worker.get(NotifyPositionsJob, { strict: false }).run(typeof payload === 'string' ? JSON.parse(payload) : payload)).resolves.toEqual({ sent: 0 });
    expect(await about('ketua.5271', letterId)).toHaveLength(1);
    expect(await about('sekretaris.5271', letterId)).toHaveLength(1);
  });

  it('tells nobody who may not see the letter: a Rahasia letter reaches its addressee only', async () => {
    const { letterId } = await insertSignedLetterFixture(ds, { office: 'RI', subject: `Rahasia ${RUN}`, securityClass: 'R', to: [{ office: '3201', position: 'SEKRETARIS' }] });
    await http.request('POST', `/api/letters/${letterId}/send`, { token: await http.login('sekjen.ri') });
    await arrives('sekretaris.3201', letterId);
    await notifyJobsDone(letterId);
    for (const user of ['ketua.3201', 'kasubbag.umum.3201', 'staf.umum.3201', 'ketua.5271']) {
      expect((await http.request('GET', `/api/letters/${letterId}`, { token: await http.login(user) })).status).toBe(404);
      expect(await about(user, letterId)).toEqual([]);
    }
  });

  it('follows the route: the Provinsi is told to forward, the Sekjen only once it is forwarded; a returned letter tells its sender', async () => {
    const { letterId, number } = await insertSignedLetterFixture(ds, { office: '5271', subject: `Usulan ${RUN}`, to: [{ office: 'RI', position: 'SEKJEN' }] });
    await http.request('POST', `/api/letters/${letterId}/send`, { token: await http.login('sekretaris.5271') });
    const [atProvinsi] = await deliveriesOnceDispatched(ds, letterId);
    expect((await arrives('sekretaris.52', letterId)).payload).toMatchObject({ title: `Surat masuk untuk diteruskan: nomor ${number}`, toBeForwarded: true, deliveryId: String(atProvinsi.id) });
    await notifyJobsDone(letterId);
    expect(await about('sekjen.ri', letterId)).toEqual([]); // it may see the letter, but nothing is in its inbox yet

    expect((await http.request('POST', `/api/deliveries/${atProvinsi.id}/forward`, { token: await http.login('sekretaris.52'), body: { note: 'Mohon ditindaklanjuti' } })).status).toBe(201);
    const all = await deliveriesOnceDispatched(ds, letterId);
    const atRi = all.find((d) => d.id !== atProvinsi.id)!;
    expect((await arrives('sekjen.ri', letterId)).payload).toMatchObject({ title: `Surat masuk diteruskan oleh ${NTB}: nomor ${number}`, deliveryId: String(atRi.id) });

    const { letterId: other, number: otherNumber } = await insertSignedLetterFixture(ds, { office: '5271', subject: `Usulan kurang lengkap ${RUN}`, to: [{ office: 'RI', position: 'SEKJEN' }] });
    await http.request('POST', `/api/letters/${other}/send`, { token: await http.login('sekretaris.5271') });
    const [held] = await deliveriesOnceDispatched(ds, other);
    expect((await http.request('POST', `/api/deliveries/${held.id}/return`, { token: await http.login('sekretaris.52'), body: { reason: 'Lampiran belum ada' } })).status).toBe(201);
    await deliveriesOnceDispatched(ds, other);
    expect((await arrives('sekretaris.5271', other)).payload).toMatchObject({ title: `Surat dikembalikan oleh ${NTB}: nomor ${otherNumber}`, deliveryId: expect.any(String) });
  });

  it('tells the position a registrar delivers an external letter to', async () => {
    const boundary = `----naskah${RUN}`;
    const fields: Record<string, string> = {
      senderName: 'Bawaslu Kabupaten Bogor', externalNumber: `12/BWS/${RUN}`, externalDate: '2026-11-20', subject: `Pemberitahuan ${RUN}`,
      urgency: 'BIASA', securityClass: 'B', toPositionId: String(await positionIdOf(ds, '3201', 'KASUBBAG-TPH')),
    };
    const body = Buffer.from(Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') + `--${boundary}--\r\n`);
    const res = await http.request('POST', '/api/incoming', { token: await http.login('pencatat.3201'), body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(res.status).toBe(201);
    expect((await arrives('kasubbag.teknis.3201', res.body.letterId)).payload).toMatchObject({ title: `Surat masuk baru: nomor 12/BWS/${RUN}`, deliveryId: expect.any(String) });
    await notifyJobsDone(res.body.letterId);
    expect(await about('pencatat.3201', res.body.letterId)).toEqual([]);
  });

  it('tells the drafter when a reviewer returns the draft (DRAFT_RETURNED), once per return', async () => {
    const pos = async (code: string) => positionIdOf(ds, '3201', code);
    const drafter = await http.login('kasubbag.umum.3201');
    const reviewer = await http.login('kasubbag.teknis.3201');
    const created = await http.request('POST', '/api/letters', {
      token: drafter,
      body: {
        typeCode: 'ND', subject: `Konsep nota dinas ${RUN}`, summary: 'Nota', body: 'Isi nota dinas.', securityClass: 'B', urgency: 'BIASA', classificationCode: 'PY.01.1',
        recipients: [{ kind: 'TO', positionId: await pos('SEKRETARIS') }], reviewerPositionIds: [await pos('KASUBBAG-TPH')], signerPositionId: await pos('SEKRETARIS'),
      },
    });
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    const returnOnce = async () => {
      expect((await http.request('POST', `/api/letters/${id}/submit`, { token: drafter })).body.status).toBe('IN_REVIEW');
      expect((await http.request('POST', `/api/letters/${id}/review`, { token: reviewer, body: { decision: 'RETURN', note: 'Perbaiki dasar hukum' } })).body.status).toBe('RETURNED');
    };
    await returnOnce();
    const n = await arrives('kasubbag.umum.3201', id, 'DRAFT_RETURNED');
    expect(n.payload).toMatchObject({ title: `Konsep naskah dikembalikan: "Konsep nota dinas ${RUN}"`, letterId: id, round: '1' });
    expect(n.dedupe_key).toBe(`DRAFT_RETURNED-letter-${id}-returned-1`); // one key per round: a replayed job adds nothing
    await returnOnce(); // a second round is a second return
    await eventually(async () => ((await about('kasubbag.umum.3201', id, 'DRAFT_RETURNED')).length === 2 ? true : undefined), 'the second DRAFT_RETURNED');
    expect(await about('kasubbag.teknis.3201', id, 'DRAFT_RETURNED')).toEqual([]);
  });

  it('keeps a circular to all 552 offices one notification job, and every head of office with a user is told', async () => {
    const { letterId, number } = await insertSignedLetterFixture(ds, { office: 'RI', subject: `Surat edaran ${RUN}`, typeCode: 'SE', toAllOtherOffices: true });
    const t0 = performance.now();
    expect((await http.request('POST', `/api/letters/${letterId}/send`, { token: await http.login('staf.umum.ri') })).status).toBe(201);
    await eventually(async () => ((await countRows(ds, 'deliveries', 'letter_id = ?', [letterId])) === 552 ? true : undefined), '552 deliveries', 15_000, 2);
    const visible = performance.now() - t0;
    for (const user of ['ketua.52', 'ketua.5204', 'ketua.5271', 'ketua.3201']) await arrives(user, letterId);
    console.log(`circular to 552 offices: deliveries visible in ${visible.toFixed(0)} ms, every head told in ${(performance.now() - t0).toFixed(0)} ms`);
    const [{ id: transmissionId }] = await ds.query('SELECT id FROM transmissions WHERE letter_id = ?', [letterId]);
    const rows = await ds.query('SELECT payload FROM outbox WHERE job_id LIKE ?', [`notify-positions_transmission-${transmissionId}-%`]);
    expect(rows).toHaveLength(1);
    const payload = typeof rows[0].payload === 'string' ? JSON.parse(rows[0].payload) : rows[0].payload;
    expect(payload.positionIds).toHaveLength(552);
    expect(payload.ref).toEqual({ title: `Surat masuk baru: nomor ${number}`, letterId, transmissionId: String(transmissionId) });
  });
});

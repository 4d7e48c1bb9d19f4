import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { jakartaToday } from '@naskah/identity';
import { Http, startApi } from '@naskah/testing';
import { InboxService } from '@naskah/correspondence';
import { createWorker } from '../../apps/worker/src/main';
import { deliveriesOnceDispatched, forgetOldDispatchJobs, insertSignedLetterFixture, officeIdOf, positionIdOf, userIdOf } from '../../libs/testing/src/letters-fixture';

/**
 * Inbox orders (`sort`) and the total (`total`): the order a pimpinan asks for (received newest /
 * oldest, urgency, sender), ties newest first, pages by number; the total of every page, counted
 * over the position's deliveries only, a copy its office destroyed left out as in the list.
 */
describe('inbox sorting and totals', () => {
  let http: Http;
  let worker: INestApplicationContext;
  let ds: DataSource;
  const token = `SRT${Date.now().toString(36)}`;
  let pos: number;
  let t: string;
  let plh: string;
  /** Delivery ids of the seeded rows by their number (1 oldest … 6 newest). */
  const id: Record<number, string> = {};

  // seq, sender, urgency, extra word in the subject (the row's order of insertion is its id order)
  const rows: [number, string, 'BIASA' | 'SEGERA' | 'AMAT_SEGERA', string][] = [
    [1, 'KPU Kabupaten Bogor', 'BIASA', ''],
    [2, 'Bawaslu', 'SEGERA', 'rapat'],
    [3, 'KPU RI', 'AMAT_SEGERA', ''],
    [4, 'bawaslu', 'BIASA', ''],
    [5, 'KPU RI', 'SEGERA', 'rapat'],
    [6, 'Dinas Kependudukan', 'AMAT_SEGERA', ''],
  ];
  const seqOf = (ids: string[]) => ids.map((i) => Number(Object.keys(id).find((k) => id[Number(k)] === i) ?? -1));
  const list = (query: string, who = t) => http.request('GET', `/api/inbox?${query}`, { token: who });
  const order = async (query: string) => {
    const res = await list(`positionId=${pos}&${query}`);
    expect({ query, status: res.status }).toEqual({ query, status: 200 });
    return seqOf(res.body.items.map((i: { id: string }) => i.id));
  };

  beforeAll(async () => {
    http = await startApi();
    await forgetOldDispatchJobs(http.app);
    worker = await createWorker();
    await worker.init();
    ds = http.ds;
    // a real sending to another position of the office gives the transmission the seeded rows hang on
    const { letterId } = await insertSignedLetterFixture(ds, { office: 'RI', subject: `${token} pengantar`, to: [{ office: '3201', position: 'STAF-KUL' }] });
    expect((await http.request('POST', `/api/letters/${letterId}/send`, { token: await http.login('sekjen.ri') })).status).toBe(201);
    const [d] = await deliveriesOnceDispatched(ds, letterId);
    const [{ transmission_id: txId }] = await ds.query('SELECT transmission_id FROM deliveries WHERE id = ?', [d.id]);
    // a letter whose copy at KPU Kabupaten Bogor is destroyed under the retention schedule
    const destroyed = (await insertSignedLetterFixture(ds, { office: 'RI', subject: `${token} dimusnahkan`, to: [{ office: '3201', position: 'STAF-PDI' }] })).letterId;
    pos = await positionIdOf(ds, '3201', 'STAF-PDI');
    const bogor = await officeIdOf(ds, '3201');
    const other = await positionIdOf(ds, '3201', 'STAF-KUL');
    const insert = (letter: string, position: number, seq: number, sender: string, urgency: string, word: string) =>
      ds.query(
        `INSERT INTO deliveries (transmission_id, ordinal, letter_id, kind, office_id, position_id, agenda_year, agenda_number, sender_office_id, sender_name, subject, type_code, urgency, security_class)
         VALUES (?, ?, ?, 'TO', ?, ?, 1997, ?, ?, ?, ?, 'SD', ?, 'B')`,
        [txId, 300_000 + seq, letter, bogor, position, 700_000 + seq, bogor, sender, `${token} naskah ${seq}${word ? ` ${word}` : ''}`, urgency],
      );
    for (const [seq, sender, urgency, word] of rows) id[seq] = String((await insert(letterId, pos, seq, sender, urgency, word)).insertId);
    // not counted: the destroyed copy (most urgent, first by sender) and another position's delivery
    await insert(destroyed, pos, 7, 'AAA Arsip', 'AMAT_SEGERA', 'rapat');
    await ds.query(`INSERT INTO letter_holdings_ended (letter_id, office_id, reason, ended_at) VALUES (?, ?, 'DESTROYED', NOW(3))`, [destroyed, bogor]);
    await insert(letterId, other, 8, 'AAA Lain', 'AMAT_SEGERA', 'rapat');
    // no demo user holds STAF-PDI: a Plh acts for it
    const admin = await http.login('admin');
    const today = jakartaToday(new Date());
    plh = (await http.request('POST', '/api/admin/delegations', { token: admin, body: { userId: await userIdOf(ds, 'staf.teknis.3201'), positionId: pos, kind: 'PLH', startsOn: today, endsOn: today } })).body.id;
    t = await http.login('staf.teknis.3201');
  });
  afterAll(async () => {
    await http.request('DELETE', `/api/admin/delegations/${plh}`, { token: await http.login('admin') });
    await worker.close();
    await http.close();
  });

  it('orders by received date, urgency or sender, ties newest first; each order reversed exactly', async () => {
    expect(await order('')).toEqual([6, 5, 4, 3, 2, 1]);
    expect(await order('sort=-receivedAt')).toEqual([6, 5, 4, 3, 2, 1]);
    expect(await order('sort=receivedAt')).toEqual([1, 2, 3, 4, 5, 6]);
    // AMAT_SEGERA, then SEGERA, then BIASA
    expect(await order('sort=-urgency')).toEqual([6, 3, 5, 2, 4, 1]);
    expect(await order('sort=urgency')).toEqual([1, 4, 2, 5, 3, 6]);
    // Bawaslu = bawaslu (case-insensitive), Dinas …, KPU Kabupaten Bogor, KPU RI
    expect(await order('sort=sender')).toEqual([4, 2, 6, 1, 5, 3]);
    expect(await order('sort=-sender')).toEqual([3, 5, 1, 6, 2, 4]);
    const res = await list(`positionId=${pos}&sort=-urgency`);
    expect(res.body).toMatchObject({ sort: '-urgency', total: 6, hasMore: false, nextBefore: null });
  });

  it('pages a sorted list by number, each row once; the total comes with the first page', async () => {
    const p1 = await list(`positionId=${pos}&sort=-urgency&pageSize=4`);
    expect(p1.body).toMatchObject({ page: 1, total: 6, hasMore: true, nextBefore: null });
    expect(seqOf(p1.body.items.map((i: { id: string }) => i.id))).toEqual([6, 3, 5, 2]);
    const p2 = await list(`positionId=${pos}&sort=-urgency&pageSize=4&page=2`);
    expect(p2.body).toMatchObject({ page: 2, total: null, hasMore: false });
    expect(seqOf(p2.body.items.map((i: { id: string }) => i.id))).toEqual([4, 1]);
    // the default order keeps its keyset pages
    const k1 = await list(`positionId=${pos}&pageSize=4`);
    expect(k1.body).toMatchObject({ total: 6, hasMore: true, nextBefore: id[3] });
    const k2 = await list(`positionId=${pos}&pageSize=4&before=${k1.body.nextBefore}`);
    expect(k2.body).toMatchObject({ total: null, hasMore: false });
    expect(seqOf(k2.body.items.map((i: { id: string }) => i.id))).toEqual([2, 1]);
  });

  it('counts what the filters keep, with a text search too, in any order', async () => {
    const total = async (query: string) => (await list(`positionId=${pos}&${query}`)).body.total;
    expect(await total('urgency=SEGERA')).toBe(2);
    expect(await total('urgency=AMAT_SEGERA&sort=sender')).toBe(2);
    expect(await total('unread=true')).toBe(6);
    expect(await total('kind=CC')).toBe(0);
    expect(await total(`q=${token}`)).toBe(6);
    expect(await total(`q=${token}&sort=sender`)).toBe(6);
    // "rapat" is in 2, 5 (and the destroyed copy and another position's row, neither counted)
    expect(await total('q=rapat')).toBe(2);
    // a word the destroyed copy does not hold: that copy is not subtracted from what the word found
    expect(await total('q=Kependudukan')).toBe(1);
    expect(await total('q=Kependudukan&sort=sender')).toBe(1);
    expect(await order('q=rapat&sort=-sender')).toEqual([5, 2]);
    expect(await order(`q=${encodeURIComponent(`${token} naskah`)}&sort=urgency`)).toEqual([1, 4, 2, 5, 3, 6]);
    // a text with no word for the index, in another order
    expect(await order(`q=${encodeURIComponent('naskah 5 rapat')}&sort=receivedAt`)).toEqual([5]);
    expect(await total('from=2100-01-01')).toBe(0);
    // reading one makes it read: unread counts one fewer
    expect((await http.request('POST', `/api/deliveries/${id[4]}/read`, { token: t })).status).toBeLessThan(300);
    expect(await total('unread=true')).toBe(5);
  });

  it('counts no further than the cap: beyond it the total is the cap and says so; at or below it, exact', async () => {
    const inbox = http.app.get(InboxService);
    const before = inbox.totalCap;
    try {
      inbox.totalCap = 4; // the 6 letters of this position are more than 4
      const over = (await list(`positionId=${pos}`)).body;
      expect([over.total, over.totalCapped]).toEqual([4, true]);
      expect((await list(`positionId=${pos}&sort=sender`)).body).toMatchObject({ total: 4, totalCapped: true });
      inbox.totalCap = 6; // exactly the cap: exact, not "more than"
      expect((await list(`positionId=${pos}`)).body).toMatchObject({ total: 6, totalCapped: false });
      inbox.totalCap = 4;
      expect((await list(`positionId=${pos}&urgency=SEGERA`)).body).toMatchObject({ total: 2, totalCapped: false });
    } finally {
      inbox.totalCap = before;
    }
    expect((await list(`positionId=${pos}`)).body).toMatchObject({ total: 6, totalCapped: false });
  });

  it('counts only the positions read: own and Plh together are the sum of each', async () => {
    const own = await positionIdOf(ds, '3201', 'STAF-TPH');
    const one = async (query: string) => {
      const res = await list(query);
      expect(res.status).toBe(200);
      return res.body.total as number;
    };
    const [mine, held, both] = [await one(`positionId=${own}`), await one(`positionId=${pos}`), await one('')];
    expect(held).toBe(6);
    expect(both).toBe(mine + held);
    // the holder of the other position (staf.umum.3201) counts its own: the covering letter and row 8
    expect((await list(`q=${token}`, await http.login('staf.umum.3201'))).body.total).toBe(2);
  });

  it('refuses an order it does not know, and a keyset cursor with another order, naming the field', async () => {
    for (const [query, field] of [['sort=newest', 'sort'], ['sort=receivedAt;DROP', 'sort'], ['sort=subject', 'sort'], [`sort=-urgency&before=${id[3]}`, 'before']]) {
      const res = await list(`positionId=${pos}&${query}`);
      expect({ query, status: res.status, field: res.body.details?.fields?.[0]?.field }).toEqual({ query, status: 400, field });
      expect(res.body.message).toContain(field);
    }
  });
});

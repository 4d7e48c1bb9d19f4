import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { jakartaToday } from '@naskah/identity';
import { Http, startApi } from '@naskah/testing';
import { createWorker } from '../../apps/worker/src/main';
import { deliveriesOnceDispatched, FixtureRecipient, forgetOldDispatchJobs, insertSignedLetterFixture, positionIdOf, userIdOf } from '../../libs/testing/src/letters-fixture';
import { SEARCH_WINDOW } from '../../libs/correspondence/src/inbox/inbox-query';

/** Inbox (naskah masuk), read receipts, access by security class, the drafter's outbox boxes. */
describe('inbox, read receipts and access', () => {
  let http: Http;
  let worker: INestApplicationContext;
  let ds: DataSource;
  const token = `INBX${Date.now().toString(36)}`;
  const letters: { letterId: string; deliveryId: string }[] = [];

  /** Sends a fixture letter and returns the delivery that reached `position` of `office`. */
  async function deliver(from: string, subject: string, to: FixtureRecipient[], extra: { typeCode?: string; urgency?: 'BIASA' | 'SEGERA' | 'AMAT_SEGERA'; securityClass?: 'B' | 'T' | 'R' | 'SR'; cc?: FixtureRecipient[] } = {}) {
    const { letterId } = await insertSignedLetterFixture(ds, { office: from, subject, to, ...extra });
    const sender = from === 'RI' ? 'sekjen.ri' : `sekretaris.${from}`;
    expect((await http.request('POST', `/api/letters/${letterId}/send`, { token: await http.login(sender) })).status).toBe(201);
    const [d] = await deliveriesOnceDispatched(ds, letterId);
    return { letterId, deliveryId: String(d.id) };
  }

  beforeAll(async () => {
    http = await startApi();
    await forgetOldDispatchJobs(http.app);
    worker = await createWorker();
    await worker.init();
    ds = http.ds;
    const tph = [{ office: '52', position: 'STAF-TPH' }];
    letters.push(await deliver('RI', `${token} surat dinas satu`, tph, { typeCode: 'SD' }));
    letters.push(await deliver('RI', `${token} nota dinas dua`, tph, { typeCode: 'ND', urgency: 'SEGERA' }));
    letters.push(await deliver('5204', `${token} laporan tiga`, tph, { typeCode: 'LP', urgency: 'AMAT_SEGERA' }));
    letters.push(await deliver('RI', `${token} tembusan empat`, [{ office: '52', position: 'KETUA' }], { cc: tph }));
    letters.push(await deliver('5271', `${token} undangan lima`, tph, { typeCode: 'Und' }));
    letters.push(await deliver('RI', `${token} surat enam`, tph));
    letters.push(await deliver('RI', `${token} surat tujuh`, tph));
  });
  afterAll(async () => {
    await worker.close();
    await http.close();
  });

  const list = async (query: string, user = 'staf.teknis.52') => http.request('GET', `/api/inbox?q=${token}&${query}`, { token: await http.login(user) });

  it('lists what reached my position newest first, with agenda numbers, copies flagged, pages by number or keyset', async () => {
    const p1 = await list('pageSize=3');
    expect(p1.status).toBe(200);
    expect(p1.body.items.map((i: { subject: string }) => i.subject.split(' ').pop())).toEqual(['tujuh', 'enam', 'lima']);
    expect(p1.body).toMatchObject({ page: 1, pageSize: 3, hasMore: true });
    expect(p1.body.items[0]).toMatchObject({ agendaNumber: expect.any(Number), agendaYear: expect.any(Number), status: 'DELIVERED', isCopy: false, arrivedBy: 'SEND' });
    const p2 = await list('pageSize=3&page=2');
    const k2 = await list(`pageSize=3&before=${p1.body.nextBefore}`);
    expect(k2.body.items).toEqual(p2.body.items);
    expect(p2.body.items.map((i: { subject: string }) => i.subject.split(' ').pop())).toEqual(['empat', 'tiga', 'dua']);
    expect(p2.body.items[0]).toMatchObject({ kind: 'CC', isCopy: true });
    const p3 = await list('pageSize=3&page=3');
    expect(p3.body).toMatchObject({ hasMore: false, nextBefore: null });
    expect(p3.body.items).toHaveLength(1);
    const agenda = [...p1.body.items, ...p2.body.items, ...p3.body.items].map((i: { agendaNumber: number }) => i.agendaNumber);
    expect(new Set(agenda).size).toBe(7);
  });

  it('filters by type, urgency, copies, sender, number and delivery date', async () => {
    const subjects = async (q: string) => (await list(q)).body.items.map((i: { subject: string }) => i.subject.split(' ').pop());
    expect(await subjects('typeCode=ND')).toEqual(['dua']);
    expect(await subjects('urgency=AMAT_SEGERA')).toEqual(['tiga']);
    expect(await subjects('kind=CC')).toEqual(['empat']);
    const bySender = await http.request('GET', '/api/inbox?q=Kota%20Mataram', { token: await http.login('staf.teknis.52') });
    expect(bySender.body.items.map((i: { subject: string }) => i.subject)).toContain(`${token} undangan lima`);
    const [{ number }] = await ds.query('SELECT number FROM letters WHERE id = ?', [letters[2].letterId]);
    const byNumber = await http.request('GET', `/api/inbox?q=${encodeURIComponent(number)}`, { token: await http.login('staf.teknis.52') });
    expect(byNumber.body.items.map((i: { letterId: string }) => i.letterId)).toEqual([letters[2].letterId]);
    const today = jakartaToday(new Date());
    expect((await list(`from=${today}&to=${today}`)).body.items).toHaveLength(7);
    expect((await list('to=2020-01-31')).body.items).toHaveLength(0);
    expect((await list('from=2100-12-31')).body.items).toHaveLength(0); // (dates past 2100 are refused: issue 11)
    for (const bad of ['pageSize=101', 'from=2026-13-01', 'urgency=PENTING', 'unread=perhaps', 'before=abc']) {
      const res = await list(bad);
      expect(res.status).toBe(400);
    }
  });

  describe('text search over thousands of older deliveries', () => {
    const N = 5010;
    // every 100th delivery (50 of them, old and new) carries the word `${token}ulang`
    const repeated = Array.from({ length: N / 100 }, (_, i) => (i + 1) * 100);
    let pos: number;
    let other: number;
    let t: string;
    let plh: string;
    const idsOf = async (position: number, seqs: number[]) =>
      (await ds.query(`SELECT id FROM deliveries WHERE position_id = ? AND agenda_year IN (1998, 1999) AND agenda_number IN (${seqs.map(() => '?').join(', ')}) ORDER BY id DESC`, [position, ...seqs])).map((r: { id: string }) => String(r.id));
    const search = (q: string, extra = '') => http.request('GET', `/api/inbox?q=${encodeURIComponent(q)}&positionId=${pos}${extra}`, { token: t });
    const subjects = (res: { body: { items: { subject: string }[] } }) => res.body.items.map((i) => i.subject);

    beforeAll(async () => {
      // Seeded directly: N deliveries for one position, oldest first (seq 1 has the lowest id).
      pos = await positionIdOf(ds, '5271', 'STAF-PDI');
      other = await positionIdOf(ds, '5271', 'STAF-KUL');
      const [{ letter_id: letterId, transmission_id: txId }] = await ds.query('SELECT letter_id, transmission_id FROM deliveries WHERE id = ?', [letters[5].deliveryId]);
      const subject = `CASE
        WHEN s.seq = 1 THEN CONCAT('Arsip ', ?, 'tua pemilihan 2019')
        WHEN s.seq = 2 THEN CONCAT('Surat ZQ ', ?, 'dua')
        WHEN s.seq = 3 THEN CONCAT('Nota ', ?, 'op +rapat -umum "kutip" (x) ~a <b> @2 50%_a\\\\b*')
        WHEN s.seq = 4 THEN CONCAT('Nota ', ?, 'op rapat umum kutip x a b 2 50xxa b')
        WHEN s.seq % 100 = 0 THEN CONCAT('Laporan ', ?, 'ulang nomor ', s.seq)
        ELSE 'Surat rutin' END`;
      const insert = (position: number, ordinalBase: number, agendaYear: number) =>
        ds.query(
          `INSERT INTO deliveries (transmission_id, ordinal, letter_id, kind, office_id, position_id, agenda_year, agenda_number, sender_office_id, sender_name, subject, type_code, urgency, security_class)
           SELECT ?, ? + s.seq, ?, 'TO', p.office_id, p.id, ?, s.seq, p.office_id, 'KPU RI', ${subject}, 'SD', 'BIASA', 'B'
           FROM seq_1_to_${N} s JOIN positions p ON p.id = ? ORDER BY s.seq`,
          [txId, ordinalBase, letterId, agendaYear, token, token, token, token, token, position],
        );
      await insert(pos, 100_000, 1999);
      // the same words in another position's inbox, which the searcher neither holds nor acts for
      await insert(other, 200_000, 1998);
      // no demo user holds STAF-PDI: a Plh acts for it
      const admin = await http.login('admin');
      const today = jakartaToday(new Date());
      plh = (await http.request('POST', '/api/admin/delegations', { token: admin, body: { userId: await userIdOf(ds, 'staf.teknis.5271'), positionId: pos, kind: 'PLH', startsOn: today, endsOn: today } })).body.id;
      t = await http.login('staf.teknis.5271');
    });
    // later suites share this database: the Plh ends with these cases
    afterAll(async () => {
      await http.request('DELETE', `/api/admin/delegations/${plh}`, { token: await http.login('admin') });
    });

    it('finds the oldest delivery, below thousands of newer ones, in one request', async () => {
      const [oldest] = await idsOf(pos, [1]);
      for (const q of [`${token}tua`, `${token}TUA pemilihan`, `arsip ${token}t`]) {
        const res = await search(q);
        expect({ q, status: res.status }).toEqual({ q, status: 200 });
        expect(res.body).toMatchObject({ items: [{ id: oldest, subject: `Arsip ${token}tua pemilihan 2019` }], hasMore: false, nextBefore: null });
      }
      // the same without choosing the position: own and delegated positions together
      const all = await http.request('GET', `/api/inbox?q=${token}tua`, { token: t });
      expect(all.body.items.map((i: { id: string }) => i.id)).toEqual([oldest]);
      // from the beginning of a word only
      expect((await search(`${token.slice(1)}tua`)).body.items).toEqual([]);
    });

    it('reaches every match of a search spanning several pages by following nextBefore, each page full but the last', async () => {
      const expected = await idsOf(pos, repeated);
      expect(expected).toHaveLength(50);
      const seen: string[] = [];
      let before: string | null = null;
      let requests = 0;
      do {
        const res = await search(`${token}ulang`, `&pageSize=7${before ? `&before=${before}` : ''}`);
        expect(res.status).toBe(200);
        requests++;
        seen.push(...res.body.items.map((i: { id: string }) => i.id));
        if (res.body.hasMore) expect(res.body.items).toHaveLength(7);
        before = res.body.nextBefore;
      } while (before && requests < 20);
      expect(requests).toBe(Math.ceil(50 / 7));
      expect(seen).toEqual(expected); // newest first, none missing, none twice
      // page numbers give the same pages
      const p3 = await search(`${token}ulang`, '&pageSize=7&page=3');
      expect(p3.body.items.map((i: { id: string }) => i.id)).toEqual(expected.slice(14, 21));
      // with another filter: none unread is read, so unread=true keeps all 50
      const unread = await search(`${token}ulang`, '&pageSize=100&unread=true');
      expect(unread.body.items.map((i: { id: string }) => i.id)).toEqual(expected);
    });

    it('takes FULLTEXT operators, LIKE wildcards and regular-expression characters in the text literally, never as syntax', async () => {
      const [literal] = await idsOf(pos, [3]);
      for (const q of [`${token}op +rapat -umum`, `${token}op +rapat -umum "kutip" (x) ~a <b> @2`, `"kutip" (x) ~a <b> @2 50%_a\\b*`, `${token}op`]) {
        const res = await search(q);
        expect({ q, status: res.status }).toEqual({ q, status: 200 });
        expect(res.body.items.map((i: { id: string }) => i.id)).toEqual(q === `${token}op` ? await idsOf(pos, [3, 4]) : [literal]);
      }
      for (const q of ['50%_a', '+-"()~*@<>%_\\', '*', '"', '(', '.*', '[', '\\', '%', '_', `${token}op 50%`, '😀 surat', 'ẞ', '\u0301', `${'(x'.repeat(49)}`]) {
        const res = await search(q);
        expect({ q, status: res.status }).toEqual({ q, status: 200 });
        for (const i of res.body.items as { subject: string; number: string | null; sender: { name: string } }[]) {
          expect([i.subject, i.number ?? '', i.sender.name].some((x) => x.toLowerCase().includes(q.toLowerCase()))).toBe(true);
        }
      }
    });

    it('never shows another position’s deliveries, whatever the text', async () => {
      const mine = new Set(await idsOf(pos, [1, 2, 3, 4, ...repeated]));
      for (const q of [`${token}tua`, `${token}ulang`, `${token}op`, 'Laporan', 'Surat rutin', `${token}dua`]) {
        const res = await http.request('GET', `/api/inbox?q=${encodeURIComponent(q)}&pageSize=100`, { token: t });
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeGreaterThan(0);
        for (const i of res.body.items) {
          expect(i.positionId).not.toBe(other);
          if (i.subject.includes(token)) expect(mine.has(i.id)).toBe(true);
        }
      }
      // the holder of the other position sees its own copies only
      const theirs = await http.request('GET', `/api/inbox?q=${token}tua`, { token: await http.login('staf.umum.5271') });
      expect(theirs.body.items.map((i: { id: string }) => i.id)).toEqual(await idsOf(other, [1]));
    });

    it('finds words shorter than the index’s minimum (ZQ, RI) through the index too', async () => {
      const [zq] = await idsOf(pos, [2]);
      expect((await search('ZQ')).body).toMatchObject({ items: [{ id: zq }], hasMore: false, nextBefore: null });
      expect((await search(`zq ${token}d`)).body.items.map((i: { id: string }) => i.id)).toEqual([zq]);
    });

    it('searches a text without a letter or digit in bounded windows: an old match is reached by following nextBefore', async () => {
      // no word to ask the index for: at most SEARCH_WINDOW deliveries per position per request
      const [literal] = await idsOf(pos, [3]);
      const windows = Math.ceil(N / SEARCH_WINDOW);
      let before: string | null = null;
      for (let i = 1; i < windows; i++) {
        const page = await search(') ~', before ? `&before=${before}` : '');
        expect(page.status).toBe(200);
        expect(page.body).toMatchObject({ items: [], hasMore: true, nextBefore: expect.any(String) });
        before = page.body.nextBefore;
      }
      const last = await search(') ~', `&before=${before}`);
      expect(last.body.items.map((i: { id: string }) => i.id)).toEqual([literal]);
      expect(last.body).toMatchObject({ hasMore: false, nextBefore: null });
    });
  });

  it('records a read receipt once, and unread filters it out', async () => {
    const user = await http.login('staf.teknis.52');
    const { deliveryId, letterId } = letters[0];
    const first = await http.request('POST', `/api/deliveries/${deliveryId}/read`, { token: user });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'READ', readByUserId: await userIdOf(ds, 'staf.teknis.52'), mine: true, letter: { id: letterId } });
    const again = await http.request('POST', `/api/deliveries/${deliveryId}/read`, { token: user });
    expect(again.body.readAt).toBe(first.body.readAt);
    const [audit] = await ds.query("SELECT COUNT(*) AS n FROM audit_events WHERE entity_type = 'letter' AND entity_id = ? AND action = 'LETTER_READ'", [letterId]);
    expect(Number(audit.n)).toBe(1);
    const unread = await list('unread=true&pageSize=100');
    expect(unread.body.items.map((i: { id: string }) => i.id)).not.toContain(deliveryId);
    expect(unread.body.items).toHaveLength(6);
  });

  it('hides a B letter’s delivery from other offices (404), shows it to the receiving office, lets only the recipient act', async () => {
    const { deliveryId } = letters[1];
    for (const stranger of ['staf.umum.3201', 'sekretaris.5271']) {
      const t = await http.login(stranger);
      for (const [method, url] of [['GET', ''], ['GET', '/route'], ['POST', '/read']] as const) {
        expect((await http.request(method, `/api/deliveries/${deliveryId}${url}`, { token: t })).status).toBe(404);
      }
    }
    const colleague = await http.login('kabag.umum.52');
    const seen = await http.request('GET', `/api/deliveries/${deliveryId}`, { token: colleague });
    expect(seen).toMatchObject({ status: 200, body: { mine: false } });
    expect((await http.request('POST', `/api/deliveries/${deliveryId}/read`, { token: colleague })).status).toBe(403);
    expect((await http.request('GET', '/api/deliveries/999999999', { token: colleague })).status).toBe(404);
    expect((await http.request('GET', '/api/deliveries/abc', { token: colleague })).status).toBe(400); // not an id (issue 11: one id rule)
  });

  it('shows T letters to the positions involved and their superiors only, R letters to the positions involved only', async () => {
    const t = await deliver('RI', `${token} terbatas`, [{ office: '52', position: 'STAF-TPH' }], { securityClass: 'T' });
    const r = await deliver('RI', `${token} rahasia`, [{ office: '52', position: 'STAF-TPH' }], { securityClass: 'R' });
    const get = async (user: string, id: string) => (await http.request('GET', `/api/deliveries/${id}`, { token: await http.login(user) })).status;
    expect(await get('staf.teknis.52', t.deliveryId)).toBe(200);
    expect(await get('kabag.teknis.52', t.deliveryId)).toBe(200); // the recipient's superior
    expect(await get('kabag.umum.52', t.deliveryId)).toBe(404); // a peer branch in the same office
    expect(await get('staf.teknis.52', r.deliveryId)).toBe(200);
    expect(await get('kabag.teknis.52', r.deliveryId)).toBe(404);
  });

  it('includes the deliveries of a position held by delegation (Plt), acting in that capacity', async () => {
    const admin = await http.login('admin');
    const today = jakartaToday(new Date());
    const plt = await http.request('POST', '/api/admin/delegations', {
      token: admin, body: { userId: await userIdOf(ds, 'staf.umum.52'), positionId: await positionIdOf(ds, '52', 'STAF-TPH'), kind: 'PLT', startsOn: today, endsOn: today },
    });
    expect(plt.status).toBe(201);
    const res = await list('pageSize=100', 'staf.umum.52');
    expect(res.body.positionIds).toEqual(expect.arrayContaining([await positionIdOf(ds, '52', 'STAF-KUL'), await positionIdOf(ds, '52', 'STAF-TPH')]));
    expect(res.body.items.length).toBeGreaterThanOrEqual(7);
    const { deliveryId, letterId } = letters[6];
    expect((await http.request('POST', `/api/deliveries/${deliveryId}/read`, { token: await http.login('staf.umum.52') })).status).toBe(200);
    const [e] = await ds.query("SELECT capacity FROM audit_events WHERE entity_type = 'letter' AND entity_id = ? AND action = 'LETTER_READ'", [letterId]);
    expect(e.capacity).toBe('PLT');
    const other = await http.request('GET', `/api/inbox?positionId=${await positionIdOf(ds, '52', 'KETUA')}`, { token: await http.login('staf.umum.52') });
    expect(other.status).toBe(403);
    // later suites share this database: the Plt ends with this case
    expect((await http.request('DELETE', `/api/admin/delegations/${plt.body.id}`, { token: admin })).status).toBe(200);
  });

  it('gives the drafter boxes: drafts, in review, awaiting my review, awaiting my signature, sent', async () => {
    const mk = async (status: string, subject: string) => {
      const { letterId } = await insertSignedLetterFixture(ds, { office: '5271', subject: `${token} ${subject}`, to: [{ office: '52' }] });
      await ds.query('UPDATE letters SET status = ?, number = NULL WHERE id = ?', [status, letterId]);
      return letterId;
    };
    const draft = await mk('DRAFT', 'konsep');
    const inReview = await mk('IN_REVIEW', 'diperiksa');
    await ds.query('UPDATE letters SET review_round = 1, current_step = 1 WHERE id = ?', [inReview]);
    await ds.query("INSERT INTO letter_reviews (letter_id, round, step, position_id, decision) VALUES (?, 1, 1, ?, 'PENDING')", [inReview, await positionIdOf(ds, '5271', 'SEKRETARIS')]);
    const approved = await mk('APPROVED', 'disetujui');
    const box = async (name: string, user: string) =>
      (await http.request('GET', `/api/outbox?box=${name}`, { token: await http.login(user) })).body.items.map((l: { id: string }) => l.id);
    expect(await box('drafts', 'kasubbag.umum.5271')).toContain(draft);
    expect(await box('in-review', 'kasubbag.umum.5271')).toEqual(expect.arrayContaining([inReview, approved]));
    expect(await box('awaiting-review', 'sekretaris.5271')).toEqual([inReview]);
    expect(await box('awaiting-review', 'kasubbag.umum.5271')).toEqual([]);
    expect(await box('awaiting-signature', 'sekretaris.5271')).toEqual([approved]);
    // paged by keyset: following nextBefore one letter at a time gives the whole box, in order
    const kasubbag = await http.login('kasubbag.umum.5271');
    // (other suites sharing this database may have put more letters in the box: the newest 20 are compared)
    const first20 = await http.request('GET', '/api/outbox?box=in-review&pageSize=20', { token: kasubbag });
    const whole = first20.body.items.map((l: { id: string }) => l.id);
    expect(whole).toEqual(expect.arrayContaining([inReview, approved]));
    const walked: string[] = [];
    for (let before = ''; walked.length < whole.length; ) {
      const res = await http.request('GET', `/api/outbox?box=in-review&pageSize=1${before ? `&before=${before}` : ''}`, { token: kasubbag });
      expect(res.status).toBe(200);
      walked.push(...res.body.items.map((l: { id: string }) => l.id));
      if (!res.body.hasMore) break;
      before = res.body.nextBefore;
    }
    expect(walked).toEqual(whole);
    expect(first20.body.nextBefore).toBe(first20.body.hasMore ? whole[whole.length - 1] : null);
    expect((await http.request('GET', '/api/outbox?box=drafts&before=abc', { token: kasubbag })).status).toBe(400);
    const sent = await http.request('GET', '/api/outbox?box=sent', { token: await http.login('sekretaris.5271') });
    const lima = sent.body.items.find((l: { id: string }) => l.id === letters[4].letterId);
    expect(lima.deliveries).toEqual([expect.objectContaining({ status: 'DELIVERED', position: expect.objectContaining({ title: expect.stringContaining('Staf') }) })]);
    expect((await http.request('GET', '/api/outbox?box=archive', { token: await http.login('sekretaris.5271') })).status).toBe(400);
  });
});

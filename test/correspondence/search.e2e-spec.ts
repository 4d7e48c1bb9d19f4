import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LetterHoldingsService } from '@naskah/correspondence';
import { jakartaToday } from '@naskah/identity';
import { Http, startApi } from '@naskah/testing';
import { createWorker } from '../../apps/worker/src/main';
import {
  deliveriesOnceDispatched, FixtureRecipient, forgetOldDispatchJobs, insertSignedLetterFixture, officeIdOf, SignedLetterFixture,
} from '../../libs/testing/src/letters-fixture';
import { SEARCH_SCAN_ROWS } from '../../libs/correspondence/src/search/search-query';

/**
 * GET /api/search (issue 12, item 5): every letter the caller may see and nothing else, each
 * filter, keyset paging that reaches every match (also below the window read directly), text
 * taken literally, a destroyed copy not found by its office; the outbox boxes' filters.
 */
describe('letter search', () => {
  let http: Http;
  let worker: INestApplicationContext;
  let ds: DataSource;
  const tok = `CARI${Date.now().toString(36)}`;
  const staf52: FixtureRecipient[] = [{ office: '52', position: 'STAF-TPH' }];
  const L: Record<string, string> = {};

  async function sent(name: string, f: SignedLetterFixture, sender: string) {
    const { letterId } = await insertSignedLetterFixture(ds, f);
    expect((await http.request('POST', `/api/letters/${letterId}/send`, { token: await http.login(sender) })).status).toBe(201);
    await deliveriesOnceDispatched(ds, letterId);
    L[name] = letterId;
    return letterId;
  }

  const search = async (user: string, query: string) => http.request('GET', `/api/search?${query}`, { token: await http.login(user) });
  const ids = async (user: string, query: string): Promise<string[]> => {
    const res = await search(user, query);
    expect(res.status).toBe(200);
    return res.body.items.map((i: { id: string }) => i.id);
  };
  /** Every id a search reaches, following nextBefore to the end. */
  const all = async (user: string, query: string): Promise<string[]> => {
    const out: string[] = [];
    for (let before: string | null = null, n = 0; ; n++) {
      const res = await search(user, `${query}${before ? `&before=${before}` : ''}`);
      expect(res.status).toBe(200);
      out.push(...res.body.items.map((i: { id: string }) => i.id));
      if (!res.body.hasMore) return out;
      before = res.body.nextBefore;
      if (n > 50) throw new Error('paging did not end');
    }
  };
  const q = (text: string) => `q=${encodeURIComponent(text)}`;

  beforeAll(async () => {
    http = await startApi();
    await forgetOldDispatchJobs(http.app);
    worker = await createWorker();
    await worker.init();
    ds = http.ds;
    await sent('B', { office: '5204', subject: `${tok} pengadaan logistik kotak`, to: staf52, cc: [{ external: 'Badan Pengawas Pemilihan Umum Sumbawa' }] }, 'sekretaris.5204');
    await ds.query(`UPDATE letters SET body = ?, classification_code = 'KU.01' WHERE id = ?`, [`Mohon segera dikirimkan kotak suara cadangan ${tok}lampiran`, L.B]);
    await sent('R', { office: 'RI', subject: `${tok} rahasia pemungutan`, to: staf52, securityClass: 'R' }, 'sekjen.ri');
    await sent('SR', { office: 'RI', subject: `${tok} sangat rahasia`, to: staf52, securityClass: 'SR' }, 'sekjen.ri');
    await sent('T', { office: 'RI', subject: `${tok} terbatas tahapan`, to: staf52, securityClass: 'T', typeCode: 'ND' }, 'sekjen.ri');
    await sent('OP', { office: '5271', subject: `${tok} anggaran 100% [revisi] (final)`, to: staf52 }, 'sekretaris.5271');
    await sent('OLD', { office: '5271', subject: `${tok} laporan lama`, to: staf52, typeCode: 'LP' }, 'sekretaris.5271');
    await ds.query(`UPDATE letters SET sent_at = '2025-06-15 03:00:00', created_at = '2025-06-10 03:00:00' WHERE id = ?`, [L.OLD]);
    await sent('GONE', { office: '5271', subject: `${tok} dimusnahkan`, to: staf52 }, 'sekretaris.5271');
    // a letter not yet sent (signed, waiting): found by those on it only
    L.DRAFT = (await insertSignedLetterFixture(ds, { office: '5204', subject: `${tok} konsep rancangan` })).letterId;
  }, 120_000);
  afterAll(async () => {
    await worker.close();
    await http.close();
  });

  it('finds an R or SR letter for those on it only, never for their superiors or office (same rule as a read)', async () => {
    const text = q(`${tok} rahasia`);
    expect(await ids('staf.teknis.52', text)).toEqual([L.R]);
    expect(await ids('staf.teknis.52', q(`${tok} sangat`))).toEqual([L.SR]);
    for (const user of ['kabag.teknis.52', 'sekretaris.52', 'ketua.52', 'staf.umum.52', 'ketua.ri', 'karo.umum.ri', 'sekretaris.5204']) {
      expect(await ids(user, text)).toEqual([]);
      expect(await ids(user, q(`${tok} sangat`))).toEqual([]);
      expect(await ids(user, `${q(tok)}&securityClass=R`)).toEqual([]);
      // and a read agrees: 404 for the same people
      expect((await http.request('GET', `/api/letters/${L.R}`, { token: await http.login(user) })).status).toBe(404);
    }
    expect(await ids('sekjen.ri', text)).toEqual([L.R]); // the signer
    expect(await ids('staf.umum.ri', text)).toEqual([L.R]); // the drafter
  });

  it('finds a T letter for those on it and their superiors in the reporting tree, not for others', async () => {
    const text = q(`${tok} terbatas`);
    for (const user of ['staf.teknis.52', 'kabag.teknis.52', 'sekretaris.52', 'ketua.52', 'sekjen.ri', 'ketua.ri', 'staf.umum.ri', 'karo.umum.ri']) {
      expect([user, await ids(user, text)]).toEqual([user, [L.T]]);
    }
    for (const user of ['staf.umum.52', 'kabag.umum.52', 'karo.teknis.ri', 'sekretaris.5204']) expect([user, await ids(user, text)]).toEqual([user, []]);
  });

  it('finds a B letter for everyone in the sending and the receiving office, nobody else', async () => {
    const text = q(`${tok} pengadaan`);
    for (const user of ['staf.umum.52', 'arsiparis.52', 'ketua.5204', 'staf.teknis.5204', 'staf.teknis.52']) expect([user, await ids(user, text)]).toEqual([user, [L.B]]);
    for (const user of ['staf.umum.5271', 'staf.umum.ri', 'ketua.ri', 'staf.umum.3201']) expect([user, await ids(user, text)]).toEqual([user, []]);
  });

  it('finds by subject, number, body text, sender and addressee name, from the beginning of a word', async () => {
    const [{ number }] = await ds.query('SELECT number FROM letters WHERE id = ?', [L.B]);
    expect(await ids('staf.umum.52', q(number))).toEqual([L.B]);
    expect(await ids('staf.umum.52', q(`${tok}lampiran`))).toEqual([L.B]); // a word of the body only
    expect(await ids('staf.umum.52', q(`kotak suara cadangan ${tok}`))).toEqual([L.B]);
    expect(await ids('staf.umum.52', q(`${tok.slice(0, -1)}`)).then((x) => x.includes(L.B))).toBe(true); // prefix of a word
    expect(await ids('staf.umum.52', q(tok.slice(1)))).toEqual([]); // not from inside a word
    // the addressee outside KPU, by name
    expect(await ids('staf.umum.52', `${q('Pengawas Pemilihan Umum Sumbawa')}&typeCode=SD`).then((x) => x.includes(L.B))).toBe(true);
    // the sender by office name (KPU Kota Mataram sent OP, OLD, GONE)
    const mataram = await all('staf.teknis.52', `${q('Kota Mataram')}&pageSize=100`);
    expect(mataram).toEqual(expect.arrayContaining([L.OP, L.OLD]));
    expect(mataram).not.toContain(L.B);
    // the addressee by office name: 5204 finds what it sent to KPU Provinsi NTB
    const [{ name: ntb }] = await ds.query('SELECT name FROM offices WHERE id = ?', [await officeIdOf(ds, '52')]);
    expect(await all('ketua.5204', `${q(ntb)}&pageSize=100`)).toContain(L.B);
  });

  it('takes the text literally: %, _, regular-expression and FULLTEXT operators are characters', async () => {
    expect(await ids('staf.teknis.52', q('100% [revisi] (final)'))).toEqual([L.OP]);
    expect(await ids('staf.teknis.52', q(`${tok} anggaran 100%`))).toEqual([L.OP]);
    for (const text of [`${tok} anggaran 1_0`, `${tok} anggaran 10%`, `${tok} .*`, `${tok} anggaran 100. `, `+${tok} -anggaran`, `"${tok} anggaran"`, `${tok}*`, '(final']) {
      const found = await ids('staf.teknis.52', q(text));
      if (text === '(final') expect(found).toEqual([L.OP]);
      else expect([text, found]).toEqual([text, []]);
    }
    expect(await ids('staf.teknis.52', q('%'))).toEqual(expect.arrayContaining([L.OP]));
    expect(await all('staf.teknis.52', q('%'))).not.toContain(L.B);
  });

  it('filters by type, classification (and below), security class, date range and box', async () => {
    const base = q(tok);
    expect(await ids('staf.teknis.52', `${base}&typeCode=ND`)).toEqual([L.T]);
    expect(await ids('staf.teknis.52', `${base}&typeCode=LP`)).toEqual([L.OLD]);
    expect(await ids('staf.teknis.52', `${base}&classificationCode=KU`)).toEqual([L.B]);
    expect(await ids('staf.teknis.52', `${base}&classificationCode=KU.01`)).toEqual([L.B]);
    expect(await ids('staf.teknis.52', `${base}&classificationCode=KU.0`)).toEqual([]); // a code, not a string prefix
    expect(await ids('staf.teknis.52', `${base}&classificationCode=PY.01&pageSize=100`)).not.toContain(L.B);
    expect(await ids('staf.teknis.52', `${base}&securityClass=T`)).toEqual([L.T]);
    expect(await ids('staf.teknis.52', `${base}&from=2025-06-01&to=2025-06-30`)).toEqual([L.OLD]);
    expect(await ids('staf.teknis.52', `${base}&from=2025-06-16&to=2025-06-30`)).toEqual([]);
    const today = jakartaToday(new Date());
    const recent = await ids('staf.teknis.52', `${base}&from=${today}&pageSize=100`);
    expect(recent).toEqual(expect.arrayContaining([L.B, L.T, L.R, L.OP]));
    expect(recent).not.toContain(L.OLD);
    // boxes: received at 52; sent by 5204; the draft for those on it only
    expect(await ids('staf.umum.52', `${q(`${tok} pengadaan`)}&box=received`)).toEqual([L.B]);
    expect(await ids('staf.umum.52', `${q(`${tok} pengadaan`)}&box=sent`)).toEqual([]);
    expect(await ids('staf.umum.5204', `${q(`${tok} pengadaan`)}&box=sent`)).toEqual([L.B]);
    expect(await ids('staf.umum.5204', `${q(`${tok} pengadaan`)}&box=received`)).toEqual([]);
    const page = await search('kasubbag.umum.5204', `${q(`${tok} konsep`)}&box=drafts`);
    expect(page.body.items).toEqual([expect.objectContaining({ id: L.DRAFT, status: 'SIGNED', boxes: ['drafts'], sender: { officeId: await officeIdOf(ds, '5204'), name: expect.any(String) } })]);
    expect(await ids('sekretaris.5204', `${q(`${tok} konsep`)}`)).toEqual([L.DRAFT]); // the signer is on it
    for (const user of ['staf.umum.5204', 'ketua.5204']) expect(await ids(user, q(`${tok} konsep`))).toEqual([]); // same office, not on it
    const b = (await search('staf.umum.52', q(`${tok} pengadaan`))).body.items[0];
    expect(b).toMatchObject({ id: L.B, securityClass: 'B', typeCode: 'SD', classificationCode: 'KU.01', status: 'SENT', origin: 'INTERNAL', boxes: ['received'] });
  });

  it('refuses bad input with 400 naming the field', async () => {
    for (const [bad, field] of [
      ['pageSize=101', 'pageSize'], ['from=2026-13-01', 'from'], ['to=2026-02-30', 'to'], ['box=inbox', 'box'], ['securityClass=X', 'securityClass'],
      ['before=abc', 'before'], ['q=%00x', 'q'], ['classificationCode=PY%25', 'classificationCode'], ['q=', 'q'],
    ]) {
      const res = await search('staf.teknis.52', bad);
      expect([bad, res.status]).toEqual([bad, 400]);
      expect(JSON.stringify(res.body)).toContain(field);
    }
  });

  it('does not find a letter whose copy the office destroyed; the offices that keep it still do', async () => {
    const text = q(`${tok} dimusnahkan`);
    expect(await ids('staf.teknis.52', text)).toEqual([L.GONE]);
    const office52 = await officeIdOf(ds, '52');
    await ds.transaction((em) => http.app.get(LetterHoldingsService).endHolding(em, { letterId: L.GONE, officeId: office52, dossierId: null, at: new Date() }));
    expect((await http.request('GET', `/api/letters/${L.GONE}`, { token: await http.login('staf.teknis.52') })).status).toBe(410);
    expect(await ids('staf.teknis.52', text)).toEqual([]);
    expect(await ids('sekretaris.52', text)).toEqual([]);
    expect(await all('staf.teknis.52', q(tok))).not.toContain(L.GONE);
    expect(await ids('sekretaris.5271', text)).toEqual([L.GONE]);
  });

  it('pages by keyset through every match, also below the letters read directly (the FULLTEXT and office-name paths)', async () => {
    const paged: string[] = [];
    for (let i = 1; i <= 7; i++) paged.push(await sent(`P${i}`, { office: '3201', subject: `${tok} halaman urut ${i}`, to: [{ office: '52', position: 'SEKRETARIS' }] }, 'sekretaris.3201'));
    // newer rows of office 52's letter_access than the window reads: the matches above lie below it
    const filler = await insertSignedLetterFixture(ds, { office: '52', subject: `${tok}pengisi` });
    await ds.query(
      `INSERT IGNORE INTO letter_access (letter_id, position_id, office_id, reason)
       SELECT l.id, p.id, p.office_id, r.reason FROM letters l JOIN positions p ON p.office_id = ?
       JOIN (SELECT 'ADDRESSEE' AS reason UNION ALL SELECT 'RECIPIENT' UNION ALL SELECT 'FORWARDER' UNION ALL SELECT 'DISPOSEE' UNION ALL SELECT 'REGISTRAR') r
       WHERE l.id = ?`,
      [await officeIdOf(ds, '52'), filler.letterId],
    );
    for (let i = 0; i < Math.ceil(SEARCH_SCAN_ROWS / 60); i++) {
      const more = await insertSignedLetterFixture(ds, { office: '52', subject: `${tok}pengisi ${i}` });
      await ds.query(`INSERT IGNORE INTO letter_access (letter_id, position_id, office_id, reason) SELECT ?, position_id, office_id, reason FROM letter_access WHERE letter_id = ?`, [more.letterId, filler.letterId]);
    }
    const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM letter_access WHERE office_id = ? AND letter_id > ?', [await officeIdOf(ds, '52'), paged[6]]);
    expect(Number(n)).toBeGreaterThan(SEARCH_SCAN_ROWS);
    const expected = [...paged].reverse();
    expect(await all('sekretaris.52', `${q(`${tok} halaman`)}&pageSize=3`)).toEqual(expected);
    expect(await all('staf.umum.52', `${q(`${tok} halaman urut`)}&pageSize=2`)).toEqual(expected);
    expect(await all('staf.umum.52', `${q('Kabupaten Bogor')}&pageSize=3`).then((x) => x.filter((id) => paged.includes(id)))).toEqual(expected);
    expect(await ids('staf.umum.52', q(`${tok} halaman urut 4`))).toEqual([paged[3]]);
    // no text: the windows go on until the page is full
    const everything = await all('sekretaris.52', 'pageSize=50');
    expect(everything).toEqual(expect.arrayContaining(paged));
    expect(new Set(everything).size).toBe(everything.length);
    expect([...everything]).toEqual([...everything].sort((a, b) => (BigInt(b) > BigInt(a) ? 1 : -1)));
  }, 60_000);

  it('gives the outbox boxes the same filters', async () => {
    const box = async (user: string, query: string) => {
      const res = await http.request('GET', `/api/outbox?${query}`, { token: await http.login(user) });
      expect(res.status).toBe(200);
      return res.body.items.map((i: { id: string }) => i.id);
    };
    expect(await box('sekjen.ri', `box=sent&${q(tok)}&typeCode=ND`)).toEqual([L.T]);
    expect(await box('sekjen.ri', `box=sent&${q(`${tok} rahasia`)}`)).toEqual([L.R]);
    expect(await box('sekjen.ri', `box=sent&${q(tok)}&classificationCode=PY.01&pageSize=100`)).toEqual(expect.arrayContaining([L.R, L.SR, L.T]));
    expect(await box('sekjen.ri', `box=sent&${q(tok)}&classificationCode=KU`)).toEqual([]);
    expect(await box('sekjen.ri', `box=sent&${q(tok)}&from=2025-01-01&to=2025-12-31`)).toEqual([]);
    expect(await box('sekretaris.5271', `box=sent&${q(tok)}&from=2025-01-01&to=2025-12-31`)).toEqual([L.OLD]);
    expect(await box('kasubbag.umum.5204', `box=in-review&${q(`${tok} konsep`)}`)).toEqual([L.DRAFT]);
    expect(await box('kasubbag.umum.5204', `box=in-review&${q(`${tok} tidakada`)}`)).toEqual([]);
    expect(await box('sekretaris.5204', `box=sent&${q('Pengawas Pemilihan')}`)).toContain(L.B);
    const bad = await http.request('GET', '/api/outbox?box=sent&from=2026-02-30', { token: await http.login('sekjen.ri') });
    expect(bad.status).toBe(400);
  });
});

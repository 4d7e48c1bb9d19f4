import { LetterSearchFilters, LetterSearchService } from '@naskah/correspondence';
import type { BenchContext } from '../harness';
import { percentiles, registerBench, since } from '../harness';
import { ensureInboxSeed, INBOX_USER, InboxSeed } from '../lib/inbox-seed';
import { numbers } from '../lib/numbers';
import { countRoundTrips, principalOf, startProductApi } from '../lib/product-apps';

const round = (ms: number) => Math.round(ms * 10) / 10;
/** A word in the body of the oldest letter the measured office may see, and nowhere else. */
const OLDEST_WORD = 'naskahtertua';
/** A word in 1 of 10 of the other letters, in none the measured office may see (the index hands over candidates it must refuse). */
const ELSEWHERE_WORD = 'anggaranlain';

interface SearchSeed {
  extraLetters: number;
  accessRows: number;
  seconds: number;
}

let seeded: Promise<SearchSeed> | null = null;

/**
 * What the search reads beyond the inbox data set: the letter_access rows its deliveries give (one
 * ADDRESSEE grant per position reached, a DRAFTER grant in the sending office), bodies for its
 * letters, and other letters of the nation (50,000; 10,000 with --quick) sent between other
 * offices — drafter and addressee grants only, no deliveries, so the deliveries stay 1,000,000 —
 * so the FULLTEXT index holds a national vocabulary.
 */
function ensureSearchSeed(ctx: BenchContext, inbox: InboxSeed): Promise<SearchSeed> {
  seeded ??= seed(ctx, inbox).catch((err) => {
    seeded = null;
    throw err;
  });
  return seeded;
}

async function seed(ctx: BenchContext, inbox: InboxSeed): Promise<SearchSeed> {
  const t0 = performance.now();
  const q = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => (await ctx.pool.query(sql, params))[0] as T[];
  // the inbox data set's own letters (other benches that ran before — dispositions — add letters and deliveries of their own)
  const [{ lo, hi }] = await q<{ lo: string; hi: string }>('SELECT MIN(id) AS lo, MAX(id) AS hi FROM letters WHERE counter_key = ?', [`bench-inbox-${ctx.queuePrefix}`]);
  // grants of the deliveries, letter by letter range (100 letters ≈ 50,000 rows a statement)
  for (let a = Number(lo); a <= Number(hi); a += 100) {
    await ctx.pool.query(
      `INSERT IGNORE INTO letter_access (letter_id, position_id, office_id, reason)
       SELECT letter_id, position_id, office_id, 'ADDRESSEE' FROM deliveries FORCE INDEX (ix_deliveries_letter) WHERE letter_id BETWEEN ? AND ?`,
      [a, a + 99],
    );
  }
  const heads = 'SELECT office_id, MIN(id) AS position_id FROM positions GROUP BY office_id';
  await ctx.pool.query(
    `INSERT IGNORE INTO letter_access (letter_id, position_id, office_id, reason)
     SELECT l.id, h.position_id, l.office_id, 'DRAFTER' FROM letters l JOIN (${heads}) h ON h.office_id = l.office_id WHERE l.id BETWEEN ? AND ?`,
    [lo, hi],
  );
  await ctx.pool.query(
    `UPDATE letters SET body = CONCAT('Dengan hormat, sehubungan dengan ', subject, ', bersama ini kami sampaikan bahwa pelaksanaan kegiatan tahapan ',
       'dilaksanakan sesuai jadwal. Mohon kehadiran dan perhatian Saudara. Nomor urut ', id, '.') WHERE id BETWEEN ? AND ?`,
    [lo, hi],
  );
  // the letters' dates spread over the seeded period (one a 500 s), so a day holds ~170 of them
  // (sent letters only: a bench that ran earlier may have left drafts or signed letters in the range)
  await ctx.pool.query('UPDATE letters SET sent_at = TIMESTAMPADD(SECOND, (id - ?) * ?, sent_at), created_at = sent_at WHERE id BETWEEN ? AND ? AND sent_at IS NOT NULL', [
    lo, Math.round(inbox.deliveries / inbox.letters), lo, hi,
  ]);
  // the oldest letter the measured office may see gets the word nobody else has
  const [{ oldest }] = await q<{ oldest: string }>('SELECT MIN(letter_id) AS oldest FROM letter_access WHERE office_id = (SELECT office_id FROM positions WHERE id = ?)', [inbox.measuredPositionId]);
  await ctx.pool.query('UPDATE letters SET body = CONCAT(body, ?) WHERE id = ?', [` ${OLDEST_WORD}`, oldest]);

  // other letters of the nation, between offices other than the measured one
  const extra = ctx.quick ? 10_000 : 50_000;
  const [{ office }] = await q<{ office: number }>('SELECT office_id AS office FROM positions WHERE id = ?', [inbox.measuredPositionId]);
  const tag = `bench-search-${ctx.queuePrefix}`;
  const words = ['rapat', 'pleno', 'rekapitulasi', 'logistik', 'sosialisasi', 'anggaran', 'pengadaan', 'bimbingan', 'pemutakhiran', 'kampanye', 'verifikasi', 'pencalonan'];
  const pick = (e: string) => `ELT(1 + (${e}) % ${words.length}, ${words.map((w) => `'${w}'`).join(', ')})`;
  await ctx.pool.query(
    `INSERT INTO letters (office_id, drafter_user_id, drafter_position_id, type_code, subject, body, security_class, urgency, classification_code, signer_position_id,
       status, number, number_seq, counter_key, signed_at, sent_at)
     SELECT o.id, 1, 1, ELT(1 + seq % 5, 'SD', 'ND', 'Und', 'SE', 'ST'), CONCAT('Surat ', ${pick('seq')}, ' ', ${pick('seq * 7')}, ' nomor ', seq),
       CONCAT('Dengan hormat, ', ${pick('seq * 3')}, ' ', ${pick('seq * 5')}, ' ', ${pick('seq * 11')}, ' tahun ', 2020 + seq % 7, IF(seq % 10 = 0, ' ${ELSEWHERE_WORD}', ''), '.'),
       ELT(1 + seq % 10, 'B', 'B', 'B', 'B', 'B', 'B', 'B', 'T', 'T', 'R'), 'BIASA', 'PP.05', 1, 'SENT', CONCAT('S', seq, '/PP.05/', ?), seq, ?, NOW(3), NOW(3)
     FROM ${await numbers(ctx, 1, extra)} s JOIN offices o ON o.id = 1 + (s.seq * 13) % 553 WHERE o.id <> ?`,
    [tag, tag, office],
  );
  await ctx.pool.query(
    `INSERT IGNORE INTO letter_access (letter_id, position_id, office_id, reason)
     SELECT l.id, h.position_id, l.office_id, 'DRAFTER' FROM letters l JOIN (${heads}) h ON h.office_id = l.office_id WHERE l.counter_key = ?`,
    [tag],
  );
  await ctx.pool.query(
    `INSERT IGNORE INTO letter_access (letter_id, position_id, office_id, reason)
     SELECT l.id, h.position_id, h.office_id, 'ADDRESSEE' FROM letters l JOIN (${heads}) h ON h.office_id = 1 + (l.office_id + l.id) % 553
     WHERE l.counter_key = ? AND h.office_id NOT IN (?, l.office_id)`,
    [tag, office],
  );
  await ctx.pool.query('ANALYZE TABLE letters, letter_access');
  const [{ n }] = await q<{ n: number }>('SELECT COUNT(*) AS n FROM letter_access');
  return { extraLetters: extra, accessRows: Number(n), seconds: Math.round(since(t0) / 100) / 10 };
}

registerBench({
  name: 'letter-search-p99',
  kind: 'product',
  description:
    'GET /api/search latency through LetterSearchService.search for KPU Provinsi NTB\'s Sekretaris over the 1,000,000-delivery data set (+ 50,000 letters between other offices): no filter, a word in 1 of 10 letters, a word only in the oldest visible body, a word in 1 of 10 letters the office may not see, no match, a sender office name, type, classification, one day, box=sent; one request at a time, an empty page with nextBefore followed; the figure is the worst p99',
  goal: { max: 50 },
  late: true,
  timeoutMs: 300_000,
  run: async (ctx) => {
    const inbox = await ensureInboxSeed(ctx);
    const s = await ensureSearchSeed(ctx, inbox);
    const { app } = await startProductApi(ctx);
    const search = app.get(LetterSearchService);
    const p = await principalOf(app, INBOX_USER);
    const pageSize = 20;
    const kinds: Record<string, LetterSearchFilters> = {
      first: {},
      'q-1-in-10': { q: 'logistik' },
      'q-oldest-body': { q: OLDEST_WORD },
      'q-elsewhere': { q: ELSEWHERE_WORD },
      'q-no-match': { q: 'tidak ada yang cocok' },
      'q-sender-name': { q: 'Kabupaten Sumbawa' },
      'type-ST': { typeCode: 'ST' },
      'classification-PP': { classificationCode: 'PP' },
      'one-day': { from: inbox.middleDay, to: inbox.middleDay },
      'box-sent': { box: 'sent' },
    };
    const show = async (f: LetterSearchFilters, perRequest?: number[]) => {
      let requests = 0;
      for (let before = f.before; ; ) {
        requests++;
        const t = performance.now();
        const page = await search.search(p, { ...f, before, pageSize });
        perRequest?.push(performance.now() - t);
        if (page.items.length || !page.hasMore || !page.nextBefore) return { items: page.items.length, requests };
        before = page.nextBefore;
      }
    };
    const samples = ctx.quick ? 30 : 100;
    const lat: Record<string, number[]> = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
    const latPerRequest: Record<string, number[]> = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
    const items: Record<string, number> = {};
    const requests: Record<string, number> = {};
    const roundTrips: Record<string, number> = {};
    const rt = countRoundTrips(ctx, /^$/);
    for (const [k, f] of Object.entries(kinds)) {
      for (let i = 0; i < 3; i++) ({ items: items[k], requests: requests[k] } = await show(f));
      const before = rt.total;
      rt.on = true;
      await show(f);
      rt.on = false;
      roundTrips[k] = rt.total - before;
    }
    rt.restore();
    for (let i = 0; i < samples; i++) {
      for (const [k, f] of Object.entries(kinds)) {
        const t = performance.now();
        await show(f, latPerRequest[k]);
        lat[k].push(performance.now() - t);
      }
    }
    // the raw floor of a page: one ordered index range of the office's grants joined to 21 letters
    const [[office]] = (await ctx.pool.query('SELECT office_id FROM positions WHERE id = ?', [inbox.measuredPositionId])) as unknown as [{ office_id: number }[]];
    const raw: number[] = [];
    for (let i = 0; i < samples; i++) {
      const t = performance.now();
      await ctx.pool.query(
        'SELECT l.id, l.subject FROM letter_access la FORCE INDEX (ix_letter_access_office) JOIN letters l ON l.id = la.letter_id WHERE la.office_id = ? ORDER BY la.letter_id DESC LIMIT 21',
        [office.office_id],
      );
      raw.push(performance.now() - t);
    }
    const perKind = Object.fromEntries(Object.entries(lat).map(([k, xs]) => {
      const st = percentiles(xs);
      const r = percentiles(latPerRequest[k]);
      const each = requests[k] > 1 ? { perRequest: { p50: round(r.p50), p99: round(r.p99) } } : {};
      return [k, { p50: round(st.p50), p99: round(st.p99), items: items[k], requests: requests[k], ...each, roundTrips: roundTrips[k] }];
    }));
    const worst = Math.max(...Object.values(perKind).map((v) => v.p99));
    const all = percentiles(Object.values(lat).flat());
    const rawP = percentiles(raw);
    return {
      value: worst,
      unit: 'ms',
      extra: {
        deliveries: inbox.deliveries,
        letters: inbox.letters + s.extraLetters,
        letterAccessRows: s.accessRows,
        samplesPerKind: samples,
        allKinds: { p50: round(all.p50), p99: round(all.p99) },
        rawIndexRangePage: { p50: round(rawP.p50), p99: round(rawP.p99) },
        perKind,
        seed: { searchSeconds: s.seconds },
      },
    };
  },
});

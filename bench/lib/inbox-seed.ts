import type { BenchContext } from '../harness';
import { since } from '../harness';
import { numbers } from './numbers';
import { scratchTable } from './scratch';
import { loadWithoutSecondaryIndexes } from './bulk-load';

/** The demo user whose inbox is measured (KPU Provinsi NTB's Sekretaris: the office that forwards Kab/Kota mail). */
export const INBOX_USER = 'sekretaris.52';
/** A word planted in the subject of the measured position's OLDEST delivery only (a search must reach it). */
export const OLD_ONLY_WORD = 'arsipterlama';
/** Share of all deliveries that go to the measured position: 1 % (10,000 of 1,000,000). */
const MEASURED_SHARE = 100;
const BLOCK = 100_000;
const LOADERS = Number(process.env.BENCH_SEED_LOADERS ?? 1);

export interface InboxSeed {
  deliveries: number;
  letters: number;
  positions: number;
  measuredPositionId: number;
  measuredDeliveries: number;
  /** The measured position's delivery ids, newest first, at a few depths (for keyset pages). */
  idAtDepth: (fraction: number) => string;
  /** The Jakarta calendar day (YYYY-MM-DD) in the middle of the seeded period. */
  middleDay: string;
  seedSeconds: number;
  rowsPerSec: number;
}

// Letter subjects: q=logistik matches one letter in ten.
const SUBJECTS = [
  'Undangan rapat koordinasi tahapan pemilihan',
  'Penyampaian laporan pertanggungjawaban dana hibah',
  'Permohonan data pemilih berkelanjutan',
  'Pemberitahuan jadwal bimbingan teknis',
  'Distribusi logistik pemilihan ke kecamatan',
  'Usulan penggantian antarwaktu anggota PPK',
  'Laporan pelaksanaan sosialisasi pendidikan pemilih',
  'Permintaan klarifikasi pencalonan',
  'Surat edaran penataan arsip inaktif',
  'Penyampaian rekapitulasi hasil penghitungan suara',
];

let seeded: Promise<InboxSeed> | null = null;

/** Deliveries in the bench database: 1,000,000 (100,000 with --quick, 10,000,000 with --large). */
export function inboxSize(ctx: BenchContext): number {
  return ctx.quick ? 100_000 : ctx.large ? 10_000_000 : 1_000_000;
}

/**
 * Seeds the inbox data set once per run (the inbox benches and the circular share it): letters and
 * their transmissions, then deliveries generated server-side with INSERT … SELECT from a numbers
 * table in chunks of 100,000 — never row by row. 1 % of the deliveries go to the measured
 * position, the rest are spread over every other active position (~8,900). Agenda-number
 * counters are raised to what was seeded, so later dispatches number on from there.
 */
export function ensureInboxSeed(ctx: BenchContext): Promise<InboxSeed> {
  seeded ??= seed(ctx).catch((err) => {
    seeded = null;
    throw err;
  });
  return seeded;
}

async function seed(ctx: BenchContext): Promise<InboxSeed> {
  const total = inboxSize(ctx);
  const q = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => (await ctx.pool.query(sql, params))[0] as T[];
  const t0 = performance.now();
  const [measured] = await q<{ position_id: number; office_id: number }>(
    'SELECT p.id AS position_id, p.office_id FROM users u JOIN positions p ON p.id = u.position_id WHERE u.username = ?',
    [INBOX_USER],
  );
  if (!measured) throw new Error(`demo user ${INBOX_USER} missing`);
  const year = Number((await q<{ y: number }>("SELECT YEAR(CONVERT_TZ(UTC_TIMESTAMP(), '+00:00', '+07:00')) AS y"))[0].y);
  const base = new Date(Date.now() - (total + 60) * 1000); // one delivery a second, the newest a minute ago
  const lettersN = Math.min(5000, Math.max(200, Math.round(total / 500)));
  const tag = `bench-inbox-${ctx.queuePrefix}`;

  // Letters (SENT) from every office in turn, and one transmission each.
  const subjectCase = `CASE seq % ${SUBJECTS.length} ${SUBJECTS.map((s, i) => `WHEN ${i} THEN '${s}'`).join(' ')} END`;
  await ctx.pool.query(
    `INSERT INTO letters (office_id, drafter_user_id, drafter_position_id, type_code, subject, body, security_class, urgency, classification_code, signer_position_id, status,
       number, number_seq, counter_key, signed_at, sent_at)
     SELECT o.id, 1, 1, ELT(1 + seq % 5, 'SD', 'ND', 'Und', 'SE', 'ST'), CONCAT(${subjectCase}, ' ', seq), ?, 'B', ELT(1 + seq % 3, 'BIASA', 'SEGERA', 'AMAT_SEGERA'),
       'PP.05', 1, 'SENT', CONCAT(seq, '/PP.05-', ELT(1 + seq % 5, 'SD', 'ND', 'Und', 'SE', 'ST'), '/', o.code, '/', ?), seq, ?, ?, ?
     FROM ${await numbers(ctx, 1, lettersN)} s JOIN offices o ON o.id = 1 + s.seq % 553`,
    [tag, year, tag, base, base],
  );
  await ctx.pool.query(
    `INSERT INTO transmissions (letter_id, kind, from_office_id, from_position_id, by_user_id, by_capacity, target_count, created_at, dispatched_at)
     SELECT id, 'SEND', office_id, 1, 1, 'SENDIRI', ?, ?, ? FROM letters WHERE counter_key = ?`,
    [Math.ceil(total / lettersN), base, base, tag],
  );
  // Lookup tables k → letter/transmission and k → position, joined to the numbers while generating.
  const tx = await scratchTable(ctx, 'bench_inbox_tx', `k INT UNSIGNED NOT NULL, transmission_id BIGINT UNSIGNED NOT NULL, letter_id BIGINT UNSIGNED NOT NULL,
    sender_office_id INT UNSIGNED NOT NULL, sender_name VARCHAR(300) NOT NULL, subject VARCHAR(500) NOT NULL, number VARCHAR(120) NOT NULL,
    type_code VARCHAR(10) NOT NULL, urgency VARCHAR(20) NOT NULL, PRIMARY KEY (k)`);
  await ctx.pool.query(
    `INSERT INTO ${tx} SELECT ROW_NUMBER() OVER (ORDER BY t.id) - 1, t.id, l.id, l.office_id, o.name, l.subject, l.number, l.type_code, l.urgency
     FROM transmissions t JOIN letters l ON l.id = t.letter_id JOIN offices o ON o.id = l.office_id WHERE l.counter_key = ?`,
    [tag],
  );
  const pos = await scratchTable(ctx, 'bench_inbox_pos', 'k INT UNSIGNED NOT NULL, position_id INT UNSIGNED NOT NULL, office_id INT UNSIGNED NOT NULL, PRIMARY KEY (k)');
  await ctx.pool.query(`INSERT INTO ${pos} SELECT ROW_NUMBER() OVER (ORDER BY id) - 1, id, office_id FROM positions WHERE is_active = 1 AND id <> ?`, [measured.position_id]);
  const [{ n: positions }] = await q<{ n: number }>(`SELECT COUNT(*) AS n FROM ${pos}`);
  ctx.log(`inbox seed: ${lettersN} letters and transmissions, ${positions} positions + the measured one (${Math.round(since(t0))} ms)`);

  // Deliveries: one block of BLOCK rows generated with the joins above (h spreads the measured
  // position's rows, every 100th, over letters and read states), then copied block after block
  // with ordinal, agenda number and time shifted — a plain INSERT … SELECT, ~3x cheaper than
  // generating every row. Every block has the same mix of positions, letters and states.
  const t1 = performance.now();
  const h = 's.seq + s.seq DIV 100 * 7';
  const block = Math.min(total, BLOCK);
  if (total % block) throw new Error(`inbox size ${total} must be a multiple of ${block}`);
  const cols = `transmission_id, ordinal, letter_id, kind, office_id, position_id, status, agenda_year, agenda_number,
    sender_office_id, sender_name, subject, number, type_code, urgency, security_class, read_at, read_by_user_id, created_at`;
  const blk = 'bench_inbox_block';
  await ctx.pool.query(`DROP TABLE IF EXISTS ${blk}`);
  ctx.onCleanup(() => ctx.pool.query(`DROP TABLE IF EXISTS ${blk}`));
  await ctx.pool.query(
    `CREATE TABLE ${blk} (PRIMARY KEY (seq)) ENGINE=InnoDB AS
     SELECT s.seq, t.transmission_id, s.seq AS ordinal, t.letter_id, IF((${h}) % 5 = 0, 'CC', 'TO') AS kind,
       IF(s.seq % ${MEASURED_SHARE} = 0, ?, p.office_id) AS office_id, IF(s.seq % ${MEASURED_SHARE} = 0, ?, p.position_id) AS position_id,
       IF((${h}) % 10 < 7, 'READ', 'DELIVERED') AS status, ? AS agenda_year, s.seq AS agenda_number,
       t.sender_office_id, t.sender_name, t.subject, t.number, t.type_code, t.urgency, 'B' AS security_class,
       IF((${h}) % 10 < 7, TIMESTAMPADD(SECOND, s.seq + 3600, ?), NULL) AS read_at, IF((${h}) % 10 < 7, 1, NULL) AS read_by_user_id,
       TIMESTAMPADD(SECOND, s.seq, ?) AS created_at
     FROM ${await numbers(ctx, 1, block)} s
     JOIN ${tx} t ON t.k = (${h}) % ${lettersN}
     JOIN ${pos} p ON p.k = s.seq % ${positions}`,
    [measured.office_id, measured.position_id, year, base, base],
  );
  const copies = Array.from({ length: total / block }, (_, c) => c);
  let done = 0;
  const loader = async () => {
    for (let c = copies.shift(); c !== undefined; c = copies.shift()) {
      const shift = c * block;
      await ctx.pool.query(
        `INSERT INTO deliveries (${cols})
         SELECT transmission_id, ordinal + ${shift}, letter_id, kind, office_id, position_id, status, agenda_year, agenda_number + ${shift},
           sender_office_id, sender_name, subject, number, type_code, urgency, security_class,
           TIMESTAMPADD(SECOND, ${shift}, read_at), read_by_user_id, TIMESTAMPADD(SECOND, ${shift}, created_at)
         FROM ${blk} ORDER BY seq`,
      );
      done += block;
      if (done % 1_000_000 === 0 || done === total) ctx.log(`inbox seed: ${done.toLocaleString('en-US')} deliveries (${Math.round(since(t1) / 1000)} s)`);
    }
  };
  const { rebuildMs } = await loadWithoutSecondaryIndexes(ctx, 'deliveries', async () => {
    await Promise.all(Array.from({ length: LOADERS }, loader));
  });
  ctx.log(`inbox seed: secondary indexes of deliveries rebuilt in ${Math.round(rebuildMs)} ms`);
  const deliverSeconds = since(t1) / 1000;
  // Agenda numbers continue from what was seeded (dispatch would otherwise collide with them).
  await ctx.pool.query(
    `INSERT INTO number_counters (scope_key, value)
     SELECT CONCAT('agenda|office=', office_id, '|year=', agenda_year), MAX(agenda_number) FROM deliveries GROUP BY office_id, agenda_year
     ON DUPLICATE KEY UPDATE value = GREATEST(value, VALUES(value))`,
  );
  const ids = (await q<{ id: string }>('SELECT id FROM deliveries WHERE position_id = ? ORDER BY id DESC', [measured.position_id])).map((r) => String(r.id));
  await ctx.pool.query('UPDATE deliveries SET subject = CONCAT(subject, ?) WHERE id = ?', [` ${OLD_ONLY_WORD}`, ids[ids.length - 1]]);
  await ctx.pool.query('ANALYZE TABLE deliveries, letters, transmissions');

  const middle = new Date(base.getTime() + (total / 2) * 1000 + 7 * 3600 * 1000).toISOString().slice(0, 10);
  const seedSeconds = since(t0) / 1000;
  ctx.log(`inbox seed: ${total.toLocaleString('en-US')} deliveries (${ids.length.toLocaleString('en-US')} for position ${measured.position_id}) in ${seedSeconds.toFixed(1)} s`);
  return {
    deliveries: total,
    letters: lettersN,
    positions: Number(positions) + 1,
    measuredPositionId: Number(measured.position_id),
    measuredDeliveries: ids.length,
    idAtDepth: (f) => ids[Math.min(ids.length - 1, Math.floor(f * ids.length))],
    middleDay: middle,
    seedSeconds: Math.round(seedSeconds * 10) / 10,
    rowsPerSec: Math.round(total / deliverSeconds),
  };
}

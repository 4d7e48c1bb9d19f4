import type { RowDataPacket } from 'mysql2/promise';
import { AuditService } from '@naskah/audit';
import { SystemClock } from '@naskah/core';
import { seedMasterData } from '@naskah/correspondence';
import { jakartaDate, RetentionRulesService, SweepService } from '@naskah/records';
import { BenchContext, registerBench, since } from '../harness';
import { placeholders } from '../lib/scratch';

/**
 * The retention sweep over the product's own `dossiers` table (1,000,000 rows; 100,000 with
 * --quick), against a raw keyset scan-and-update of the same table in the same run:
 *  - `retention-sweep-raw` fills the table (every dossier due, dates spread over ten past years,
 *    final actions mixed as in the sample JRA), then walks it with mysql2 alone: keyset batches
 *    of 1000 on (sweep_due, id), UPDATE … SET sweep_due = NULL WHERE id IN (…) — the least work
 *    that marks a dossier swept;
 *  - `retention-sweep` restores sweep_due and runs SweepService as the worker does (per batch: one
 *    transaction, rows locked, proposals found or created per office and kind, items inserted,
 *    one audit event), then checks every dossier was proposed exactly once and that a second run
 *    proposes nothing.
 */
const DAY = 86_400_000;
const FINALS = [
  { code: 'TU.05.1', final: 'MUSNAH', years: 10 },
  { code: 'PL.01.8', final: 'PERMANEN', years: 15 },
  { code: 'PP.07', final: 'DINILAI_KEMBALI', years: 7 },
] as const;

/** The mix of final actions of the shipped sample JRA (about 55 % MUSNAH, 35 % PERMANEN, 10 % DINILAI_KEMBALI). */
const mixOf = (i: number) => ((i * 7) % 20 < 11 ? 0 : (i * 7) % 20 < 18 ? 1 : 2);

let filled: { rows: number } | null = null;

async function fill(ctx: BenchContext): Promise<{ rows: number; fillMs: number }> {
  const rows = ctx.quick ? 100_000 : 1_000_000;
  await seedMasterData(ctx.dataSource);
  await new RetentionRulesService(ctx.dataSource, new SystemClock()).ensureBaseline();
  const rules = new Map<string, number>();
  for (const f of FINALS) {
    const [[r]] = await ctx.pool.query<RowDataPacket[]>('SELECT id FROM retention_rules WHERE classification_code = ? ORDER BY id LIMIT 1', [f.code]);
    rules.set(f.code, Number(r.id));
  }
  const [units] = await ctx.pool.query<RowDataPacket[]>('SELECT office_id, MIN(id) AS unit_id FROM units GROUP BY office_id ORDER BY office_id');
  const today = Date.parse(`${jakartaDate(new Date())}T00:00:00Z`);
  const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const insert = `INSERT INTO dossiers (office_id, unit_id, classification_code, title, period_start, security_class, status, created_at, closed_at, rule_id,
    trigger_date, active_until, inactive_until, final_action, retention_years, sweep_due, item_count) VALUES ${placeholders(1000, 17)}`;
  let made = 0;
  const t0 = performance.now();
  const filler = async () => {
    while (made < rows) {
      const start = made;
      made += 1000;
      const values = Array.from({ length: 1000 }, (_, k) => {
        const i = start + k;
        const u = units[i % units.length];
        const f = FINALS[mixOf(i)];
        const due = today - (1 + ((i * 7919) % 3650)) * DAY;
        const closed = i % 5 < 2; // 40 % CLOSED and due for transfer, 60 % INACTIVE and due for their final action
        const activeUntil = closed ? due : due - 3 * 365 * DAY;
        const inactiveUntil = closed ? due + 3 * 365 * DAY : due;
        const trigger = activeUntil - 2 * 365 * DAY;
        return [u.office_id, u.unit_id, f.code, `Berkas kegiatan nomor ${i} tentang penyelenggaraan pemilu`, ymd(trigger), 'B', closed ? 'CLOSED' : 'INACTIVE',
          new Date(trigger), new Date(trigger), rules.get(f.code), ymd(trigger), ymd(activeUntil), ymd(inactiveUntil), f.final, f.years, ymd(due), 3];
      });
      await ctx.pool.query(insert, values.flat());
    }
  };
  await Promise.all([filler(), filler(), filler(), filler()]);
  await ctx.pool.query('ANALYZE TABLE dossiers');
  filled = { rows };
  return { rows, fillMs: since(t0) };
}

registerBench({
  name: 'retention-sweep-raw',
  kind: 'raw',
  description: 'rows/s of a raw keyset scan-and-update (mysql2) over the product dossiers table, 1,000,000 due dossiers (100,000 quick): batches of 1000 on (sweep_due, id), UPDATE … SET sweep_due = NULL WHERE id IN (…)',
  timeoutMs: 300_000,
  run: async (ctx) => {
    const { rows, fillMs } = await fill(ctx);
    ctx.log(`filled ${rows.toLocaleString('en-US')} dossiers in ${(fillMs / 1000).toFixed(1)} s`);
    const cutoff = jakartaDate(new Date());
    // MariaDB turns (due, id) > (?, ?) into a range on `due` alone: the expanded form (bench/README.md)
    const select = `SELECT id, sweep_due FROM dossiers FORCE INDEX (ix_dossiers_sweep)
      WHERE sweep_due <= ? AND (sweep_due > ? OR (sweep_due = ? AND id > ?)) ORDER BY sweep_due, id LIMIT 1000`;
    let lastDue = '0001-01-01';
    let lastId = 0;
    let swept = 0;
    const t0 = performance.now();
    for (;;) {
      const [batch] = await ctx.pool.query<RowDataPacket[]>(select, [cutoff, lastDue, lastDue, lastId]);
      if (!batch.length) break;
      await ctx.pool.query('UPDATE dossiers SET sweep_due = NULL WHERE id IN (?)', [batch.map((r) => r.id)]);
      swept += batch.length;
      const last = batch[batch.length - 1];
      lastDue = (last.sweep_due as Date).toISOString().slice(0, 10);
      lastId = Number(last.id);
      if (batch.length < 1000) break;
    }
    const ms = since(t0);
    if (swept !== rows) throw new Error(`raw sweep touched ${swept} of ${rows} dossiers`);
    return { value: (swept * 1000) / ms, unit: 'rows/s', extra: { rows, sweepMs: Math.round(ms), fillRowsPerSec: Math.round((rows * 1000) / fillMs) } };
  },
});

registerBench({
  name: 'retention-sweep',
  kind: 'product',
  description: 'dossiers/s proposed by SweepService (per batch of 1000: one transaction, rows locked, drafts per office and kind, items inserted, one audit event) over the same table; every dossier proposed once, a second run proposes nothing',
  rawOf: 'retention-sweep-raw',
  goal: { ratio: 0.5 },
  timeoutMs: 300_000,
  run: async (ctx) => {
    ctx.onCleanup(async () => {
      const conn = await ctx.pool.getConnection();
      try {
        await conn.query('SET FOREIGN_KEY_CHECKS = 0');
        for (const t of ['records_proposal_items', 'records_proposals', 'dossiers']) await conn.query(`TRUNCATE TABLE ${t}`);
      } finally {
        await conn.query('SET FOREIGN_KEY_CHECKS = 1');
        conn.release();
      }
      filled = null;
    });
    const rows = filled?.rows ?? (await fill(ctx)).rows;
    // restore the due dates the raw pass cleared (not timed)
    const [[range]] = await ctx.pool.query<RowDataPacket[]>('SELECT MIN(id) AS lo, MAX(id) AS hi FROM dossiers');
    for (let lo = Number(range.lo); lo <= Number(range.hi); lo += 50_000) {
      await ctx.pool.query(`UPDATE dossiers SET sweep_due = IF(status = 'CLOSED', active_until, inactive_until) WHERE id BETWEEN ? AND ?`, [lo, lo + 49_999]);
    }
    const clock = new SystemClock();
    const audit = new AuditService(ctx.dataSource, ctx.config, clock);
    await audit.onModuleInit();
    const sweep = new SweepService(ctx.dataSource, audit, clock);
    const t0 = performance.now();
    const first = await sweep.run({ trigger: 'MANUAL' });
    const ms = since(t0);
    const t1 = performance.now();
    const second = await sweep.run({ trigger: 'MANUAL' });
    const secondMs = since(t1);
    const [[items]] = await ctx.pool.query<RowDataPacket[]>('SELECT COUNT(*) AS n, COUNT(DISTINCT dossier_id) AS d FROM records_proposal_items');
    const [[props]] = await ctx.pool.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM records_proposals');
    if (first.proposed !== rows || Number(items.n) !== rows || Number(items.d) !== rows) throw new Error(`proposed ${first.proposed}, items ${items.n} (${items.d} dossiers) for ${rows} due dossiers`);
    if (second.proposed !== 0) throw new Error(`a second run proposed ${second.proposed} again`);
    return {
      value: (first.proposed * 1000) / ms, unit: 'dossiers/s',
      extra: { rows, batches: first.batches, sweepMs: Math.round(ms), byKind: first.byKind, proposals: Number(props.n), secondRunProposed: second.proposed, secondRunMs: Math.round(secondMs) },
    };
  },
});

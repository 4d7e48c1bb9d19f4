import { AuditService } from '@naskah/audit';
import { SystemClock } from '@naskah/core';
import type { Principal } from '@naskah/identity';
import { ImportScheduleUseCase, RetentionRulesService } from '@naskah/records';
import { registerBench, since } from '../harness';

/**
 * Import of a 10,000-row retention schedule (JRA) through ImportScheduleUseCase, as the API does:
 * parse and validate the whole CSV (classification parser + pemicu column), then in one
 * transaction a new schedule version, the classification tree upserted and 10,000 rules inserted
 * in chunks of 1000, the impact on existing dossiers, one audit event. Divided by the raw
 * multi-row INSERT limit for scale. Three imports (one in quick mode); the median is reported.
 */
const TOPS = ['ARSA', 'ARSB', 'ARSC', 'ARSD', 'ARSE', 'ARSF', 'ARSG', 'ARSH', 'ARSI', 'ARSJ', 'ARSK'];

function scheduleCsv(): { csv: string; rows: number } {
  const lines = ['kode,judul,retensi_aktif_tahun,retensi_inaktif_tahun,nasib_akhir,keamanan,sumber,pemicu'];
  const finals = ['MUSNAH', 'PERMANEN', 'DINILAI_KEMBALI'];
  for (const top of TOPS) {
    lines.push(`${top},Kelompok ${top},,,,,PKPU 17/2023,`);
    for (let s = 1; s <= 10; s++) {
      const mid = `${top}.${String(s).padStart(2, '0')}`;
      lines.push(`${mid},Subkelompok ${mid},,,,,PKPU 17/2023,`);
      for (let t = 1; t <= 90; t++) {
        const n = lines.length;
        lines.push(`${mid}.${t},"Jenis arsip ${mid}.${t}, uraian lengkap",${1 + (n % 5)},${2 + (n % 9)},${finals[n % 3]},${n % 4 ? 'B' : 'T'},PKPU 17/2023 lampiran,${n % 7 ? 'TUTUP' : 'PERISTIWA'}`);
      }
    }
  }
  return { csv: `${lines.join('\n')}\n`, rows: lines.length - 1 };
}

registerBench({
  name: 'jra-import',
  kind: 'product',
  description: 'rows/s of a 10,021-row JRA CSV import (validate whole, new version, upsert classifications, insert rules, impact on dossiers, audit) in one transaction; median of 3 (1 quick)',
  rawOf: 'insert-multi-row',
  timeoutMs: 120_000,
  run: async (ctx) => {
    const { csv, rows } = scheduleCsv();
    const clock = new SystemClock();
    const audit = new AuditService(ctx.dataSource, ctx.config, clock);
    await audit.onModuleInit();
    const importer = new ImportScheduleUseCase(ctx.dataSource, new RetentionRulesService(ctx.dataSource, clock), audit, clock);
    const admin: Principal = { userId: 1, username: 'bench', fullName: 'Bench', positionId: null, officeId: null, roles: ['ADMIN'] };
    const times: number[] = [];
    for (let i = 0; i < (ctx.quick ? 1 : 3); i++) {
      const t0 = performance.now();
      const res = await importer.run(admin, { csv, effectiveFrom: `2030-01-0${i + 1}`, label: `bench ${i + 1}` });
      times.push(since(t0));
      if (res.rows !== rows || res.rules !== TOPS.length * 900) throw new Error(`imported ${res.rows} rows / ${res.rules} rules, expected ${rows} / ${TOPS.length * 900}`);
    }
    const ms = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
    return { value: (rows * 1000) / ms, unit: 'rows/s', extra: { rows, rules: TOPS.length * 900, medianMs: Math.round(ms), runsMs: times.map(Math.round) } };
  },
});

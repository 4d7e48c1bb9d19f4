import { Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { likeContains, likeStartsWith } from '@naskah/db';
import { parseClassificationCsv } from './classification-csv';

export const SECURITY_CLASSES = [
  { code: 'B', name: 'Biasa' },
  { code: 'T', name: 'Terbatas' },
  { code: 'R', name: 'Rahasia' },
  { code: 'SR', name: 'Sangat Rahasia' },
];
export const URGENCIES = [
  { code: 'BIASA', name: 'Biasa' },
  { code: 'SEGERA', name: 'Segera' },
  { code: 'AMAT_SEGERA', name: 'Amat Segera' },
];

/** Master data of correspondence: letter types, security classes, urgency, the classification tree. */
@Injectable()
export class MasterDataService {
  constructor(private readonly ds: DataSource) {}

  letterTypes(): Promise<{ code: string; name: string }[]> {
    return this.ds.query('SELECT code, name FROM letter_types ORDER BY name');
  }

  async classifications(filter: { q?: string; leavesOnly?: boolean }): Promise<unknown[]> {
    const where: string[] = ['1 = 1'];
    const params: unknown[] = [];
    if (filter.q) (where.push('(c.code LIKE ? OR c.title LIKE ?)'), params.push(likeStartsWith(filter.q), likeContains(filter.q)));
    if (filter.leavesOnly) where.push('NOT EXISTS (SELECT 1 FROM classifications k WHERE k.parent_code = c.code)');
    const rows = await this.ds.query(
      `SELECT c.code, c.title, c.parent_code, c.active_years, c.inactive_years, c.final_action, c.security_class, c.is_demo FROM classifications c WHERE ${where.join(' AND ')} ORDER BY c.code LIMIT 500`,
      params,
    );
    return rows.map((r: Record<string, unknown>) => ({
      code: r.code, title: r.title, parentCode: r.parent_code, activeYears: r.active_years, inactiveYears: r.inactive_years,
      finalAction: r.final_action, securityClass: r.security_class, isDemo: Boolean(Number(r.is_demo)),
    }));
  }

  async classificationExists(code: string): Promise<boolean> {
    const [r] = await this.ds.query('SELECT code FROM classifications WHERE code = ?', [code]);
    return Boolean(r);
  }

  async isDemoSchedule(): Promise<boolean> {
    const [r] = await this.ds.query('SELECT COUNT(*) AS n FROM classifications WHERE is_demo = 1');
    return Number(r.n) > 0;
  }
}

/**
 * Seeds the classification tree from the shipped sample (a partial transcription of KPU's codes
 * with demo retention values marked CONTOH) and the default numbering templates. Idempotent.
 */
export async function seedMasterData(ds: DataSource): Promise<{ classifications: number }> {
  const { rows, problems } = parseClassificationCsv(readFileSync(join(__dirname, 'data', 'klasifikasi-kpu-contoh.csv'), 'utf8'));
  if (problems.length) throw new Error(`sample classification CSV is invalid: ${JSON.stringify(problems)}`);
  await ds.query(
    `INSERT IGNORE INTO classifications (code, title, parent_code, active_years, inactive_years, final_action, security_class, source, is_demo) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
    rows.flatMap((r) => [r.code, r.title, r.parentCode, r.activeYears, r.inactiveYears, r.finalAction, r.securityClass, r.source, r.isDemo ? 1 : 0]),
  );
  // global defaults: the current KPU format, and Keputusan numbered "Nomor {seq} Tahun {year}"
  const [def] = await ds.query('SELECT id FROM numbering_templates WHERE office_id IS NULL AND type_code IS NULL');
  if (!def) await ds.query(`INSERT INTO numbering_templates (office_id, type_code, template, counter_scope) VALUES (NULL, NULL, '{seq}/{classification}-{type}/{region}/{year}', 'office,type,year')`);
  const [kpt] = await ds.query(`SELECT id FROM numbering_templates WHERE office_id IS NULL AND type_code = 'Kpt'`);
  if (!kpt) await ds.query(`INSERT INTO numbering_templates (office_id, type_code, template, counter_scope) VALUES (NULL, 'Kpt', 'Nomor {seq} Tahun {year}', 'office,type,year')`);
  const [n] = await ds.query('SELECT COUNT(*) AS n FROM classifications');
  return { classifications: Number(n.n) };
}

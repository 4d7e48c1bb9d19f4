import { classificationRows, ClassificationRow, CsvProblem, CsvSeparator, headerProblem, readCsv } from '@naskah/correspondence';
import type { RetentionTrigger } from '../retention/retention-dates';

/**
 * The retention schedule (JRA) as CSV: the columns of the classification sample
 * (kode,judul,retensi_aktif_tahun,retensi_inaktif_tahun,nasib_akhir,keamanan,sumber) and an
 * optional last column `pemicu` — what starts the clock: TUTUP (the dossier is closed, the
 * default) or PERISTIWA (an event date set on the dossier, e.g. "tidak berlaku lagi").
 * Validation is whole-or-nothing and reuses the classification parser; every bad line is reported.
 */
export interface JraRow extends ClassificationRow {
  trigger: RetentionTrigger;
}

export const JRA_HEADER = ['kode', 'judul', 'retensi_aktif_tahun', 'retensi_inaktif_tahun', 'nasib_akhir', 'keamanan', 'sumber'];
const TRIGGER_IN: Record<string, RetentionTrigger> = { '': 'CLOSED', TUTUP: 'CLOSED', CLOSED: 'CLOSED', PERISTIWA: 'EVENT', EVENT: 'EVENT' };
const TRIGGER_OUT: Record<RetentionTrigger, string> = { CLOSED: 'TUTUP', EVENT: 'PERISTIWA' };

export function csvField(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function parseJraCsv(text: string): { rows: JraRow[]; problems: CsvProblem[]; separator: CsvSeparator } {
  const csv = readCsv(text);
  const { separator } = csv;
  if (csv.problems.length) return { rows: [], problems: csv.problems, separator };
  const header = (csv.records[0]?.cols ?? []).map((h) => h.toLowerCase());
  const withTrigger = header.length >= 8 && header[header.length - 1] === 'pemicu';
  const head = headerProblem(csv.records, separator, JRA_HEADER, `${JRA_HEADER.join(',')}[,pemicu]`);
  if (head) return { rows: [], problems: [head], separator };
  const triggers = new Map<number, RetentionTrigger>();
  const problems: CsvProblem[] = [];
  const body = csv.records.slice(1).map(({ line, cols }) => {
    if (!withTrigger) return { line, cols };
    const value = cols.length >= 8 ? cols[cols.length - 1].toUpperCase() : '';
    const trigger = TRIGGER_IN[value];
    if (!trigger) problems.push({ line, reason: `${cols[0] || '(kosong)'}: pemicu harus TUTUP atau PERISTIWA` });
    triggers.set(line, trigger ?? 'CLOSED');
    return { line, cols: cols.length >= 8 ? cols.slice(0, -1) : cols };
  });
  const parsed = classificationRows(body, separator);
  problems.push(...parsed.problems);
  if (!parsed.rows.length && !problems.length) problems.push({ line: 1, reason: 'berkas tidak berisi baris klasifikasi' });
  const rows = parsed.rows.map((r) => ({ ...r, trigger: triggers.get(parsed.lineOf.get(r.code) ?? -1) ?? 'CLOSED' }));
  problems.sort((a, b) => a.line - b.line);
  return { rows, problems, separator };
}

export interface JraExportRow {
  code: string;
  title: string;
  activeYears: number | null;
  inactiveYears: number | null;
  finalAction: string | null;
  securityClass: string | null;
  source: string | null;
  trigger: RetentionTrigger | null;
}

/** The schedule as CSV in the import format (with the `pemicu` column), so an export re-imports as is. */
export function toJraCsv(rows: JraExportRow[]): string {
  const out = [[...JRA_HEADER, 'pemicu'].join(',')];
  for (const r of rows) {
    out.push([r.code, r.title, r.activeYears, r.inactiveYears, r.finalAction, r.securityClass, r.source, r.activeYears === null ? '' : TRIGGER_OUT[r.trigger ?? 'CLOSED']].map(csvField).join(','));
  }
  return `${out.join('\n')}\n`;
}

/**
 * The classification scheme with its retention schedule (JRA) as CSV, columns:
 * kode,judul,retensi_aktif_tahun,retensi_inaktif_tahun,nasib_akhir,keamanan,sumber
 * Parsing is whole-or-nothing: every bad line is reported with its number and reason.
 */
export interface ClassificationRow {
  code: string;
  title: string;
  parentCode: string | null;
  activeYears: number | null;
  inactiveYears: number | null;
  finalAction: 'MUSNAH' | 'PERMANEN' | 'DINILAI_KEMBALI' | null;
  securityClass: 'B' | 'T' | 'R' | 'SR' | null;
  source: string | null;
  isDemo: boolean;
}

export interface CsvProblem {
  line: number;
  reason: string;
}

const HEADER = ['kode', 'judul', 'retensi_aktif_tahun', 'retensi_inaktif_tahun', 'nasib_akhir', 'keamanan', 'sumber'];
const CODE = /^[A-Z]{2,5}(\.\d{2}(\.\d{1,2})?)?$/;

/** Splits one CSV line, honouring double quotes. */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (out.push(cur), (cur = ''));
    else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

export function parentOf(code: string): string | null {
  const i = code.lastIndexOf('.');
  return i < 0 ? null : code.slice(0, i);
}

export function parseClassificationCsv(text: string): { rows: ClassificationRow[]; problems: CsvProblem[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const problems: CsvProblem[] = [];
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.toLowerCase());
  if (HEADER.some((h, i) => header[i] !== h)) problems.push({ line: 1, reason: `header harus: ${HEADER.join(',')}` });
  const rows: ClassificationRow[] = [];
  const seen = new Map<string, number>();
  lines.slice(1).forEach((raw, idx) => {
    const line = idx + 2;
    if (!raw.trim()) return;
    const cols = splitCsvLine(raw);
    if (cols.length < 6) return void problems.push({ line, reason: `kolom kurang (${cols.length} dari 7)` });
    const [code, title, active, inactive, action, security, ...source] = cols;
    const bad = (reason: string) => problems.push({ line, reason: `${code || '(kosong)'}: ${reason}` });
    if (!CODE.test(code)) return void bad('kode tidak valid (contoh: PL, PL.01, PL.01.8)');
    if (seen.has(code)) return void bad(`kode ganda (juga di baris ${seen.get(code)})`);
    seen.set(code, line);
    if (!title) return void bad('judul kosong');
    const num = (v: string, name: string) => {
      if (v === '') return null;
      if (!/^\d{1,3}$/.test(v)) return void bad(`${name} harus bilangan bulat 0–999`), undefined;
      return Number(v);
    };
    const a = num(active, 'retensi_aktif_tahun');
    const n = num(inactive, 'retensi_inaktif_tahun');
    if (a === undefined || n === undefined) return;
    if (action && !['MUSNAH', 'PERMANEN', 'DINILAI_KEMBALI'].includes(action)) return void bad('nasib_akhir harus MUSNAH, PERMANEN atau DINILAI_KEMBALI');
    if (security && !['B', 'T', 'R', 'SR'].includes(security)) return void bad('keamanan harus B, T, R atau SR');
    const hasRule = a !== null || n !== null || Boolean(action);
    if (hasRule && (a === null || n === null || !action)) return void bad('aturan retensi harus lengkap: aktif, inaktif dan nasib_akhir');
    const src = source.join(',') || null;
    rows.push({
      code, title, parentCode: parentOf(code), activeYears: a, inactiveYears: n,
      finalAction: (action || null) as ClassificationRow['finalAction'], securityClass: (security || null) as ClassificationRow['securityClass'],
      source: src, isDemo: /CONTOH/i.test(src ?? ''),
    });
  });
  const codes = new Set(rows.map((r) => r.code));
  for (const r of rows) {
    if (r.parentCode && !codes.has(r.parentCode)) problems.push({ line: seen.get(r.code)!, reason: `${r.code}: induk ${r.parentCode} tidak ada di berkas` });
  }
  return { rows, problems };
}

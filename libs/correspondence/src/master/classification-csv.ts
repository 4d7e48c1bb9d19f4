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

export interface CsvRecord {
  /** The line the record starts on (1-based; a quoted field may span lines). */
  line: number;
  cols: string[];
}

export type CsvSeparator = ',' | ';' | '\t';
const SEPARATORS: CsvSeparator[] = [',', ';', '\t'];
export const SEPARATOR_NAME: Record<CsvSeparator, string> = { ',': 'koma (,)', ';': 'titik koma (;)', '\t': 'tab' };

/**
 * Reads CSV text (RFC 4180): a UTF-8 BOM, CRLF or LF line ends, quoted fields with doubled quotes
 * and line breaks inside quotes. The separator is the one that splits the header line into the
 * most fields: comma, the semicolon Excel writes in an Indonesian locale, or tab. Records whose
 * fields are all empty (blank lines, Excel's `;;;;;;` rows) are skipped; fields are trimmed.
 * Hand-written: no CSV library is a declared dependency of the project.
 */
export function readCsv(text: string): { separator: CsvSeparator; records: CsvRecord[]; problems: CsvProblem[] } {
  const src = text.replace(/^\uFEFF/, '');
  const problems: CsvProblem[] = [];
  if (src.includes('\uFFFD')) problems.push({ line: 1, reason: 'berkas bukan teks UTF-8; di Excel simpan sebagai "CSV UTF-8 (dipisahkan koma)"' });
  const separator = detectSeparator(src.split(/\r?\n/, 1)[0]);
  const { records, unclosedQuoteLine } = tokenize(src, separator);
  if (unclosedQuoteLine) problems.push({ line: unclosedQuoteLine, reason: 'tanda kutip (") tidak ditutup' });
  return { separator, records, problems };
}

function detectSeparator(headerLine: string): CsvSeparator {
  const count = (sep: string) => headerLine.split(sep).length;
  return SEPARATORS.reduce((best, sep) => (count(sep) > count(best) ? sep : best), ',' as CsvSeparator);
}

function tokenize(src: string, separator: CsvSeparator): { records: CsvRecord[]; unclosedQuoteLine: number | null } {
  const records: CsvRecord[] = [];
  let line = 1;
  let start = 1;
  let cols: string[] = [];
  let cur = '';
  let quoted = false;
  let quoteLine = 0;
  const endRecord = () => {
    cols.push(cur);
    const trimmed = cols.map((c) => c.trim());
    if (trimmed.some((c) => c !== '')) records.push({ line: start, cols: trimmed });
    cols = [];
    cur = '';
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cur += ch;
      }
    } else if (ch === '"' && cur.trim() === '') (quoted = true), (cur = ''), (quoteLine = line);
    else if (ch === separator) (cols.push(cur), (cur = ''));
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      start = ++line;
    } else cur += ch;
  }
  endRecord();
  return { records, unclosedQuoteLine: quoted ? quoteLine : null };
}

/** Splits one CSV line (no line breaks inside), honouring double quotes. */
export function splitCsvLine(line: string, separator: CsvSeparator = ','): string[] {
  return tokenize(line, separator).records[0]?.cols ?? [''];
}

export function parentOf(code: string): string | null {
  const i = code.lastIndexOf('.');
  return i < 0 ? null : code.slice(0, i);
}

/** Reads the classification CSV (see readCsv for the accepted forms). */
export function parseClassificationCsv(text: string): { rows: ClassificationRow[]; problems: CsvProblem[]; separator: CsvSeparator } {
  const csv = readCsv(text);
  if (csv.problems.length) return { rows: [], problems: csv.problems, separator: csv.separator };
  const head = headerProblem(csv.records, csv.separator, HEADER);
  if (head) return { rows: [], problems: [head], separator: csv.separator };
  const { rows, problems } = classificationRows(csv.records.slice(1), csv.separator);
  return { rows, problems, separator: csv.separator };
}

/**
 * A header that is not the expected one is one message for the whole file, naming the separator
 * read — its lines are not checked (each would fail the same way).
 */
export function headerProblem(records: CsvRecord[], separator: CsvSeparator, expected: string[], shown = expected.join(',')): CsvProblem | null {
  const header = (records[0]?.cols ?? []).map((h) => h.toLowerCase());
  if (expected.every((h, i) => header[i] === h)) return null;
  return {
    line: records[0]?.line ?? 1,
    reason: `header harus: ${shown} (pemisah terbaca: ${SEPARATOR_NAME[separator]}; koma, titik koma dan tab diterima); baris lain tidak diperiksa`,
  };
}

/** The data records (header excluded) as classification rows, every bad line with its number and reason. */
export function classificationRows(records: CsvRecord[], separator: CsvSeparator = ','): { rows: ClassificationRow[]; problems: CsvProblem[]; lineOf: Map<string, number> } {
  const problems: CsvProblem[] = [];
  const rows: ClassificationRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cols } of records) {
    if (cols.length < 6) {
      problems.push({ line, reason: `kolom kurang (${cols.length} dari 7)` });
      continue;
    }
    const [code, title, active, inactive, action, security, ...source] = cols;
    const bad = (reason: string) => problems.push({ line, reason: `${code || '(kosong)'}: ${reason}` });
    if (!CODE.test(code)) {
      bad('kode tidak valid (contoh: PL, PL.01, PL.01.8)');
      continue;
    }
    if (seen.has(code)) {
      bad(`kode ganda (juga di baris ${seen.get(code)})`);
      continue;
    }
    seen.set(code, line);
    if (!title) {
      bad('judul kosong');
      continue;
    }
    const num = (v: string, name: string) => {
      if (v === '') return null;
      if (!/^\d{1,3}$/.test(v)) return void bad(`${name} harus bilangan bulat 0–999`), undefined;
      return Number(v);
    };
    const a = num(active, 'retensi_aktif_tahun');
    const n = num(inactive, 'retensi_inaktif_tahun');
    if (a === undefined || n === undefined) continue;
    if (action && !['MUSNAH', 'PERMANEN', 'DINILAI_KEMBALI'].includes(action)) {
      bad('nasib_akhir harus MUSNAH, PERMANEN atau DINILAI_KEMBALI');
      continue;
    }
    if (security && !['B', 'T', 'R', 'SR'].includes(security)) {
      bad('keamanan harus B, T, R atau SR');
      continue;
    }
    const hasRule = a !== null || n !== null || Boolean(action);
    if (hasRule && (a === null || n === null || !action)) {
      bad('aturan retensi harus lengkap: aktif, inaktif dan nasib_akhir');
      continue;
    }
    const src = source.join(separator === '\t' ? ' ' : separator) || null;
    rows.push({
      code, title, parentCode: parentOf(code), activeYears: a, inactiveYears: n,
      finalAction: (action || null) as ClassificationRow['finalAction'], securityClass: (security || null) as ClassificationRow['securityClass'],
      source: src, isDemo: /CONTOH/i.test(src ?? ''),
    });
  }
  const codes = new Set(rows.map((r) => r.code));
  for (const r of rows) {
    if (r.parentCode && !codes.has(r.parentCode)) problems.push({ line: seen.get(r.code)!, reason: `${r.code}: induk ${r.parentCode} tidak ada di berkas` });
  }
  problems.sort((x, y) => x.line - y.line);
  return { rows, problems, lineOf: seen };
}

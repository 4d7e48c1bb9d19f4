import type { SecurityClassCode, UrgencyCode } from './letter-render-input';

const MONTHS = [
  'Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni',
  'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember',
];
/** Asia/Jakarta (WIB) is UTC+7 all year round: no daylight saving since 1964. */
const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;

/** '5 Maret 2024': the date in Asia/Jakarta, without depending on the host's ICU data. */
export function formatIndonesianDate(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid date');
  const wib = new Date(date.getTime() + WIB_OFFSET_MS);
  return `${wib.getUTCDate()} ${MONTHS[wib.getUTCMonth()]} ${wib.getUTCFullYear()}`;
}

const UNITS = ['', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan', 'sepuluh', 'sebelas'];
const SCALES: Array<[number, string]> = [
  [1e12, 'triliun'],
  [1e9, 'miliar'],
  [1e6, 'juta'],
];

/** Indonesian number words (terbilang) for a non-negative integer: 21 → 'dua puluh satu'. */
export function terbilang(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`terbilang needs a non-negative integer, got ${n}`);
  if (n === 0) return 'nol';
  return words(n);
}

function words(n: number): string {
  if (n < 12) return UNITS[n];
  if (n < 20) return `${UNITS[n - 10]} belas`;
  if (n < 100) return join(`${UNITS[Math.floor(n / 10)]} puluh`, n % 10);
  if (n < 200) return join('seratus', n - 100);
  if (n < 1000) return join(`${UNITS[Math.floor(n / 100)]} ratus`, n % 100);
  if (n < 2000) return join('seribu', n - 1000);
  if (n < 1e6) return join(`${words(Math.floor(n / 1000))} ribu`, n % 1000);
  for (const [scale, name] of SCALES) {
    if (n >= scale) return join(`${words(Math.floor(n / scale))} ${name}`, n % scale);
  }
  throw new RangeError(`terbilang: ${n} is too large`);
}

function join(head: string, rest: number): string {
  return rest === 0 ? head : `${head} ${words(rest)}`;
}

const SECURITY_LABELS: Record<SecurityClassCode, string> = {
  B: 'Biasa',
  T: 'Terbatas',
  R: 'Rahasia',
  SR: 'Sangat Rahasia',
};

/** Sifat: 'Biasa', 'Terbatas', 'Rahasia', 'Sangat Rahasia'. */
export function securityClassLabel(code: SecurityClassCode): string {
  return SECURITY_LABELS[code];
}

const URGENCY_LABELS: Record<UrgencyCode, string> = {
  BIASA: 'Biasa',
  SEGERA: 'Segera',
  AMAT_SEGERA: 'Amat Segera',
};

/** Urgensi: 'Biasa', 'Segera', 'Amat Segera'. */
export function urgencyLabel(code: UrgencyCode): string {
  return URGENCY_LABELS[code];
}

/**
 * The "Sifat" line of a Surat Dinas, Undangan or Nota Dinas: what is not ordinary about the letter,
 * its security class (Terbatas, Rahasia, Sangat Rahasia) and its urgency (Segera, Amat Segera) —
 * 'Amat Segera', 'Rahasia, Segera' —, or 'Biasa' when it is an ordinary letter on both counts. The
 * urgency is the one boxed in the corner; the Rahasia marking the one at the top and foot of the page.
 */
export function sifatLabel(security: SecurityClassCode, urgency: UrgencyCode): string {
  const parts = [security === 'B' ? '' : SECURITY_LABELS[security], urgency === 'BIASA' ? '' : URGENCY_LABELS[urgency]].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'Biasa';
}

/** Words written in lower case inside a title ('Kepala Subbagian Keuangan, Umum dan Logistik'). */
const LOWER_WORDS = new Set(['dan', 'atau', 'di', 'ke', 'dari', 'untuk', 'yang', 'pada', 'dengan', 'serta', 'bagi', 'se', 'u.b', 'a.n']);
/** Abbreviations kept in capitals. */
const ACRONYMS = new Set(['KPU', 'KIP', 'RI', 'DKI', 'PPK', 'PPS', 'KPPS', 'PPLN', 'KPPSLN', 'PPDP', 'SDM', 'TU', 'TI', 'ASN', 'PNS', 'PPPK', 'NIP', 'II', 'III', 'IV', 'VI', 'VII', 'VIII', 'IX', 'XI', 'XII']);

function casePart(part: string, first: boolean): string {
  const m = /^([^\p{L}\p{N}]*)([\p{L}\p{N}.]*?)([^\p{L}\p{N}]*)$/u.exec(part);
  if (!m || !m[2]) return part.toLowerCase();
  const [, lead, core, tail] = m;
  if (ACRONYMS.has(core)) return part;
  const lower = core.toLowerCase();
  if (!first && LOWER_WORDS.has(lower)) return `${lead}${lower}${tail}`;
  return `${lead}${lower.charAt(0).toUpperCase()}${lower.slice(1)}${tail}`;
}

/**
 * A title or an office's name written in capitals, in initial capitals as a title is written in
 * running text: 'KEPALA SUBBAGIAN KEUANGAN, UMUM DAN LOGISTIK' → 'Kepala Subbagian Keuangan, Umum
 * dan Logistik', 'PLT. KETUA' → 'Plt. Ketua', 'TOLI-TOLI' → 'Toli-Toli'; KPU, KIP, RI, SDM … stay.
 * Text that is not all capitals (after a Plt./Plh. prefix) is returned as given.
 */
export function titleCaseId(text: string): string {
  const acting = /^(pl[th]\.)\s*/i.exec(text); // 'Plt. SEKRETARIS', as the render job prefixes an a.n. signer's title
  if (acting) return `${acting[1].charAt(0).toUpperCase()}${acting[1].slice(1).toLowerCase()} ${titleCaseId(text.slice(acting[0].length))}`;
  if (text !== text.toUpperCase()) return text;
  return text
    .split(' ')
    .map((word, i) => word.split('-').map((part, j) => (j > 0 && part ? casePart(part, true) : casePart(part, i === 0))).join('-'))
    .join(' ');
}

/** Lampiran: '1 (satu) berkas', '12 (dua belas) berkas', or '-' when there is none. */
export function attachmentsLabel(count: number): string {
  return count > 0 ? `${count} (${terbilang(count)}) berkas` : '-';
}

import { jakartaDateParts } from './jakarta-date';
import { parseTemplate, type PlaceholderName } from './number-template';
import { NumberingError } from './numbering.errors';
import { toRoman } from './roman';

/** What a letter number is made of. `date` is the signing instant, read in Asia/Jakarta time. */
export interface NumberContext {
  seq: number;
  classification?: string | null;
  /** Letter type code: SD, ND, Und, SE, Kpt, ST, BA, LP… */
  type: string;
  /** Office region code; dots are dropped (`52.04` → `5204`). */
  region?: string | null;
  unit?: string | null;
  office?: string | null;
  date: Date;
}

/** Longest number the `letters.number` column holds. */
export const MAX_NUMBER_LENGTH = 120;

type TextPlaceholder = Extract<PlaceholderName, 'classification' | 'type' | 'region' | 'unit' | 'office'>;

function textValue(name: TextPlaceholder, ctx: NumberContext): string | null {
  const raw = ctx[name];
  if (typeof raw !== 'string') return null;
  const value = (name === 'region' ? raw.replace(/\./g, '') : raw).trim();
  return value === '' ? null : value;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * Renders a letter number: `renderNumber(KPU_CURRENT, { seq: 1, classification: 'PY.01.1',
 * type: 'SD', region: '1101', date })` → `1/PY.01.1-SD/1101/2024`. Throws NumberingError when the
 * template is invalid, the sequence is not a positive integer, a value the template needs is
 * missing (all of them are listed), or the result is longer than MAX_NUMBER_LENGTH.
 */
export function renderNumber(template: string, ctx: NumberContext): string {
  const parts = parseTemplate(template);
  if (!Number.isSafeInteger(ctx.seq) || ctx.seq < 1) {
    throw new NumberingError('NUMBER_SEQ_INVALID', `Nomor urut harus bilangan bulat positif (invalid sequence): ${ctx.seq}`);
  }
  const { year, month, day } = jakartaDateParts(ctx.date);
  const missing: string[] = [];
  const out = parts.map((p) => {
    if (p.kind === 'literal') return p.text;
    switch (p.name) {
      case 'seq':
        return p.width ? String(ctx.seq).padStart(p.width, '0') : String(ctx.seq);
      case 'romanMonth':
        return toRoman(month);
      case 'month':
        return pad2(month);
      case 'year':
        return String(year).padStart(4, '0');
      case 'day':
        return pad2(day);
      default: {
        const value = textValue(p.name, ctx);
        if (value === null && !missing.includes(`{${p.name}}`)) missing.push(`{${p.name}}`);
        return value ?? '';
      }
    }
  });
  if (missing.length) {
    throw new NumberingError(
      'NUMBER_VALUE_MISSING',
      'Templat nomor memerlukan nilai yang belum tersedia (missing values)',
      missing.map((m) => `nilai untuk ${m} kosong`),
    );
  }
  const number = out.join('');
  if (number.length > MAX_NUMBER_LENGTH) {
    throw new NumberingError('NUMBER_TOO_LONG', `Nomor naskah lebih dari ${MAX_NUMBER_LENGTH} karakter (number too long)`, [number]);
  }
  return number;
}

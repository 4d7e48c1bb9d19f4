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

/** A piece of a number: literal text, or the place its sequence goes (zero-padded to `width`). */
export type NumberPart = string | { seq: true; width?: number };

/** The sequence as printed: `{seq}` → `7`, `{seq:4}` → `0007` (never cut: `{seq:2}` of 123 is `123`). */
export function formatSeq(seq: number, width?: number): string {
  return width ? String(seq).padStart(width, '0') : String(seq);
}

/**
 * A number before its sequence is known: every placeholder but `{seq}` rendered, adjacent literal
 * text merged. Lets the sequence be taken as late as possible (signing takes it in the same
 * database round trip that writes the number and commits). Throws NumberingError like
 * `renderNumber` for a bad template, missing values, or a number too long even with a 1-digit
 * sequence; `renderNumber` = these parts joined with `formatSeq`.
 */
export function numberParts(template: string, ctx: Omit<NumberContext, 'seq'>): NumberPart[] {
  const parts = parseTemplate(template);
  const { year, month, day } = jakartaDateParts(ctx.date);
  const missing: string[] = [];
  const out: NumberPart[] = [];
  const text = (t: string) => {
    const last = out[out.length - 1];
    if (typeof last === 'string') out[out.length - 1] = last + t;
    else if (t) out.push(t);
  };
  for (const p of parts) {
    if (p.kind === 'literal') {
      text(p.text);
      continue;
    }
    switch (p.name) {
      case 'seq':
        out.push(p.width ? { seq: true, width: p.width } : { seq: true });
        break;
      case 'romanMonth':
        text(toRoman(month));
        break;
      case 'month':
        text(pad2(month));
        break;
      case 'year':
        text(String(year).padStart(4, '0'));
        break;
      case 'day':
        text(pad2(day));
        break;
      default: {
        const value = textValue(p.name, ctx as NumberContext);
        if (value === null && !missing.includes(`{${p.name}}`)) missing.push(`{${p.name}}`);
        text(value ?? '');
      }
    }
  }
  if (missing.length) {
    throw new NumberingError(
      'NUMBER_VALUE_MISSING',
      'Templat nomor memerlukan nilai yang belum tersedia (missing values)',
      missing.map((m) => `nilai untuk ${m} kosong`),
    );
  }
  const shortest = out.map((p) => (typeof p === 'string' ? p : formatSeq(1, p.width))).join('');
  if (shortest.length > MAX_NUMBER_LENGTH) {
    throw new NumberingError('NUMBER_TOO_LONG', `Nomor naskah lebih dari ${MAX_NUMBER_LENGTH} karakter (number too long)`, [shortest]);
  }
  return out;
}

/**
 * Renders a letter number: `renderNumber(KPU_CURRENT, { seq: 1, classification: 'PY.01.1',
 * type: 'SD', region: '1101', date })` → `1/PY.01.1-SD/1101/2024`. Throws NumberingError when the
 * template is invalid, the sequence is not a positive integer, a value the template needs is
 * missing (all of them are listed), or the result is longer than MAX_NUMBER_LENGTH.
 */
export function renderNumber(template: string, ctx: NumberContext): string {
  parseTemplate(template);
  if (!Number.isSafeInteger(ctx.seq) || ctx.seq < 1) {
    throw new NumberingError('NUMBER_SEQ_INVALID', `Nomor urut harus bilangan bulat positif (invalid sequence): ${ctx.seq}`);
  }
  const number = numberParts(template, ctx)
    .map((p) => (typeof p === 'string' ? p : formatSeq(ctx.seq, p.width)))
    .join('');
  if (number.length > MAX_NUMBER_LENGTH) {
    throw new NumberingError('NUMBER_TOO_LONG', `Nomor naskah lebih dari ${MAX_NUMBER_LENGTH} karakter (number too long)`, [number]);
  }
  return number;
}

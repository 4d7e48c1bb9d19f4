import { jakartaDateParts } from './jakarta-date';
import { placeholdersOf } from './number-template';
import { NumberingError } from './numbering.errors';

/**
 * The counter scope says which letters share one gapless counter row. Dimensions always appear
 * in this canonical order in a key, whatever order the configuration lists them in.
 */
export const COUNTER_DIMENSIONS = ['office', 'type', 'year', 'unit', 'classification', 'month'] as const;
export type CounterDimension = (typeof COUNTER_DIMENSIONS)[number];
export type CounterScope = readonly CounterDimension[];

export const DEFAULT_COUNTER_SCOPE: CounterScope = ['office', 'type', 'year'];

/** The values a key is built from. `year`/`month`, when absent, come from `date` in Jakarta time. */
export interface CounterScopeInput {
  officeId: number | string;
  typeCode: string;
  year?: number | null;
  month?: number | null;
  date?: Date | null;
  unitId?: number | string | null;
  classification?: string | null;
}

function isDimension(d: string): d is CounterDimension {
  return (COUNTER_DIMENSIONS as readonly string[]).includes(d);
}

/**
 * Validates a scope given as a list or as stored text (`'office,type,year'`) and returns it in
 * canonical order. `office` is required: numbers are gapless per office.
 */
export function parseCounterScope(scope: string | readonly string[]): CounterDimension[] {
  const items = (typeof scope === 'string' ? scope.split(',') : [...scope]).map((s) => String(s).trim());
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const d of items) {
    if (!isDimension(d)) problems.push(`dimensi tidak dikenal: '${d}' (pilihan: ${COUNTER_DIMENSIONS.join(', ')})`);
    else if (seen.has(d)) problems.push(`dimensi ganda: '${d}'`);
    seen.add(d);
  }
  if (!seen.has('office')) problems.push("lingkup harus memuat 'office' (nomor berurutan per satker)");
  if (problems.length) throw new NumberingError('COUNTER_SCOPE_INVALID', 'Lingkup penghitung nomor tidak valid (invalid counter scope)', problems);
  return COUNTER_DIMENSIONS.filter((d) => seen.has(d));
}

const escapeValue = (v: string) => v.replace(/[%|=]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function calendar(input: CounterScopeInput, part: 'year' | 'month', problems: string[]): string | null {
  const fromDate = input.date ? jakartaDateParts(input.date)[part] : null;
  const given = input[part] ?? null;
  if (given !== null && fromDate !== null && given !== fromDate) problems.push(`${part} ${given} tidak sesuai tanggal (${fromDate})`);
  const v = given ?? fromDate;
  if (v === null) return null;
  const ok = part === 'year' ? Number.isInteger(v) && v >= 1 && v <= 9999 : Number.isInteger(v) && v >= 1 && v <= 12;
  if (!ok) problems.push(`${part} tidak valid: ${v}`);
  return String(v).padStart(part === 'year' ? 4 : 2, '0');
}

function dimensionValue(d: CounterDimension, input: CounterScopeInput, problems: string[]): string | null {
  switch (d) {
    case 'office': return input.officeId === undefined || input.officeId === null ? null : String(input.officeId);
    case 'type': return input.typeCode ?? null;
    case 'unit': return input.unitId === undefined || input.unitId === null ? null : String(input.unitId);
    case 'classification': return input.classification ?? null;
    default: return calendar(input, d, problems);
  }
}

/**
 * The key of the gapless counter row a number is drawn from, e.g. `office=12|type=SD|year=2024`.
 * Stable: dimensions in canonical order, year as 4 digits, month as 2, and `%`, `|`, `=` inside
 * values percent-encoded. Throws NumberingError when the scope is invalid or a value is missing.
 */
export function counterScopeKey(scope: string | readonly string[], input: CounterScopeInput): string {
  const dims = parseCounterScope(scope);
  const problems: string[] = [];
  const pairs = dims.map((d) => {
    const v = dimensionValue(d, input, problems);
    if (v === null || v.trim() === '') problems.push(`nilai dimensi '${d}' kosong`);
    return `${d}=${escapeValue(v ?? '')}`;
  });
  if (problems.length) throw new NumberingError('COUNTER_SCOPE_INVALID', 'Kunci penghitung nomor tidak dapat dibentuk (cannot build counter key)', problems);
  return pairs.join('|');
}

/**
 * Ways two different counters of one template could print the same number: each scope dimension
 * that splits the counter must be visible in the text. `type` is skipped when the template is
 * bound to a single letter type. Office is not checked: numbers are unique per office.
 * Returns the problems (Bahasa Indonesia); empty when the pair is safe.
 */
export function numberCollisionRisks(template: string, scope: string | readonly string[], opts: { typeBound?: boolean } = {}): string[] {
  const shown = new Set<string>(placeholdersOf(template));
  const needs: Record<Exclude<CounterDimension, 'office'>, string[]> = {
    type: ['type'], year: ['year'], unit: ['unit'], classification: ['classification'], month: ['month', 'romanMonth'],
  };
  return parseCounterScope(scope)
    .filter((d): d is Exclude<CounterDimension, 'office'> => d !== 'office')
    .filter((d) => !(d === 'type' && opts.typeBound))
    .filter((d) => !needs[d].some((p) => shown.has(p)))
    .map((d) => `lingkup memuat '${d}' tetapi templat tidak memuat {${needs[d].join('} atau {')}}: nomor dapat kembar`);
}

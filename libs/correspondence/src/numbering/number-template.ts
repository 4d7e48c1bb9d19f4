import { NumberingError } from './numbering.errors';

/**
 * Letter number templates: literal text with placeholders in braces.
 *
 * | placeholder        | value                                                          |
 * |--------------------|----------------------------------------------------------------|
 * | `{seq}`            | the counter value, as is (`7`)                                 |
 * | `{seq:N}`          | the counter value zero-padded to N digits (`{seq:4}` → `0007`) |
 * | `{classification}` | archive classification code (`PY.01.1`)                        |
 * | `{type}`           | letter type code (`SD`, `ND`, `Kpt`)                           |
 * | `{region}`         | office region code without dots (`5204`)                       |
 * | `{unit}`           | unit code (`SEK-PROV`, `04`)                                   |
 * | `{office}`         | office short code (`KPU`)                                      |
 * | `{romanMonth}`     | signing month in Roman numerals (`I`…`XII`)                    |
 * | `{month}`          | signing month, 2 digits (`05`)                                 |
 * | `{year}`           | signing year, 4 digits                                         |
 * | `{day}`            | signing day of month, 2 digits (`09`)                          |
 *
 * Dates are read in Asia/Jakarta time. Braces cannot appear as literal text. Every template must
 * contain `{seq}` (a number without its counter value would not be unique).
 */
export const PLACEHOLDERS = [
  'seq', 'classification', 'type', 'region', 'unit', 'office', 'romanMonth', 'month', 'year', 'day',
] as const;
export type PlaceholderName = (typeof PLACEHOLDERS)[number];

export type TemplatePart =
  | { kind: 'literal'; text: string }
  | { kind: 'placeholder'; name: PlaceholderName; width?: number };

/** Longest template the `numbering_templates.template` column holds. */
export const MAX_TEMPLATE_LENGTH = 200;
const MAX_SEQ_WIDTH = 12;
const INNER = /^([A-Za-z]+)(?::(\d+))?$/;

function isPlaceholder(name: string): name is PlaceholderName {
  return (PLACEHOLDERS as readonly string[]).includes(name);
}

function parsePlaceholder(inner: string, errors: string[]): TemplatePart | null {
  const m = INNER.exec(inner);
  if (!m) {
    errors.push(inner === '' ? 'placeholder kosong {}' : `placeholder tidak dikenal: {${inner}}`);
    return null;
  }
  const [, name, width] = m;
  if (!isPlaceholder(name)) {
    errors.push(`placeholder tidak dikenal: {${inner}}`);
    return null;
  }
  if (width === undefined) return { kind: 'placeholder', name };
  if (name !== 'seq') {
    errors.push(`hanya {seq} yang dapat diberi lebar digit: {${inner}}`);
    return null;
  }
  const n = Number(width);
  if (n < 1 || n > MAX_SEQ_WIDTH) {
    errors.push(`lebar digit {seq:N} harus 1–${MAX_SEQ_WIDTH}: {${inner}}`);
    return null;
  }
  return { kind: 'placeholder', name, width: n };
}

/** Splits a template into literal and placeholder parts, collecting every problem found. */
function scan(template: string): { parts: TemplatePart[]; errors: string[] } {
  const parts: TemplatePart[] = [];
  const errors: string[] = [];
  let literal = '';
  let i = 0;
  while (i < template.length) {
    const ch = template[i];
    if (ch === '}') {
      errors.push(`kurung kurawal tidak seimbang: '}' pada posisi ${i + 1} tanpa '{'`);
      i++;
      continue;
    }
    if (ch !== '{') {
      literal += ch;
      i++;
      continue;
    }
    const close = template.indexOf('}', i + 1);
    const reopen = template.indexOf('{', i + 1);
    if (close === -1 || (reopen !== -1 && reopen < close)) {
      errors.push(`kurung kurawal tidak seimbang: '{' pada posisi ${i + 1} tidak ditutup`);
      i++;
      continue;
    }
    if (literal) parts.push({ kind: 'literal', text: literal });
    literal = '';
    const part = parsePlaceholder(template.slice(i + 1, close), errors);
    if (part) parts.push(part);
    i = close + 1;
  }
  if (literal) parts.push({ kind: 'literal', text: literal });
  if (template.length > MAX_TEMPLATE_LENGTH) errors.push(`templat lebih dari ${MAX_TEMPLATE_LENGTH} karakter`);
  if (!parts.some((p) => p.kind === 'placeholder' && p.name === 'seq')) errors.push('templat harus memuat {seq}');
  return { parts, errors };
}

export type TemplateValidation = { ok: true } | { ok: false; errors: string[] };

/** Checks a template: unknown placeholders, unbalanced braces, missing `{seq}`, bad widths, length. */
export function validateTemplate(template: string): TemplateValidation {
  if (typeof template !== 'string') return { ok: false, errors: ['templat harus berupa teks'] };
  const { errors } = scan(template);
  return errors.length ? { ok: false, errors } : { ok: true };
}

/** The parts of a valid template; throws NumberingError (NUMBER_TEMPLATE_INVALID) otherwise. */
export function parseTemplate(template: string): TemplatePart[] {
  const checked = validateTemplate(template);
  if (!checked.ok) throw new NumberingError('NUMBER_TEMPLATE_INVALID', 'Templat nomor tidak valid (invalid number template)', checked.errors);
  return scan(template).parts;
}

/**
 * The distinct placeholder names a template uses, in order of first appearance, without widths
 * (`'{seq:4}/{type}'` → `['seq', 'type']`). Only well-formed known placeholders are listed.
 */
export function placeholdersOf(template: string): PlaceholderName[] {
  const names: PlaceholderName[] = [];
  for (const p of scan(template).parts) {
    if (p.kind === 'placeholder' && !names.includes(p.name)) names.push(p.name);
  }
  return names;
}

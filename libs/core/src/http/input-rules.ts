/**
 * The input rules every request goes through, as pure functions (the decorators in
 * input-decorators.ts and the global pipe in validation.ts apply them):
 *  - an id is written one way: decimal digits, no sign, no leading zero, no exponent, no hex, and
 *    within the column's range (INT UNSIGNED ≤ 4294967295, BIGINT ≤ 2^63-1);
 *  - a date is a real calendar day YYYY-MM-DD between 1900-01-01 and 2100-12-31;
 *  - text is well-formed UTF-16 (no lone surrogate), has no control character (newline, carriage
 *    return and tab only in multi-line fields) and is not made only of blanks and invisible marks.
 */

/** INT UNSIGNED columns (users, positions, offices, units, holidays, …). */
export const INT_ID_MAX = 4_294_967_295;
/** BIGINT columns (letters, deliveries, dispositions, dossiers, …), ids carried as decimal strings. */
export const BIGINT_ID_MAX = 9_223_372_036_854_775_807n;

const CANONICAL = /^[1-9]\d{0,18}$/;

/** "294" yes; "0294", "+294", "2.94e2", "0x126", " 294", "0" no; and no more than `max`. */
export function isCanonicalId(value: unknown, max: number | bigint = BIGINT_ID_MAX): boolean {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 1 && value <= Number(max);
  if (typeof value !== 'string' || !CANONICAL.test(value)) return false;
  return BigInt(value) <= BigInt(max);
}

/** The same rule for whole numbers of a query string or a multipart field (page, limit, year…): "7" yes, "07", "7.0", "0x7", "7e0" no. */
export function isCanonicalUint(value: string): boolean {
  return /^(0|[1-9]\d{0,15})$/.test(value);
}

export const MIN_DATE = '1900-01-01';
export const MAX_DATE = '2100-12-31';

/** A real day of the calendar, written YYYY-MM-DD, from 1900 to 2100 ("2026-02-31" is not). */
export function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2100 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** A UTF-16 code unit of a surrogate pair without its partner: cannot be encoded as UTF-8 (MariaDB, JSON columns refuse it). */
export function hasLoneSurrogate(value: string): boolean {
  return /\p{Surrogate}/u.test(value);
}

// C0 controls, DEL and C1 controls; multi-line fields keep tab, newline and carriage return.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** The first control character in the text (as U+XXXX), or null. */
export function controlCharIn(value: string, multiline = false): string | null {
  const m = (multiline ? CONTROL_MULTILINE : CONTROL).exec(value);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/**
 * Blanks (every Unicode White_Space: space, no-break space, ideographic space U+3000, …), format
 * characters (zero-width space/joiners U+200B–U+200D, word joiner U+2060, BOM U+FEFF, soft hyphen,
 * bidi marks and embeddings U+200E/U+200F/U+202A–U+202E/U+2066–U+2069, …) and the Hangul fillers
 * and combining grapheme joiner, which all print as nothing.
 */
const INVISIBLE_ONLY = /^[\p{White_Space}\p{Cf}\u034f\u115f\u1160\u3164\uffa0]+$/u;

/** A non-empty text that shows nothing on screen or paper. The empty string is not (an optional field may be ""). */
export function isInvisibleOnly(value: string): boolean {
  return INVISIBLE_ONLY.test(value);
}

/**
 * Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they make a text
 * display otherwise than it is stored ("Rp \u202E000.1" shows "Rp 1.000"), so a reviewer could
 * approve what the record does not say. The marks U+200E/U+200F stay allowed.
 */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

/** The first bidirectional embedding/override/isolate in the text (as U+XXXX), or null. */
export function bidiControlIn(value: string): string | null {
  const m = BIDI_CONTROL.exec(value);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/** Why a free text is refused (Indonesian (English)), or null when it is clean. */
export function textProblem(value: string, multiline = false): string | null {
  if (hasLoneSurrogate(value)) return 'berisi karakter UTF-16 yang tidak utuh (contains a lone surrogate)';
  const ctl = controlCharIn(value, multiline);
  if (ctl) return `berisi karakter kendali ${ctl} (contains control character ${ctl})`;
  const bidi = bidiControlIn(value);
  if (bidi) return `berisi karakter pengubah arah teks ${bidi} (contains bidirectional control character ${bidi})`;
  if (isInvisibleOnly(value)) return 'hanya berisi spasi atau karakter tak terlihat (only blanks or invisible characters)';
  return null;
}

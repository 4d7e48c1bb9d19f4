import { formatSeq, type NumberPart } from './render-number';

/**
 * Numbers are unique per office (`uq_letters_office_number`). A counter that starts afresh — a new
 * counter scope, or a template switched back to an older one — can reach a number the office has
 * already issued under another counter. These helpers find the sequences of one number shape that
 * are taken, so the counter moves past them instead of reusing (or failing on) a number.
 */

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, (c) => `\\${c}`);

/** A LIKE pattern (backslash escapes) matching every number of this shape: literal parts as they are, each sequence slot as `%`. */
export function numberLikePattern(parts: readonly NumberPart[]): string {
  return parts.map((p) => (typeof p === 'string' ? escapeLike(p) : '%')).join('');
}

/**
 * The sequence a number was rendered with from these parts, or null when it is not of this shape.
 * Compared without regard to case, as the column's collation does.
 */
export function seqOfNumber(parts: readonly NumberPart[], number: string): number | null {
  const re = new RegExp(`^${parts.map((p) => (typeof p === 'string' ? escapeRegex(p) : '(\\d+)')).join('')}$`, 'iu');
  const m = re.exec(number);
  if (!m) return null;
  const slots = parts.filter((p): p is { seq: true; width?: number } => typeof p !== 'string');
  const seq = Number(m[1]);
  if (!Number.isSafeInteger(seq) || seq < 1) return null;
  return slots.every((s, i) => m[i + 1] === formatSeq(seq, s.width)) ? seq : null;
}

/** The smallest sequence ≥ `from` whose number (of this shape) is not among `issued`. */
export function nextUnusedSeq(parts: readonly NumberPart[], issued: readonly string[], from: number): number {
  const taken = new Set<number>();
  for (const n of issued) {
    const seq = seqOfNumber(parts, n);
    if (seq !== null) taken.add(seq);
  }
  let seq = from;
  while (taken.has(seq)) seq++;
  return seq;
}

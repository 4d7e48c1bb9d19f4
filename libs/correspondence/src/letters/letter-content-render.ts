import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { BodyDoc, LetterTypeFields } from './letter-content';
import { textToBodyDoc } from './letter-content-text';

/** What the PDF layouts need of a letter's content, beyond LetterRenderInput's plain fields. */
export interface LetterContentForRender {
  /** The body as a document; derived from the plain `body` for letters stored as text only. */
  bodyDoc: BodyDoc;
  /** The typed fields of its type and the common ones (lampiran, closing, a.n./u.b. ids); null when none. */
  typeFields: LetterTypeFields | null;
  /** a.n.: the title of the position signed for, with its office ("Ketua Komisi Pemilihan Umum Kabupaten Sumbawa"); null without a.n. */
  onBehalfOfTitle: string | null;
  /** u.b.: the title of the position in between ("Sekretaris"); null without u.b. */
  throughTitle: string | null;
}

/** A letter as the repository reads it (LetterView) or any row with these fields. */
export interface LetterContentSource {
  body: string | null;
  bodyDoc?: BodyDoc | null;
  typeFields?: LetterTypeFields | null;
}

/**
 * The letter's content for the PDF renderer (render-letter job): the body document, the typed
 * fields and the a.n./u.b. titles resolved from the positions (read in the caller's transaction).
 * Office names are printed in full ("KPU" → "Komisi Pemilihan Umum", "KIP" → "Komisi Independen Pemilihan").
 */
export async function letterContentForRender(em: EntityManager, letter: LetterContentSource): Promise<LetterContentForRender> {
  const typeFields = letter.typeFields ?? null;
  const ids = [typeFields?.onBehalfOfPositionId, typeFields?.throughPositionId].filter((x): x is number => typeof x === 'number');
  const rows: { id: number; title: string; office_name: string }[] = ids.length
    ? await em.query(`SELECT p.id, p.title, o.name AS office_name FROM positions p JOIN offices o ON o.id = p.office_id WHERE p.id IN (${ids.map(() => '?').join(',')})`, ids)
    : [];
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const onBehalf = typeFields?.onBehalfOfPositionId ? byId.get(typeFields.onBehalfOfPositionId) : undefined;
  const through = typeFields?.throughPositionId ? byId.get(typeFields.throughPositionId) : undefined;
  return {
    bodyDoc: letter.bodyDoc ?? textToBodyDoc(letter.body),
    typeFields,
    onBehalfOfTitle: onBehalf ? `${onBehalf.title} ${fullOfficeName(onBehalf.office_name)}` : null,
    throughTitle: through ? through.title : null,
  };
}

function fullOfficeName(name: string): string {
  return name.replace(/^KPU /, 'Komisi Pemilihan Umum ').replace(/^KIP /, 'Komisi Independen Pemilihan ');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * SHA-256 (hex) of the letter's content as signed: subject, plain body, body document and typed
 * fields in canonical JSON (keys sorted). Recorded in the LETTER_SIGNED audit event, so the
 * hash-chained trail fixes exactly what was signed, whatever the PDF layout prints of it.
 */
export function letterContentSha256(letter: { subject: string; body: string | null; bodyDoc?: BodyDoc | null; typeFields?: LetterTypeFields | null }): string {
  const content = { subject: letter.subject, body: letter.body ?? '', bodyDoc: letter.bodyDoc ?? textToBodyDoc(letter.body), typeFields: letter.typeFields ?? null };
  return createHash('sha256').update(canonical(content), 'utf8').digest('hex');
}

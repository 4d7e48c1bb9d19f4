import type { ApiError, FieldProblem } from '../api/errors.js';

/** The API's reason without its English tail in brackets (users read Bahasa Indonesia only). */
export const indonesian = (reason: string) => reason.replace(/\s*\([^()]*[a-z][^()]*\)\s*$/, '').trim() || reason;

/** typeFields keys the form always has an input for (TypeFields.tsx; a.n. and the closing: SignatureBlock.tsx). */
const TYPE_FIELD_INPUTS = new Set(['events', 'attire', 'contact', 'basis', 'assignees', 'task', 'period', 'place', 'about', 'considering', 'observing', 'noting', 'decrees', 'eventDate', 'parties', 'subject', 'appendices', 'onBehalfOfPositionId', 'closing']);
/** What a typeFields key is called on the form, for the banner when no input shows it (u.b. shows only under an a.n. that has one). */
const TYPE_FIELD_LABELS: Record<string, string> = { onBehalfOfPositionId: 'a.n. (atas nama)', throughPositionId: 'u.b. (untuk beliau)', closing: 'Salam penutup' };

const TOP = new Set(['typeCode', 'subject', 'summary', 'securityClass', 'urgency', 'classificationCode', 'signerPositionId']);

/**
 * The API's validation details (`details.fields[].field`, e.g. `subject`, `recipients.0.externalName`,
 * `reviewerPositionIds.1`, `body`, `bodyDoc.content[3].content[0]`, `typeFields.events[0].date`; also
 * the 422 TYPE_FIELDS_INCOMPLETE of submit) as antd form fields; what names no field of this form
 * (e.g. a.n./u.b.) is returned in `rest` for the banner.
 */
export function apiFieldErrors(err: unknown): { fields: { name: (string | number)[]; errors: string[] }[]; rest: string[] } {
  const fields = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const rest: string[] = [];
  // an ApiError by its shape (a type-only import keeps this module free of the client, for its Node unit test)
  const problems = err instanceof Error && Array.isArray((err as Partial<ApiError>).fields) ? ((err as ApiError).fields as FieldProblem[]) : null;
  if (!problems) return { fields: [], rest };
  const put = (name: (string | number)[], msg: string) => {
    const k = JSON.stringify(name);
    const f = fields.get(k) ?? { name, errors: [] };
    f.errors.push(msg);
    fields.set(k, f);
  };
  for (const f of problems) {
    // `a.b[0].c` and `a.b.0.c` alike
    const parts = f.field
      .split(/[.[\]]+/)
      .filter((p) => p !== '')
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const top = String(parts[0]);
    const reason = indonesian(f.reason);
    if (TOP.has(top)) put([top], reason);
    else if (top === 'body' || top === 'bodyDoc') put(['bodyDoc'], reason);
    else if (top === 'recipients') put(['recipients'], typeof parts[1] === 'number' ? `Tujuan ke-${parts[1] + 1}: ${reason}` : reason);
    else if (top === 'reviewerPositionIds') put(['reviewerPositionIds'], typeof parts[1] === 'number' ? `Pemeriksa ke-${parts[1] + 1}: ${reason}` : reason);
    else if (top === 'typeFields' && parts.length > 1 && TYPE_FIELD_INPUTS.has(String(parts[1]))) {
      const key = parts[1];
      const i = parts.indexOf('content');
      if (key === 'appendices' && i > 0) put(parts.slice(0, i + 1), reason); // appendices[i].content.* → the appendix's editor
      else if (key === 'period') put(['typeFields', 'period'], reason); // one range picker for start and end
      else if (key === 'decrees' && parts.at(-1) === 'text') put(parts.slice(0, -1), reason); // the form holds diktum as texts
      else put(parts, reason);
    } else if (top === 'typeFields' && parts.length > 1 && TYPE_FIELD_LABELS[String(parts[1])]) rest.push(`${TYPE_FIELD_LABELS[String(parts[1])]}: ${reason}`);
    else rest.push(`${f.field}: ${reason}`);
  }
  return { fields: [...fields.values()], rest };
}

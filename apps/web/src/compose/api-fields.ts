import { ApiError } from '../api/errors';

/** The API's reason without its English tail in brackets (users read Bahasa Indonesia only). */
export const indonesian = (reason: string) => reason.replace(/\s*\([^()]*[a-z][^()]*\)\s*$/, '').trim() || reason;

const TOP = new Set(['typeCode', 'subject', 'summary', 'securityClass', 'urgency', 'classificationCode', 'signerPositionId']);

/**
 * The API's validation details (`details.fields[].field`, e.g. `subject`, `recipients.0.externalName`,
 * `reviewerPositionIds.1`, `body`, later `bodyDoc.content.3` and `typeFields.events.0.date`) as
 * antd form fields; what names no field of this form is returned in `rest` for the banner.
 */
export function apiFieldErrors(err: unknown): { fields: { name: (string | number)[]; errors: string[] }[]; rest: string[] } {
  const fields = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const rest: string[] = [];
  if (!(err instanceof ApiError)) return { fields: [], rest };
  const put = (name: (string | number)[], msg: string) => {
    const k = JSON.stringify(name);
    const f = fields.get(k) ?? { name, errors: [] };
    f.errors.push(msg);
    fields.set(k, f);
  };
  for (const f of err.fields) {
    const parts = f.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const top = String(parts[0]);
    const reason = indonesian(f.reason);
    if (TOP.has(top)) put([top], reason);
    else if (top === 'body' || top === 'bodyDoc') put(['bodyDoc'], reason);
    else if (top === 'recipients') put(['recipients'], typeof parts[1] === 'number' ? `Tujuan ke-${parts[1] + 1}: ${reason}` : reason);
    else if (top === 'reviewerPositionIds') put(['reviewerPositionIds'], typeof parts[1] === 'number' ? `Pemeriksa ke-${parts[1] + 1}: ${reason}` : reason);
    else if (top === 'typeFields' && parts.length > 1) {
      // appendices[i].content.* → the appendix's editor
      const i = parts.indexOf('content');
      put(i > 0 && parts[1] === 'appendices' ? parts.slice(0, i + 1) : parts, reason);
    } else rest.push(`${f.field}: ${reason}`);
  }
  return { fields: [...fields.values()], rest };
}

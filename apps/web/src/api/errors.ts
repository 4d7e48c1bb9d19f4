import { errorMessage } from '../labels.js';

export interface FieldProblem {
  field: string;
  reason: string;
}

/** An API answer that was not 2xx, with the server's code, message and the fields it names. */
export class ApiError extends Error {
  readonly status: number;
  readonly code?: string;
  readonly fields: FieldProblem[];
  readonly body: unknown;
  /** seconds to wait (a 429's Retry-After header, or the details' retryAfterSeconds), when the API says */
  readonly retryAfterSeconds?: number;

  constructor(status: number, body: unknown, retryAfter?: string | null) {
    const b = (body && typeof body === 'object' ? body : {}) as { code?: string; message?: string; details?: { fields?: FieldProblem[] } };
    super(errorMessage(b.code, b.message, status));
    this.status = status;
    this.code = b.code;
    this.body = body;
    const wait = Number(retryAfter ?? (b.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds);
    if (Number.isFinite(wait) && wait > 0) this.retryAfterSeconds = Math.ceil(wait);
    this.fields = Array.isArray(b.details?.fields) ? b.details!.fields!.filter((f) => f && typeof f.field === 'string') : [];
  }
}

export const networkError = () => new ApiError(0, { code: 'NETWORK', message: 'Tidak dapat menghubungi server. Periksa koneksi Anda.' });

/** The message to show for any thrown value. */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return 'Terjadi kesalahan.';
}

/** antd Form field errors from the API's details.fields (top-level name: `recipients.0.positionId` → ['recipients', 0, 'positionId']). */
export function formFieldErrors(err: unknown, known: string[]): { name: (string | number)[]; errors: string[] }[] {
  if (!(err instanceof ApiError)) return [];
  return err.fields
    .filter((f) => known.includes(f.field.split('.')[0]))
    .map((f) => ({ name: f.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [f.reason] }));
}

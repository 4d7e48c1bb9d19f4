/**
 * Domain errors carry a stable machine code and a kind; the HTTP layer maps the kind to a status
 * (see error.filter.ts). Messages are for users: Bahasa Indonesia, English may follow.
 */
export type ErrorKind =
  | 'VALIDATION' // 400
  | 'UNAUTHENTICATED' // 401
  | 'FORBIDDEN' // 403
  | 'NOT_FOUND' // 404
  | 'CONFLICT' // 409
  | 'GONE' // 410
  | 'TOO_LARGE' // 413
  | 'UNSUPPORTED_MEDIA' // 415
  | 'UNPROCESSABLE' // 422
  | 'RATE_LIMITED' // 429
  | 'UNAVAILABLE'; // 503

export const KIND_STATUS: Record<ErrorKind, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  TOO_LARGE: 413,
  UNSUPPORTED_MEDIA: 415,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

export interface FieldProblem {
  field: string;
  reason: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly details?: Record<string, unknown> & { fields?: FieldProblem[] },
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/**
 * 404 for an unknown id. The message names the thing in Bahasa Indonesia; the code names it in
 * English, one spelling per concept (`notFound('Pengguna', 7, 'USER')` → USER_NOT_FOUND). Without
 * an entity the code is made from the display word (A–Z, 0–9 and _ only).
 */
export const notFound = (what: string, id?: string | number, entity?: string) =>
  new DomainError(
    `${(entity ?? what).toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_NOT_FOUND`,
    'NOT_FOUND',
    `${what} tidak ditemukan (not found)`,
    id === undefined ? undefined : { id },
  );

export const forbidden = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, 'FORBIDDEN', message, details);

export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, 'CONFLICT', message, details);

export const unprocessable = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, 'UNPROCESSABLE', message, details);

export const invalid = (field: string, reason: string) =>
  new DomainError('VALIDATION_FAILED', 'VALIDATION', `${field}: ${reason}`, { fields: [{ field, reason }] });

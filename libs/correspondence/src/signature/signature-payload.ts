import { createHash } from 'node:crypto';

/** The capacity in which the signer signs: own name, Plt., Plh. or a.n. (atas nama). */
export type SigningCapacity = 'SENDIRI' | 'PLT' | 'PLH' | 'AN';

export const SIGNING_CAPACITIES: readonly SigningCapacity[] = ['SENDIRI', 'PLT', 'PLH', 'AN'];

/** What is signed: the facts printed on the verification page plus the SHA-256 of the PDF. */
export interface SignaturePayload {
  letterId: string;
  number: string;
  /** ISO 8601 instant, e.g. `2024-03-05T02:15:00.000Z`. */
  signedAt: string;
  signerName: string;
  signerPosition: string;
  capacity: SigningCapacity;
  /** Lower-case hex SHA-256 of the rendered PDF (64 characters). */
  documentSha256: string;
}

export class InvalidSignaturePayloadError extends Error {
  readonly code = 'SIGNATURE_PAYLOAD_INVALID';

  constructor(readonly field: keyof SignaturePayload, reason: string) {
    super(`Invalid signature payload: ${field} ${reason}`);
    this.name = 'InvalidSignaturePayloadError';
  }
}

/** The signed fields, in the order they appear in the signed text (ascending code points). */
export const SIGNED_FIELDS = ['capacity', 'documentSha256', 'letterId', 'number', 'signedAt', 'signerName', 'signerPosition'] as const;
const FIELDS = SIGNED_FIELDS;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** Throws InvalidSignaturePayloadError when a field is missing or malformed. */
export function assertValidPayload(p: SignaturePayload): void {
  for (const field of FIELDS) {
    if (typeof p[field] !== 'string' || p[field].length === 0) {
      throw new InvalidSignaturePayloadError(field, 'must be a non-empty string');
    }
  }
  if (!SIGNING_CAPACITIES.includes(p.capacity)) throw new InvalidSignaturePayloadError('capacity', 'is unknown');
  if (!SHA256_HEX.test(p.documentSha256)) {
    throw new InvalidSignaturePayloadError('documentSha256', 'must be 64 lower-case hex digits');
  }
  if (!ISO_INSTANT.test(p.signedAt) || Number.isNaN(Date.parse(p.signedAt))) {
    throw new InvalidSignaturePayloadError('signedAt', 'must be an ISO 8601 instant');
  }
}

/**
 * The exact text that is signed (encoded as UTF-8 bytes).
 *
 * Format (version 1): one JSON object, no whitespace, holding exactly the seven fields of
 * SignaturePayload with keys in ascending code-point order —
 * `capacity, documentSha256, letterId, number, signedAt, signerName, signerPosition` —
 * every value a JSON string as `JSON.stringify` escapes it. Extra properties on the input are
 * ignored, so they can never change what is signed. Example:
 * `{"capacity":"SENDIRI","documentSha256":"9f86…","letterId":"42","number":"1/PY.01.1-SD/5304/2024",
 * "signedAt":"2024-03-05T02:15:00.000Z","signerName":"Budi","signerPosition":"Ketua"}`
 *
 * Any verifier (including a future certified PSrE/BSrE one) can rebuild it from the stored facts.
 */
export function canonicalPayload(p: SignaturePayload): string {
  assertValidPayload(p);
  return `{${FIELDS.map((f) => `${JSON.stringify(f)}:${JSON.stringify(p[f])}`).join(',')}}`;
}

/** Lower-case hex SHA-256 of bytes (a string is hashed as UTF-8). */
export function sha256Hex(data: Buffer | Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

import type { SignaturePayload } from './signature-payload';

/**
 * Port for whatever signs a letter. Today: Ed25519Signer, an uncertified electronic signature
 * (tanda tangan elektronik tidak tersertifikasi). Later a certified PSrE/BSrE signer can
 * implement the same port without touching the signing use case or the verification page.
 */
export interface DocumentSigner {
  /** Stable name of the mechanism, stored beside each signature (e.g. `ed25519-uncertified`). */
  readonly kind: string;
  /** Identifies the key that signs, stored beside each signature so keys can be rotated. */
  readonly keyId: string;
  /** Signs canonicalPayload(payload); resolves to the signature in base64url. */
  sign(payload: SignaturePayload): Promise<string>;
  /** True only when `signature` is a valid signature of exactly this payload by this key. */
  verify(payload: SignaturePayload, signature: string): Promise<boolean>;
}

/** Injection token for the DocumentSigner port (a symbol, so no Nest import is needed here). */
export const DOCUMENT_SIGNER = Symbol('DOCUMENT_SIGNER');

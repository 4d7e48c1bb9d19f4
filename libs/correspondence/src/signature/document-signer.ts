import type { EntityManager } from 'typeorm';
import type { PublishedKey } from './published-key';
import type { SignaturePayload } from './signature-payload';

/** A signature and the key that made it (stored together: letters.signature, letters.signature_key_id). */
export interface DocumentSignature {
  /** base64url. */
  signature: string;
  keyId: string;
}

/**
 * Port for whatever signs a letter. Today: KeyringSigner, an uncertified electronic signature
 * (tanda tangan elektronik tidak tersertifikasi) with rotating Ed25519 keys. Later a certified
 * PSrE/BSrE signer can implement the same port without touching the signing use case or the
 * verification page.
 */
export interface DocumentSigner {
  /** Stable name of the mechanism (e.g. `ed25519-uncertified`). */
  readonly kind: string;
  /**
   * Signs canonicalPayload(payload) with the current key. Given the transaction that stores the
   * signature, the key cannot be retired before that transaction ends.
   */
  sign(payload: SignaturePayload, tx?: EntityManager): Promise<DocumentSignature>;
  /**
   * One-time set-up that needs a connection of its own (registering the first key). Call it before
   * the transaction that signs: `sign` inside a transaction then uses only that transaction's `tx`.
   */
  prepare?(): Promise<void>;
  /** True only when `signature` is a valid signature of exactly this payload by the key `keyId` (current or retired). */
  verify(payload: SignaturePayload, signature: string, keyId: string): Promise<boolean>;
  /** Every public key that signed or signs, for offline verification. */
  publishedKeys(): Promise<PublishedKey[]>;
}

/** Injection token for the DocumentSigner port (a symbol, so no Nest import is needed here). */
export const DOCUMENT_SIGNER = Symbol('DOCUMENT_SIGNER');

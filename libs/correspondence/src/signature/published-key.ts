import { createPublicKey } from 'node:crypto';
import type { SigningKeyRecord } from './signing-key.entity';

/** A public signing key as `GET /api/verify/keys` publishes it, for offline verification. */
export interface PublishedKey {
  keyId: string;
  /** `Ed25519` (signatures are EdDSA over the canonical payload, RFC 8032). */
  algorithm: string;
  signatureKind: string;
  /** SPKI PEM. */
  publicKeyPem: string;
  /** The same key as a JWK (RFC 8037): `{ kty: 'OKP', crv: 'Ed25519', x, kid, alg: 'EdDSA', use: 'sig' }`. */
  publicKeyJwk: { kty: string; crv: string; x: string; kid: string; alg: 'EdDSA'; use: 'sig' };
  /** ISO 8601: from when letters were signed with it. */
  validFrom: string;
  /** ISO 8601 or null: when it stopped signing new letters (its old signatures stay valid). */
  retiredAt: string | null;
  current: boolean;
}

export function publishedKey(r: SigningKeyRecord): PublishedKey {
  const jwk = createPublicKey(r.publicKeyPem).export({ format: 'jwk' }) as { kty: string; crv: string; x: string };
  return {
    keyId: r.keyId,
    algorithm: r.algorithm,
    signatureKind: r.signatureKind,
    publicKeyPem: r.publicKeyPem,
    publicKeyJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, kid: r.keyId, alg: 'EdDSA', use: 'sig' },
    validFrom: new Date(r.validFrom).toISOString(),
    retiredAt: r.retiredAt ? new Date(r.retiredAt).toISOString() : null,
    current: r.isCurrent === 1,
  };
}

export { DOCUMENT_SIGNER, type DocumentSigner } from './document-signer';
export { ED25519_SIGNER_KIND, Ed25519Signer } from './ed25519-signer';
export {
  assertValidPayload,
  canonicalPayload,
  InvalidSignaturePayloadError,
  SIGNING_CAPACITIES,
  sha256Hex,
  type SignaturePayload,
  type SigningCapacity,
} from './signature-payload';
export { generateSigningKey, keyIdOf, loadOrCreateSigningKey, parseSigningKey, type SigningKey } from './signing-key';

export { DOCUMENT_SIGNER, type DocumentSignature, type DocumentSigner } from './document-signer';
export { ED25519_SIGNER_KIND, Ed25519Signer } from './ed25519-signer';
export { privateKeyPath, readPrivateKey, removePrivateKey, writePrivateKey } from './key-directory';
export { KeyringSigner } from './keyring-signer';
export { publishedKey, type PublishedKey } from './published-key';
export {
  assertValidPayload,
  canonicalPayload,
  InvalidSignaturePayloadError,
  SIGNED_FIELDS,
  SIGNING_CAPACITIES,
  sha256Hex,
  type SignaturePayload,
  type SigningCapacity,
} from './signature-payload';
export { generateSigningKey, keyIdOf, loadOrCreateSigningKey, parseSigningKey, type SigningKey } from './signing-key';
export { SigningKeyRecord } from './signing-key.entity';
export { NoSigningKeyError, SigningKeyStore, type RotationResult, type SigningKeyStoreOptions } from './signing-key-store';
export { isVerificationTokenShape, newVerificationToken, VERIFICATION_TOKEN_BYTES, verificationUrl } from './verification-token';
export { P12Error, PadesSigner, PadesKeyMissingError, checkPdfSignature, readP12, type EmbeddedSignatureCheck, type SignerIdentity, type SigningCredentials } from './pades';

import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalPayload, type SignaturePayload } from './signature-payload';
import { keyIdOf, type SigningKey } from './signing-key';

export const ED25519_SIGNER_KIND = 'ed25519-uncertified';

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const ED25519_SIGNATURE_BYTES = 64;

/**
 * One Ed25519 key pair. Uncertified electronic signature (tanda tangan elektronik tidak
 * tersertifikasi): Ed25519 over canonicalPayload(payload) as UTF-8. Ed25519 is deterministic, so
 * one payload always gives one signature. Built from a public key only, it verifies but cannot
 * sign. KeyringSigner picks which key signs and which verifies.
 */
export class Ed25519Signer {
  readonly kind = ED25519_SIGNER_KIND;
  readonly keyId: string;
  readonly publicKeyPem: string;
  private readonly privateKey: KeyObject | null;
  private readonly publicKey: KeyObject;

  constructor(key: Pick<SigningKey, 'publicKeyPem'> & { privateKeyPem?: string }) {
    this.privateKey = key.privateKeyPem ? createPrivateKey(key.privateKeyPem) : null;
    this.publicKey = this.privateKey ? createPublicKey(this.privateKey) : createPublicKey(key.publicKeyPem);
    if (this.publicKey.asymmetricKeyType !== 'ed25519') throw new Error('Ed25519Signer needs an Ed25519 key');
    if (this.privateKey && keyIdOf(this.publicKey) !== keyIdOf(key.publicKeyPem)) {
      throw new Error('Ed25519Signer: the public key does not belong to the private key');
    }
    this.keyId = keyIdOf(this.publicKey);
    this.publicKeyPem = this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  async sign(payload: SignaturePayload): Promise<string> {
    if (!this.privateKey) throw new Error(`Ed25519Signer ${this.keyId} holds no private key`);
    const data = Buffer.from(canonicalPayload(payload), 'utf8');
    return sign(null, data, this.privateKey).toString('base64url');
  }

  async verify(payload: SignaturePayload, signature: string): Promise<boolean> {
    if (typeof signature !== 'string' || !BASE64URL.test(signature)) return false;
    const sig = Buffer.from(signature, 'base64url');
    if (sig.length !== ED25519_SIGNATURE_BYTES || sig.toString('base64url') !== signature) return false;
    let data: Buffer;
    try {
      data = Buffer.from(canonicalPayload(payload), 'utf8');
    } catch {
      return false; // a malformed payload was never signed
    }
    return verify(null, data, this.publicKey, sig);
  }
}

import type { EntityManager } from 'typeorm';
import type { DocumentSignature, DocumentSigner } from './document-signer';
import { ED25519_SIGNER_KIND } from './ed25519-signer';
import { publishedKey, type PublishedKey } from './published-key';
import type { SignaturePayload } from './signature-payload';
import type { SigningKeyStore } from './signing-key-store';

/**
 * The deployment's DocumentSigner: Ed25519 with the store's current key; verification with the
 * key that signed (named by letters.signature_key_id), so rotating keys never invalidates a letter.
 */
export class KeyringSigner implements DocumentSigner {
  readonly kind = ED25519_SIGNER_KIND;

  constructor(private readonly store: SigningKeyStore) {}

  async sign(payload: SignaturePayload, tx?: EntityManager): Promise<DocumentSignature> {
    const signer = tx ? await this.store.currentSigner(tx) : await this.inOwnTransaction();
    return { signature: await signer.sign(payload), keyId: signer.keyId };
  }

  /** Registers the first key when there is none (memoised: one query per process). */
  prepare(): Promise<void> {
    return this.store.bootstrap();
  }

  async verify(payload: SignaturePayload, signature: string, keyId: string): Promise<boolean> {
    if (typeof keyId !== 'string' || !keyId) return false;
    const verifier = await this.store.verifier(keyId);
    return verifier ? verifier.verify(payload, signature) : false;
  }

  async publishedKeys(): Promise<PublishedKey[]> {
    return (await this.store.list()).map(publishedKey);
  }

  private inOwnTransaction() {
    return this.store.dataSource.transaction((em) => this.store.currentSigner(em));
  }
}

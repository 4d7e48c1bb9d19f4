import { AppConfig } from '@naskah/core';
import { DOCUMENT_SIGNER, Ed25519Signer, loadOrCreateSigningKey } from '../signature';

/** The deployment's signer: an uncertified Ed25519 key (a PSrE/BSrE signer can replace it behind DOCUMENT_SIGNER). */
export const documentSignerProvider = {
  provide: DOCUMENT_SIGNER,
  inject: [AppConfig],
  useFactory: (c: AppConfig) => new Ed25519Signer(loadOrCreateSigningKey(c.SIGNING_KEY_PATH)),
};

import { DataSource } from 'typeorm';
import { AppConfig } from '@naskah/core';
import { DOCUMENT_SIGNER, KeyringSigner, SigningKeyStore } from '../signature';

/**
 * The deployment's signer: uncertified Ed25519 with rotating keys (public keys in `signing_keys`,
 * private keys in SIGNING_KEYS_DIR). A PSrE/BSrE signer can replace it behind DOCUMENT_SIGNER.
 */
export const documentSignerProvider = {
  provide: DOCUMENT_SIGNER,
  inject: [DataSource, AppConfig],
  useFactory: (ds: DataSource, c: AppConfig) =>
    new KeyringSigner(new SigningKeyStore(ds, { keysDir: c.signingKeysDir, legacyKeyPath: c.SIGNING_KEY_PATH })),
};

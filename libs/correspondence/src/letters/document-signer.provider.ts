import { DataSource } from 'typeorm';
import { AppConfig, ConfigError } from '@naskah/core';
import { DOCUMENT_SIGNER, KeyringSigner, SigningKeyStore } from '../signature';
import { P12Error, PadesSigner } from '../signature/pades';

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

/**
 * The signature inside the PDF (PAdES): the local CA's uncertified certificates, or the PKCS#12 of
 * SIGNING_P12_PATH. Built at boot, so a PKCS#12 that cannot be opened stops start-up, naming the variable.
 */
export const padesSignerProvider = {
  provide: PadesSigner,
  inject: [DataSource, AppConfig],
  useFactory: (ds: DataSource, c: AppConfig) => {
    const p12 = c.SIGNING_P12_PATH && c.SIGNING_P12_PASSWORD_FILE ? { path: c.SIGNING_P12_PATH, passwordFile: c.SIGNING_P12_PASSWORD_FILE } : null;
    try {
      return new PadesSigner(ds, { keysDir: c.signingKeysDir, p12 });
    } catch (err) {
      if (err instanceof P12Error) throw new ConfigError([`SIGNING_P12_PATH=${JSON.stringify(p12?.path)}: ${err.message}`]);
      throw err;
    }
  },
};

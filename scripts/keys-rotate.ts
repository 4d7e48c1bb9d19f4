import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '@naskah/core';
import { dataSourceOptions } from '@naskah/db';
import { SigningKeyRecord, SigningKeyStore, type RotationResult } from '../libs/correspondence/src/signature';

/**
 * `npm run keys:rotate [-- --discard-retired]`: a new Ed25519 signing key becomes current and the
 * current one is retired. Its public key stays published (GET /api/verify/keys) and keeps
 * verifying the letters it signed; with --discard-retired its private file is deleted from
 * SIGNING_KEYS_DIR. Running workers switch at the commit (they read the current key per letter);
 * the new private file must be in SIGNING_KEYS_DIR as every worker sees it (a shared volume).
 */
export async function rotateSigningKeys(env: Record<string, string | undefined>, argv: string[]): Promise<RotationResult> {
  const unknown = argv.filter((a) => a !== '--discard-retired');
  if (unknown.length) throw new Error(`argumen tidak dikenal (unknown arguments): ${unknown.join(' ')}; gunakan --discard-retired`);
  const config = loadConfig(env);
  const ds = new DataSource({ ...dataSourceOptions(config.DATABASE_URL, { poolSize: 2 } as never), entities: [SigningKeyRecord] });
  await ds.initialize();
  try {
    const store = new SigningKeyStore(ds, { keysDir: config.signingKeysDir, legacyKeyPath: config.SIGNING_KEY_PATH });
    return await store.rotate({ discardRetiredPrivateKey: argv.includes('--discard-retired') });
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  rotateSigningKeys(process.env, process.argv.slice(2)).then(
    (r) => {
      console.log(`kunci aktif baru (new current key): ${r.current}`);
      if (r.retired) console.log(`kunci dipensiunkan (retired): ${r.retired}${r.discarded ? ' — berkas kunci privatnya dihapus (private key file removed)' : ''}`);
    },
    (err) => {
      console.error(`Rotasi kunci gagal / key rotation failed: ${(err as Error).message}`);
      process.exit(1);
    },
  );
}

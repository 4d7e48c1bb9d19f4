import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The Ed25519 key that signs audit checkpoints. It lives in a file, never in the database. */
export interface CheckpointKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM of the public key (carried in each checkpoint, for people; verification uses the key file). */
  publicKeyPem: string;
  /** Fingerprint: the first 16 hex digits of the SHA-256 of the public key's SPKI DER. */
  keyId: string;
}

export function checkpointKeyIdOf(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  return createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

export function parseCheckpointKey(pem: string): CheckpointKey {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`audit checkpoint key must be Ed25519, got ${privateKey.asymmetricKeyType ?? 'unknown'}`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), keyId: checkpointKeyIdOf(publicKey) };
}

/** A fresh key in memory (tests, tools). */
export function generateCheckpointKey(): CheckpointKey {
  return parseCheckpointKey(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
}

/**
 * Reads the key at `path`, creating it when missing (file 0600, directory 0700). Creation is
 * race-free: written to a temporary file and hard-linked into place, so when several workers start
 * at once exactly one key wins and all use it.
 */
export function loadOrCreateCheckpointKey(path: string): CheckpointKey {
  try {
    return parseCheckpointKey(readFileSync(path, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(tmp, pem, { mode: 0o600, flag: 'wx' });
  try {
    chmodSync(tmp, 0o600);
    linkSync(tmp, path);
    return parseCheckpointKey(pem);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return parseCheckpointKey(readFileSync(path, 'utf8')); // another process created it first
  } finally {
    unlinkSync(tmp);
  }
}

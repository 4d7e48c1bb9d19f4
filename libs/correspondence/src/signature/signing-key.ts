import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** PEM key material of one Ed25519 signing key. */
export interface SigningKey {
  /** PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`). */
  privateKeyPem: string;
  /** SPKI PEM (`-----BEGIN PUBLIC KEY-----`). */
  publicKeyPem: string;
  /** First 16 hex digits of the SHA-256 of the public key's SPKI DER. */
  keyId: string;
}

/** keyId of a public key: the first 16 hex digits of the SHA-256 of its SPKI DER encoding. */
export function keyIdOf(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  const der = key.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

/** Parses a key file (private key PEM, optionally followed by the public key PEM). */
export function parseSigningKey(pem: string): SigningKey {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`Signing key must be Ed25519, got ${privateKey.asymmetricKeyType ?? 'unknown'}`);
  }
  // The public key is always derived from the private one, so a tampered public block is ignored.
  const publicKey = createPublicKey(privateKey);
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: keyIdOf(publicKey),
  };
}

/** A fresh Ed25519 key, in memory only (tests, tools). */
export function generateSigningKey(): SigningKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  return parseSigningKey(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
}

/**
 * Reads the signing key at `path`, creating it (mode 0600, parent directory 0700) when missing.
 * The file holds the private key PEM followed by the public key PEM. Creation is race-free:
 * the key is written to a temporary file and hard-linked into place, so when several processes
 * start at once exactly one key wins and all of them use it.
 */
export function loadOrCreateSigningKey(path: string): SigningKey {
  const existing = readIfExists(path);
  if (existing !== null) return parseSigningKey(existing);

  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const key = generateSigningKey();
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(tmp, key.privateKeyPem + key.publicKeyPem, { mode: 0o600, flag: 'wx' });
  try {
    chmodSync(tmp, 0o600);
    linkSync(tmp, path);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return parseSigningKey(readFileSync(path, 'utf8')); // another process created it first
  } finally {
    unlinkSync(tmp);
  }
}

function readIfExists(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

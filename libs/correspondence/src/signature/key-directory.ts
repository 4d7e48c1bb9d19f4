import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSigningKey, type SigningKey } from './signing-key';

const KEY_ID = /^[0-9a-f]{16,32}$/;

/** Path of a key's private file in the key directory: `<dir>/<keyId>.pem` (mode 0600). */
export function privateKeyPath(dir: string, keyId: string): string {
  if (!KEY_ID.test(keyId)) throw new RangeError(`not a signing key id: ${JSON.stringify(keyId)}`);
  return join(dir, `${keyId}.pem`);
}

/**
 * Writes a key's private file (private PEM then public PEM), race-free: through a temporary file
 * hard-linked into place, so two writers of the same key leave one intact file. The name is the
 * key id, which is derived from the key itself, so two different keys never share a file.
 */
export function writePrivateKey(dir: string, key: SigningKey): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = privateKeyPath(dir, key.keyId);
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(tmp, key.privateKeyPem + key.publicKeyPem, { mode: 0o600, flag: 'wx' });
  try {
    chmodSync(tmp, 0o600);
    linkSync(tmp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(tmp);
  }
  return path;
}

/** Reads a key's private file, or null when it is not there; refuses a file that holds another key. */
export function readPrivateKey(dir: string, keyId: string): SigningKey | null {
  let pem: string;
  try {
    pem = readFileSync(privateKeyPath(dir, keyId), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const key = parseSigningKey(pem);
  if (key.keyId !== keyId) throw new Error(`signing key file ${privateKeyPath(dir, keyId)} holds key ${key.keyId}`);
  return key;
}

/** Removes a retired key's private file (its public half stays in the database). */
export function removePrivateKey(dir: string, keyId: string): boolean {
  try {
    unlinkSync(privateKeyPath(dir, keyId));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

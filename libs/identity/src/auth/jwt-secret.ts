import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppConfig, isPlaceholderSecret } from '@naskah/core';

/**
 * The installation's access-token secret, read from `path`, or created there on first start
 * (48 random bytes, base64url, mode 0600). Created under a temporary name and linked into place,
 * so two processes starting at once agree on one secret and neither reads a half-written file.
 * Replicas share it the way they share the signing key (one volume), or set JWT_SECRET.
 */
export function loadOrCreateJwtSecret(path: string): string {
  try {
    return checked(readFileSync(path, 'utf8'), path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, `${randomBytes(48).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    chmodSync(tmp, 0o600); // whatever the umask
    linkSync(tmp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another process created it first: use theirs
  } finally {
    unlinkSync(tmp);
  }
  return checked(readFileSync(path, 'utf8'), path);
}

function checked(content: string, path: string): string {
  const secret = content.trim();
  if (secret.length < 32 || isPlaceholderSecret(secret)) {
    throw new Error(`JWT_SECRET_PATH=${path}: berkas rahasia JWT tidak sah (kurang dari 32 karakter atau nilai contoh); hapus agar dibuat ulang (invalid JWT secret file)`);
  }
  return secret;
}

/** JWT_SECRET when set, else the per-installation secret kept in JWT_SECRET_PATH. */
export function jwtSecretOf(config: AppConfig): string {
  return config.JWT_SECRET ?? loadOrCreateJwtSecret(config.JWT_SECRET_PATH);
}

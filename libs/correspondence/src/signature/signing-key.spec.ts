import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKey, keyIdOf, loadOrCreateSigningKey, parseSigningKey } from './signing-key';

describe('loadOrCreateSigningKey', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'naskah-key-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the key file once (mode 0600) and reuses it', () => {
    const path = join(dir, 'nested', 'signing-key.pem');
    const first = loadOrCreateSigningKey(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const content = readFileSync(path, 'utf8');
    expect(content).toContain('-----BEGIN PRIVATE KEY-----');
    expect(content).toContain('-----BEGIN PUBLIC KEY-----');

    const second = loadOrCreateSigningKey(path);
    expect(second).toEqual(first);
    expect(readFileSync(path, 'utf8')).toBe(content);
  });

  it('derives keyId from the SHA-256 of the public key DER', () => {
    const key = loadOrCreateSigningKey(join(dir, 'k.pem'));
    const der = createPublicKey(key.publicKeyPem).export({ type: 'spki', format: 'der' });
    expect(key.keyId).toBe(createHash('sha256').update(der).digest('hex').slice(0, 16));
    expect(key.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(keyIdOf(key.publicKeyPem)).toBe(key.keyId);
  });

  it('loads an existing key file and ignores a tampered public block', () => {
    const path = join(dir, 'k.pem');
    const key = generateSigningKey();
    writeFileSync(path, key.privateKeyPem + generateSigningKey().publicKeyPem, { mode: 0o600 });
    expect(loadOrCreateSigningKey(path)).toEqual(key);
  });

  it('refuses a non-Ed25519 key', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => parseSigningKey(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())).toThrow(/Ed25519/);
  });
});

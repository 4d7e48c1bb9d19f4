import { readFileSync } from 'node:fs';
import type { DataSource, EntityManager } from 'typeorm';
import { dbErrorCode } from '@naskah/db';
import { Ed25519Signer, ED25519_SIGNER_KIND } from './ed25519-signer';
import { readPrivateKey, removePrivateKey, writePrivateKey } from './key-directory';
import { generateSigningKey, keyIdOf, parseSigningKey, type SigningKey } from './signing-key';
import { SigningKeyRecord } from './signing-key.entity';

export interface SigningKeyStoreOptions {
  /** Directory of private key files, one `<keyId>.pem` per key (SIGNING_KEYS_DIR); shared by every replica that signs. */
  keysDir: string;
  /** The single key of installations from before rotation (SIGNING_KEY_PATH): registered as the first key when present. */
  legacyKeyPath?: string | null;
}

export interface RotationResult {
  /** The key that was current before (null on an installation that had none). */
  retired: string | null;
  current: string;
  /** True when the retired key's private file was removed (`--discard-retired`). */
  discarded: boolean;
}

export class NoSigningKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoSigningKeyError';
  }
}

/**
 * Where signing keys live. Public keys (current and retired) are rows of `signing_keys`, which
 * every replica reads and which is backed up with the letters they verify; the current key is the
 * one row with `is_current = 1`, so all replicas switch at the same commit. Private keys are files
 * in SIGNING_KEYS_DIR named by key id, never in the database (a database dump does not carry the
 * power to sign); only processes that sign (the worker) need that directory.
 *
 * Keys are immutable and named by the hash of their public key, so they are cached forever per id.
 */
export class SigningKeyStore {
  private readonly signers = new Map<string, Ed25519Signer>();
  private readonly verifiers = new Map<string, Ed25519Signer>();
  private bootstrapped: Promise<void> | null = null;

  constructor(
    readonly dataSource: DataSource,
    private readonly options: SigningKeyStoreOptions,
  ) {}

  /**
   * Registers the first key when the table is empty: the legacy key at SIGNING_KEY_PATH when it
   * exists (letters it signed keep verifying; `valid_from` = its first signature), else a new key.
   * Safe when several processes start at once: the unique keys let exactly one row in.
   */
  bootstrap(): Promise<void> {
    this.bootstrapped ??= this.doBootstrap().catch((err) => {
      this.bootstrapped = null; // retry on next use
      throw err;
    });
    return this.bootstrapped;
  }

  /** The current key, able to sign. Inside `em` its row is share-locked, so a rotation waits for this transaction. */
  async currentSigner(em: EntityManager): Promise<Ed25519Signer> {
    // First, outside `em`: a share-locked read of an empty table would gap-lock the very insert
    // that registers the first key. Memoised, so it costs one query per process.
    await this.bootstrap();
    const current = await this.currentRecord(em);
    if (!current) throw new NoSigningKeyError('Tidak ada kunci tanda tangan aktif (no current signing key): jalankan npm run keys:rotate');
    let signer = this.signers.get(current.keyId);
    if (!signer) {
      const key = readPrivateKey(this.options.keysDir, current.keyId);
      if (!key) {
        throw new NoSigningKeyError(`Kunci privat ${current.keyId} tidak ada di ${this.options.keysDir} (private key file missing; share SIGNING_KEYS_DIR with every worker)`);
      }
      signer = new Ed25519Signer(key);
      this.signers.set(current.keyId, signer);
    }
    return signer;
  }

  /** A verify-only signer for the key that signed, current or retired; null for an unknown key id. */
  async verifier(keyId: string): Promise<Ed25519Signer | null> {
    const hit = this.verifiers.get(keyId);
    if (hit) return hit;
    let record = await this.dataSource.getRepository(SigningKeyRecord).findOneBy({ keyId });
    if (!record && (await this.isEmpty())) {
      await this.bootstrap();
      record = await this.dataSource.getRepository(SigningKeyRecord).findOneBy({ keyId });
    }
    if (!record) return null;
    const verifier = new Ed25519Signer({ publicKeyPem: record.publicKeyPem });
    if (verifier.keyId !== record.keyId) throw new Error(`signing_keys row ${record.keyId} holds the public key ${verifier.keyId}`);
    this.verifiers.set(keyId, verifier);
    return verifier;
  }

  /** Every key, oldest first (what `GET /api/verify/keys` publishes). */
  async list(): Promise<SigningKeyRecord[]> {
    if (await this.isEmpty()) await this.bootstrap();
    return this.dataSource.getRepository(SigningKeyRecord).find({ order: { validFrom: 'ASC', keyId: 'ASC' } });
  }

  /**
   * Rotation: a new key becomes current and the current one is retired, in one transaction (new
   * signatures switch at its commit; renders in flight finish first with the old key, which they
   * share-locked). The new private file is written before the row that names it. The retired
   * public key stays; its private file is removed only with `discardRetiredPrivateKey`.
   */
  async rotate(opts: { discardRetiredPrivateKey?: boolean; now?: Date } = {}): Promise<RotationResult> {
    await this.bootstrap();
    const now = opts.now ?? new Date();
    const key = generateSigningKey();
    writePrivateKey(this.options.keysDir, key);
    const retired = await this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(SigningKeyRecord);
      const current = await repo.createQueryBuilder('k').where('k.isCurrent = 1').setLock('pessimistic_write').getOne();
      if (current) await repo.update({ keyId: current.keyId }, { isCurrent: null, retiredAt: now });
      await repo.insert(this.recordOf(key, now));
      return current?.keyId ?? null;
    });
    const discarded = !!(retired && opts.discardRetiredPrivateKey && removePrivateKey(this.options.keysDir, retired));
    if (discarded && retired) this.signers.delete(retired);
    return { retired, current: key.keyId, discarded };
  }

  /**
   * `LOCK IN SHARE MODE` by hand: TypeORM's pessimistic_read writes `FOR SHARE`, which MariaDB
   * rejects; MySQL 8 still accepts this spelling. Renders share the lock and never wait on each other.
   */
  private async currentRecord(em: EntityManager): Promise<{ keyId: string } | null> {
    const [row] = await em.query('SELECT key_id FROM signing_keys WHERE is_current = 1 LOCK IN SHARE MODE');
    return row ? { keyId: String(row.key_id) } : null;
  }

  private async isEmpty(): Promise<boolean> {
    return (await this.dataSource.getRepository(SigningKeyRecord).count()) === 0;
  }

  private async doBootstrap(): Promise<void> {
    if (!(await this.isEmpty())) return;
    const key = this.legacyKey() ?? generateSigningKey();
    writePrivateKey(this.options.keysDir, key);
    const [first] = await this.dataSource.query('SELECT MIN(signed_at) AS first FROM letters WHERE signature_key_id = ?', [key.keyId]);
    const validFrom = first?.first ? new Date(first.first) : new Date();
    try {
      await this.dataSource.getRepository(SigningKeyRecord).insert(this.recordOf(key, validFrom));
    } catch (err) {
      if (dbErrorCode(err) !== 'ER_DUP_ENTRY') throw err; // another process registered the first key
    }
  }

  private legacyKey(): SigningKey | null {
    const path = this.options.legacyKeyPath;
    if (!path) return null;
    try {
      return parseSigningKey(readFileSync(path, 'utf8'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  private recordOf(key: SigningKey, validFrom: Date): SigningKeyRecord {
    const r = new SigningKeyRecord();
    Object.assign(r, {
      keyId: keyIdOf(key.publicKeyPem),
      algorithm: 'Ed25519',
      signatureKind: ED25519_SIGNER_KIND,
      publicKeyPem: key.publicKeyPem,
      validFrom,
      retiredAt: null,
      isCurrent: 1,
    });
    return r;
  }
}

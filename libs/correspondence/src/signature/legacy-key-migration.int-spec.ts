import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '@naskah/db';
import { ALL_MIGRATIONS } from '../../../db/src/migrations';
import { VerificationTokensAndSigningKeys1764000900000 } from '../../../db/src/migrations/1764000900000-verification-tokens-and-signing-keys';
import { testDatabaseName, testServerUrls } from '@naskah/testing';
import { Ed25519Signer } from './ed25519-signer';
import { KeyringSigner } from './keyring-signer';
import { canonicalPayload, sha256Hex, type SignaturePayload } from './signature-payload';
import { generateSigningKey } from './signing-key';
import { SigningKeyRecord } from './signing-key.entity';
import { SigningKeyStore } from './signing-key-store';

/**
 * An installation from before key rotation: letters signed with the single key at
 * SIGNING_KEY_PATH, then the migration and the first use of the key store. Those letters get a
 * verification token and keep verifying (the legacy key becomes the first key id), also after a
 * rotation. Runs on its own scratch database, migrated up to just before the new migration.
 */
describe('upgrading an installation with a single signing key', () => {
  const worker = process.env.JEST_WORKER_ID ?? '1';
  const name = `${testDatabaseName(worker)}_legacykey`;
  const url = `${testServerUrls().db.replace(/\/$/, '')}/${name}`;
  const main = testDatabaseName(worker);
  let dir: string;
  let ds: DataSource;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'naskah-legacy-key-'));
    const server = new DataSource({ type: 'mysql', url: testServerUrls().db });
    await server.initialize();
    await server.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await server.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await server.destroy();
    const before = ALL_MIGRATIONS.slice(0, ALL_MIGRATIONS.indexOf(VerificationTokensAndSigningKeys1764000900000));
    const old = new DataSource({ ...dataSourceOptions(url, { poolSize: 2 } as never), migrations: before });
    await old.initialize();
    await old.runMigrations({ transaction: 'each' });
    await old.destroy();
    ds = new DataSource({ ...dataSourceOptions(url, { poolSize: 4 } as never), entities: [SigningKeyRecord] });
    await ds.initialize();
  });
  afterAll(async () => {
    await ds?.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await ds?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers the legacy key as the first key id, backfills tokens, and keeps old letters verifying after a rotation', async () => {
    // the old deployment: one key file, letters signed with it (letters.signature_key_id written)
    const legacy = generateSigningKey();
    const legacyPath = join(dir, 'signing-key.pem');
    writeFileSync(legacyPath, legacy.privateKeyPem + legacy.publicKeyPem, { mode: 0o600 });
    const oldSigner = new Ed25519Signer(legacy);
    const qr = ds.createQueryRunner(); // one session: the office's parents are not copied
    try {
      await qr.query('SET SESSION foreign_key_checks = 0');
      // the columns the old schema has (later migrations add more to offices, e.g. the kop surat)
      const cols = 'id, code, level, name, region_name, city, parent_id, created_at';
      await qr.query(`INSERT INTO offices (${cols}) SELECT ${cols} FROM \`${main}\`.offices WHERE code = '5204'`);
    } finally {
      await qr.query('SET SESSION foreign_key_checks = 1');
      await qr.release();
    }
    await ds.query(`INSERT IGNORE INTO letter_types SELECT * FROM \`${main}\`.letter_types WHERE code = 'SD'`);
    const [office] = await ds.query("SELECT id FROM offices WHERE code = '5204'");
    const letters: { id: string; payload: SignaturePayload; signature: string }[] = [];
    for (const [i, signedAt] of ['2025-02-03T01:02:03.456Z', '2025-06-07T08:09:10.111Z'].entries()) {
      const res = await ds.query(
        `INSERT INTO letters (office_id, drafter_user_id, drafter_position_id, type_code, subject, security_class, urgency, status, number, signed_at, signed_capacity, signer_name, signer_title)
         VALUES (?, 1, 1, 'SD', 'Naskah lama', 'B', 'BIASA', 'SENT', ?, ?, 'SENDIRI', 'Dra. Siti', 'Ketua')`,
        [office.id, `${i + 1}/PY.01.1-SD/5204/2025`, new Date(signedAt)],
      );
      const id = String(res.insertId);
      const payload: SignaturePayload = {
        letterId: id, number: `${i + 1}/PY.01.1-SD/5204/2025`, signedAt, signerName: 'Dra. Siti', signerPosition: 'Ketua', capacity: 'SENDIRI',
        documentSha256: sha256Hex(`pdf ${id}`),
      };
      const signature = await oldSigner.sign(payload);
      await ds.query('UPDATE letters SET document_sha256 = ?, signature = ?, signature_key_id = ? WHERE id = ?', [payload.documentSha256, signature, oldSigner.keyId, id]);
      letters.push({ id, payload, signature });
    }
    const [unsigned] = [await ds.query("INSERT INTO letters (office_id, drafter_user_id, drafter_position_id, type_code, subject, security_class, urgency) VALUES (?, 1, 1, 'SD', 'Konsep', 'B', 'BIASA')", [office.id])];

    // the upgrade
    expect(await runMigrations(url)).toContain('VerificationTokensAndSigningKeys1764000900000');
    const tokens = await ds.query('SELECT id, verification_token FROM letters ORDER BY id');
    const byId = new Map(tokens.map((r: { id: string; verification_token: string | null }) => [String(r.id), r.verification_token]));
    for (const l of letters) expect(byId.get(l.id)).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(byId.get(letters[0].id)).not.toBe(byId.get(letters[1].id));
    expect(byId.get(String(unsigned.insertId))).toBeNull();

    // first use of the key store adopts SIGNING_KEY_PATH
    const store = new SigningKeyStore(ds, { keysDir: join(dir, 'keys'), legacyKeyPath: legacyPath });
    const signer = new KeyringSigner(store);
    for (const l of letters) expect(await signer.verify(l.payload, l.signature, oldSigner.keyId)).toBe(true);
    const [first] = await signer.publishedKeys();
    expect(first).toMatchObject({ keyId: oldSigner.keyId, current: true, retiredAt: null, validFrom: '2025-02-03T01:02:03.456Z' });

    // after a rotation the old letters still verify, with the key that signed them; new ones use the new key
    const rotated = await store.rotate({ discardRetiredPrivateKey: true });
    expect(rotated).toMatchObject({ retired: oldSigner.keyId, discarded: true });
    const fresh = new KeyringSigner(new SigningKeyStore(ds, { keysDir: join(dir, 'keys'), legacyKeyPath: legacyPath }));
    for (const l of letters) {
      expect(await fresh.verify(l.payload, l.signature, oldSigner.keyId)).toBe(true);
      expect(await fresh.verify(l.payload, l.signature, rotated.current)).toBe(false);
    }
    const next: SignaturePayload = { ...letters[0].payload, letterId: '999', number: '3/PY.01.1-SD/5204/2025' };
    const signed = await ds.transaction((em) => fresh.sign(next, em));
    expect(signed.keyId).toBe(rotated.current);
    expect(await fresh.verify(next, signed.signature, rotated.current)).toBe(true);
    expect(canonicalPayload(next)).toContain('"letterId":"999"');
    expect((await fresh.publishedKeys()).map((k) => [k.keyId, k.current])).toEqual([[oldSigner.keyId, false], [rotated.current, true]]);
  });
});

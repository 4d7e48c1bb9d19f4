import { randomBytes } from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';

const BATCH = 1000;

/**
 * Public verification by an unguessable token, and signing keys that rotate (issue 10, items 8-9).
 *
 * - `letters.verification_token`: 144 random bits in base64url (24 characters), printed in the QR
 *   code instead of the sequential id; compared case-sensitively (ascii_bin) and unique. Letters
 *   already rendered get one here (their printed QR codes still carry `?id=`, which is no longer
 *   accepted: such a PDF is verified by uploading it, found by its SHA-256).
 * - `ix_letters_document_sha256`: the upload check finds the letter by the PDF's SHA-256.
 * - `signing_keys`: the public half of every signing key, current and retired, so a letter is
 *   verified with the key that signed it. At most one row is current (`is_current` = 1, unique;
 *   NULL on retired rows). Private keys never enter the database (files in SIGNING_KEYS_DIR). The
 *   existing single key (SIGNING_KEY_PATH) is registered by the application on first use, because
 *   a migration cannot read it (see SigningKeyStore.bootstrap).
 */
export class VerificationTokensAndSigningKeys1764000900000 implements MigrationInterface {
  name = 'VerificationTokensAndSigningKeys1764000900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE signing_keys (
      key_id VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      algorithm VARCHAR(20) NOT NULL,
      signature_kind VARCHAR(40) NOT NULL,
      public_key_pem TEXT NOT NULL,
      valid_from DATETIME(3) NOT NULL,
      retired_at DATETIME(3) NULL,
      is_current TINYINT(1) NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (key_id),
      UNIQUE KEY uq_signing_keys_current (is_current),
      CONSTRAINT ck_signing_keys_current CHECK ((is_current = 1 AND retired_at IS NULL) OR (is_current IS NULL AND retired_at IS NOT NULL))
    ) ENGINE=InnoDB`);
    await q.query(`ALTER TABLE letters
      ADD COLUMN verification_token VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL AFTER signature_key_id,
      ADD UNIQUE KEY uq_letters_verification_token (verification_token),
      ADD KEY ix_letters_document_sha256 (document_sha256)`);
    // Backfill: every letter already rendered and signed gets its token (keyset batches by id).
    let after = '0';
    for (;;) {
      const rows: { id: string }[] = await q.query(
        'SELECT id FROM letters WHERE id > ? AND signature IS NOT NULL AND verification_token IS NULL ORDER BY id LIMIT ?',
        [after, BATCH],
      );
      if (!rows.length) break;
      const ids = rows.map((r) => String(r.id));
      await q.query(
        `UPDATE letters SET verification_token = CASE id ${ids.map(() => 'WHEN ? THEN ?').join(' ')} END WHERE id IN (${ids.map(() => '?').join(',')})`,
        [...ids.flatMap((id) => [id, randomBytes(18).toString('base64url')]), ...ids],
      );
      after = ids[ids.length - 1];
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE letters DROP INDEX ix_letters_document_sha256, DROP INDEX uq_letters_verification_token, DROP COLUMN verification_token');
    await q.query('DROP TABLE signing_keys');
  }
}

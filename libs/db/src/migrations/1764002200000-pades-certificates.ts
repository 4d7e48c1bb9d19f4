import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The signature inside the PDF (PAdES, issue 14 item 5; libs/correspondence/src/signature/pades).
 *  - `signing_certificates`: the X.509 certificates the PDF signatures use and trust, public part
 *    only (private keys are files in SIGNING_KEYS_DIR/pades, 0600, never in the database — like
 *    the Ed25519 keys). `owner` is unique: `local-ca` (the local CA, created on first use),
 *    `position:<id>` (one signing certificate per signer position, issued by the local CA on
 *    first use and reused), `configured:<fingerprint>` (the certificates of the PKCS#12 set by
 *    SIGNING_P12_PATH, recorded so letters it signed keep verifying after it is replaced).
 *    Two renders for a new position at once insert one row: the loser reads the winner's.
 *    `trusted = 1`: a trust anchor of the verification page (the local CA, configured certificates).
 *  - `letters.embedded_signature_sha256`: SHA-256 of the CMS inside the signed PDF. NULL on
 *    letters rendered before PAdES. It finds the letter of an uploaded PDF whose bytes changed
 *    (so its SHA-256 matches nothing), to say which check failed.
 */
export class PadesCertificates1764002200000 implements MigrationInterface {
  name = 'PadesCertificates1764002200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE signing_certificates (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      owner VARCHAR(100) NOT NULL,
      position_id INT UNSIGNED NULL,
      trusted TINYINT NOT NULL DEFAULT 0,
      fingerprint_sha256 CHAR(64) NOT NULL,
      key_id CHAR(32) NULL,
      subject VARCHAR(1000) NOT NULL,
      issuer VARCHAR(1000) NOT NULL,
      serial_number VARCHAR(64) NOT NULL,
      not_before DATETIME(3) NOT NULL,
      not_after DATETIME(3) NOT NULL,
      certificate_pem TEXT NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_signing_certificates_owner (owner),
      KEY ix_signing_certificates_trusted (trusted),
      CONSTRAINT fk_signing_certificates_position FOREIGN KEY (position_id) REFERENCES positions (id)
    ) ENGINE=InnoDB`);
    await q.query(`ALTER TABLE letters ADD COLUMN embedded_signature_sha256 CHAR(64) NULL AFTER document_sha256,
      ADD KEY ix_letters_embedded_signature_sha256 (embedded_signature_sha256)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE letters DROP KEY ix_letters_embedded_signature_sha256, DROP COLUMN embedded_signature_sha256');
    await q.query('DROP TABLE signing_certificates');
  }
}

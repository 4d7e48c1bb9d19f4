import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The public half of a signing key, current or retired (table `signing_keys`). Kept for as long as
 * any letter it signed is kept, so that letter is verified with the key that signed it. Private
 * keys never enter the database: they are files in SIGNING_KEYS_DIR (see key-directory.ts).
 */
@Entity({ name: 'signing_keys' })
@Index('uq_signing_keys_current', ['isCurrent'], { unique: true })
export class SigningKeyRecord {
  /** First 16 hex digits of the SHA-256 of the public key's SPKI DER (keyIdOf). */
  @PrimaryColumn({ name: 'key_id', type: 'varchar', length: 32 })
  keyId!: string;

  /** `Ed25519`. */
  @Column({ name: 'algorithm', type: 'varchar', length: 20 })
  algorithm!: string;

  /** The DocumentSigner kind that made signatures with this key, e.g. `ed25519-uncertified`. */
  @Column({ name: 'signature_kind', type: 'varchar', length: 40 })
  signatureKind!: string;

  /** SPKI PEM (`-----BEGIN PUBLIC KEY-----`). */
  @Column({ name: 'public_key_pem', type: 'text' })
  publicKeyPem!: string;

  @Column({ name: 'valid_from', type: 'datetime', precision: 3 })
  validFrom!: Date;

  @Column({ name: 'retired_at', type: 'datetime', precision: 3, nullable: true })
  retiredAt!: Date | null;

  /** 1 on the one key that signs new letters, NULL on retired keys (a unique key: at most one current). */
  @Column({ name: 'is_current', type: 'tinyint', nullable: true })
  isCurrent!: number | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3, insert: false, update: false })
  createdAt!: Date;
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisation, identity, outbox, audit trail and file registry. */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE offices (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      code VARCHAR(10) NOT NULL,
      level ENUM('RI','PROVINSI','KABKOTA') NOT NULL,
      name VARCHAR(200) NOT NULL,
      region_name VARCHAR(200) NOT NULL,
      city VARCHAR(100) NOT NULL,
      parent_id INT UNSIGNED NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_offices_code (code),
      KEY ix_offices_parent (parent_id),
      KEY ix_offices_level (level),
      CONSTRAINT fk_offices_parent FOREIGN KEY (parent_id) REFERENCES offices(id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE units (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      office_id INT UNSIGNED NOT NULL,
      parent_id INT UNSIGNED NULL,
      code VARCHAR(40) NOT NULL,
      name VARCHAR(200) NOT NULL,
      kind ENUM('PIMPINAN','SEKRETARIAT','BIRO','BAGIAN','SUBBAGIAN') NOT NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uq_units_office_code (office_id, code),
      KEY ix_units_parent (parent_id),
      CONSTRAINT fk_units_office FOREIGN KEY (office_id) REFERENCES offices(id),
      CONSTRAINT fk_units_parent FOREIGN KEY (parent_id) REFERENCES units(id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE positions (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      office_id INT UNSIGNED NOT NULL,
      unit_id INT UNSIGNED NULL,
      parent_id INT UNSIGNED NULL,
      code VARCHAR(60) NOT NULL,
      title VARCHAR(200) NOT NULL,
      kind ENUM('KETUA','ANGGOTA','SEKRETARIS_JENDERAL','SEKRETARIS','KEPALA_BIRO','KABAG','KASUBBAG','ARSIPARIS','PENCATAT','STAF') NOT NULL,
      path VARCHAR(255) NOT NULL DEFAULT '/',
      depth TINYINT UNSIGNED NOT NULL DEFAULT 0,
      is_active TINYINT(1) NOT NULL DEFAULT 1,
      PRIMARY KEY (id),
      UNIQUE KEY uq_positions_office_code (office_id, code),
      KEY ix_positions_parent (parent_id),
      KEY ix_positions_path (path),
      KEY ix_positions_unit (unit_id),
      CONSTRAINT fk_positions_office FOREIGN KEY (office_id) REFERENCES offices(id),
      CONSTRAINT fk_positions_unit FOREIGN KEY (unit_id) REFERENCES units(id),
      CONSTRAINT fk_positions_parent FOREIGN KEY (parent_id) REFERENCES positions(id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE users (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      username VARCHAR(60) NOT NULL,
      full_name VARCHAR(200) NOT NULL,
      nip VARCHAR(30) NULL,
      email VARCHAR(200) NULL,
      password_hash VARCHAR(255) NOT NULL,
      position_id INT UNSIGNED NULL,
      is_active TINYINT(1) NOT NULL DEFAULT 1,
      version INT UNSIGNED NOT NULL DEFAULT 1,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_users_username (username),
      KEY ix_users_position (position_id),
      CONSTRAINT fk_users_position FOREIGN KEY (position_id) REFERENCES positions(id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE user_grants (
      user_id INT UNSIGNED NOT NULL,
      role ENUM('DRAFTER','REVIEWER','SIGNER','LEADER','REGISTRAR','ARCHIVIST','ADMIN') NOT NULL,
      granted_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (user_id, role),
      CONSTRAINT fk_user_grants_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE refresh_tokens (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      user_id INT UNSIGNED NOT NULL,
      family_id CHAR(36) NOT NULL,
      token_hash CHAR(64) NOT NULL,
      expires_at DATETIME(3) NOT NULL,
      revoked_at DATETIME(3) NULL,
      replaced_by_id BIGINT UNSIGNED NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_refresh_tokens_hash (token_hash),
      KEY ix_refresh_tokens_family (family_id),
      KEY ix_refresh_tokens_user (user_id),
      CONSTRAINT fk_refresh_tokens_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE delegations (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      user_id INT UNSIGNED NOT NULL,
      position_id INT UNSIGNED NOT NULL,
      kind ENUM('PLT','PLH') NOT NULL,
      starts_on DATE NOT NULL,
      ends_on DATE NOT NULL,
      reason VARCHAR(500) NULL,
      created_by INT UNSIGNED NULL,
      revoked_at DATETIME(3) NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      KEY ix_delegations_user (user_id, starts_on, ends_on),
      KEY ix_delegations_position (position_id, starts_on, ends_on),
      CONSTRAINT fk_delegations_user FOREIGN KEY (user_id) REFERENCES users(id),
      CONSTRAINT fk_delegations_position FOREIGN KEY (position_id) REFERENCES positions(id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE outbox (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      queue VARCHAR(40) NOT NULL,
      job_name VARCHAR(60) NOT NULL,
      job_id VARCHAR(200) NOT NULL,
      payload JSON NOT NULL,
      run_at DATETIME(3) NULL,
      request_id VARCHAR(64) NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      sent_at DATETIME(3) NULL,
      attempts INT UNSIGNED NOT NULL DEFAULT 0,
      last_error VARCHAR(500) NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uq_outbox_job_id (job_id),
      KEY ix_outbox_pending (sent_at, id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE audit_heads (
      stream SMALLINT UNSIGNED NOT NULL,
      seq BIGINT UNSIGNED NOT NULL,
      hash CHAR(64) NOT NULL,
      PRIMARY KEY (stream)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE audit_events (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      stream SMALLINT UNSIGNED NOT NULL,
      seq BIGINT UNSIGNED NOT NULL,
      prev_hash CHAR(64) NOT NULL,
      hash CHAR(64) NOT NULL,
      occurred_at DATETIME(3) NOT NULL,
      actor_user_id INT UNSIGNED NULL,
      actor_position_id INT UNSIGNED NULL,
      capacity VARCHAR(10) NULL,
      office_id INT UNSIGNED NULL,
      action VARCHAR(60) NOT NULL,
      entity_type VARCHAR(40) NOT NULL,
      entity_id VARCHAR(40) NOT NULL,
      before_state JSON NULL,
      after_state JSON NULL,
      request_id VARCHAR(64) NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uq_audit_events_stream_seq (stream, seq),
      KEY ix_audit_events_entity (entity_type, entity_id, id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE files (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      storage_key VARCHAR(200) NOT NULL,
      sha256 CHAR(64) NOT NULL,
      size_bytes BIGINT UNSIGNED NOT NULL,
      mime VARCHAR(100) NOT NULL,
      original_name VARCHAR(255) NOT NULL,
      created_by INT UNSIGNED NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      deleted_at DATETIME(3) NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uq_files_storage_key (storage_key),
      KEY ix_files_sha256 (sha256)
    ) ENGINE=InnoDB`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['files', 'audit_events', 'audit_heads', 'outbox', 'delegations', 'refresh_tokens', 'user_grants', 'users', 'positions', 'units', 'offices']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/** Letters: master data, drafts and revisions, review chain, numbering, transmissions (send/forward/return), deliveries, access. */
export class Correspondence1764000100000 implements MigrationInterface {
  name = 'Correspondence1764000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE letter_types (
      code VARCHAR(10) NOT NULL,
      name VARCHAR(100) NOT NULL,
      default_template VARCHAR(200) NULL,
      PRIMARY KEY (code)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE classifications (
      code VARCHAR(30) NOT NULL,
      title VARCHAR(300) NOT NULL,
      parent_code VARCHAR(30) NULL,
      active_years SMALLINT UNSIGNED NULL,
      inactive_years SMALLINT UNSIGNED NULL,
      final_action ENUM('MUSNAH','PERMANEN','DINILAI_KEMBALI') NULL,
      security_class ENUM('B','T','R','SR') NULL,
      source VARCHAR(300) NULL,
      is_demo TINYINT(1) NOT NULL DEFAULT 0,
      PRIMARY KEY (code),
      KEY ix_classifications_parent (parent_code)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE numbering_templates (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      office_id INT UNSIGNED NULL,
      type_code VARCHAR(10) NULL,
      template VARCHAR(200) NOT NULL,
      counter_scope VARCHAR(100) NOT NULL DEFAULT 'office,type,year',
      unit_code VARCHAR(40) NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uq_numbering_templates_scope (office_id, type_code)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE number_counters (
      scope_key VARCHAR(200) NOT NULL,
      value BIGINT UNSIGNED NOT NULL,
      PRIMARY KEY (scope_key)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE letters (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      origin ENUM('INTERNAL','EXTERNAL') NOT NULL DEFAULT 'INTERNAL',
      office_id INT UNSIGNED NOT NULL,
      drafter_user_id INT UNSIGNED NOT NULL,
      drafter_position_id INT UNSIGNED NOT NULL,
      type_code VARCHAR(10) NOT NULL,
      subject VARCHAR(500) NOT NULL,
      summary TEXT NULL,
      body MEDIUMTEXT NULL,
      security_class ENUM('B','T','R','SR') NOT NULL,
      urgency ENUM('BIASA','SEGERA','AMAT_SEGERA') NOT NULL,
      classification_code VARCHAR(30) NULL,
      signer_position_id INT UNSIGNED NULL,
      status ENUM('DRAFT','IN_REVIEW','RETURNED','APPROVED','SIGNED','SENT','CANCELLED') NOT NULL DEFAULT 'DRAFT',
      review_round SMALLINT UNSIGNED NOT NULL DEFAULT 0,
      current_step SMALLINT UNSIGNED NULL,
      revision INT UNSIGNED NOT NULL DEFAULT 1,
      version INT UNSIGNED NOT NULL DEFAULT 1,
      number VARCHAR(120) NULL,
      counter_key VARCHAR(200) NULL,
      number_seq BIGINT UNSIGNED NULL,
      signed_at DATETIME(3) NULL,
      signed_by_user_id INT UNSIGNED NULL,
      signed_capacity ENUM('SENDIRI','PLT','PLH','AN') NULL,
      document_file_id BIGINT UNSIGNED NULL,
      document_sha256 CHAR(64) NULL,
      signature VARCHAR(200) NULL,
      signature_key_id VARCHAR(32) NULL,
      signer_name VARCHAR(200) NULL,
      signer_title VARCHAR(200) NULL,
      sent_at DATETIME(3) NULL,
      external_sender VARCHAR(300) NULL,
      external_number VARCHAR(120) NULL,
      external_date DATE NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_letters_counter_seq (counter_key, number_seq),
      KEY ix_letters_drafter (drafter_position_id, status, id),
      KEY ix_letters_signer (signer_position_id, status, id),
      KEY ix_letters_office (office_id, status, id),
      CONSTRAINT fk_letters_office FOREIGN KEY (office_id) REFERENCES offices(id),
      CONSTRAINT fk_letters_type FOREIGN KEY (type_code) REFERENCES letter_types(code)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE letter_recipients (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      letter_id BIGINT UNSIGNED NOT NULL,
      kind ENUM('TO','CC') NOT NULL,
      ordinal SMALLINT UNSIGNED NOT NULL,
      office_id INT UNSIGNED NULL,
      position_id INT UNSIGNED NULL,
      external_name VARCHAR(300) NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uq_letter_recipients_ordinal (letter_id, ordinal),
      CONSTRAINT fk_letter_recipients_letter FOREIGN KEY (letter_id) REFERENCES letters(id) ON DELETE CASCADE
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE letter_reviews (
      letter_id BIGINT UNSIGNED NOT NULL,
      round SMALLINT UNSIGNED NOT NULL,
      step SMALLINT UNSIGNED NOT NULL,
      position_id INT UNSIGNED NOT NULL,
      decision ENUM('PENDING','APPROVED','RETURNED') NOT NULL DEFAULT 'PENDING',
      acted_by_user_id INT UNSIGNED NULL,
      acted_capacity VARCHAR(10) NULL,
      acted_at DATETIME(3) NULL,
      note TEXT NULL,
      PRIMARY KEY (letter_id, round, step),
      KEY ix_letter_reviews_position (position_id, decision),
      CONSTRAINT fk_letter_reviews_letter FOREIGN KEY (letter_id) REFERENCES letters(id) ON DELETE CASCADE
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE letter_revisions (
      letter_id BIGINT UNSIGNED NOT NULL,
      revision INT UNSIGNED NOT NULL,
      snapshot JSON NOT NULL,
      created_by INT UNSIGNED NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (letter_id, revision),
      CONSTRAINT fk_letter_revisions_letter FOREIGN KEY (letter_id) REFERENCES letters(id) ON DELETE CASCADE
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE letter_attachments (
      letter_id BIGINT UNSIGNED NOT NULL,
      file_id BIGINT UNSIGNED NOT NULL,
      added_by INT UNSIGNED NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (letter_id, file_id),
      CONSTRAINT fk_letter_attachments_letter FOREIGN KEY (letter_id) REFERENCES letters(id) ON DELETE CASCADE,
      CONSTRAINT fk_letter_attachments_file FOREIGN KEY (file_id) REFERENCES files(id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE letter_access (
      letter_id BIGINT UNSIGNED NOT NULL,
      position_id INT UNSIGNED NOT NULL,
      office_id INT UNSIGNED NOT NULL,
      reason ENUM('DRAFTER','REVIEWER','SIGNER','ADDRESSEE','RECIPIENT','FORWARDER','REGISTRAR') NOT NULL,
      PRIMARY KEY (letter_id, position_id, reason),
      KEY ix_letter_access_position (position_id, letter_id),
      KEY ix_letter_access_office (office_id, letter_id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE transmissions (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      letter_id BIGINT UNSIGNED NOT NULL,
      kind ENUM('SEND','FORWARD','RETURN','REGISTER') NOT NULL,
      from_office_id INT UNSIGNED NOT NULL,
      from_position_id INT UNSIGNED NULL,
      by_user_id INT UNSIGNED NULL,
      by_capacity VARCHAR(10) NULL,
      source_delivery_id BIGINT UNSIGNED NULL,
      cover_letter_id BIGINT UNSIGNED NULL,
      note TEXT NULL,
      target_count INT UNSIGNED NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      dispatched_at DATETIME(3) NULL,
      PRIMARY KEY (id),
      KEY ix_transmissions_letter (letter_id, id),
      KEY ix_transmissions_source (source_delivery_id),
      CONSTRAINT fk_transmissions_letter FOREIGN KEY (letter_id) REFERENCES letters(id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE transmission_targets (
      transmission_id BIGINT UNSIGNED NOT NULL,
      ordinal INT UNSIGNED NOT NULL,
      kind ENUM('TO','CC') NOT NULL,
      office_id INT UNSIGNED NOT NULL,
      position_id INT UNSIGNED NOT NULL,
      to_be_forwarded TINYINT(1) NOT NULL DEFAULT 0,
      final_office_id INT UNSIGNED NULL,
      final_position_id INT UNSIGNED NULL,
      PRIMARY KEY (transmission_id, ordinal),
      CONSTRAINT fk_transmission_targets_tx FOREIGN KEY (transmission_id) REFERENCES transmissions(id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE deliveries (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      transmission_id BIGINT UNSIGNED NOT NULL,
      ordinal INT UNSIGNED NOT NULL,
      letter_id BIGINT UNSIGNED NOT NULL,
      kind ENUM('TO','CC') NOT NULL,
      office_id INT UNSIGNED NOT NULL,
      position_id INT UNSIGNED NOT NULL,
      status ENUM('DELIVERED','READ','FORWARDED','RETURNED') NOT NULL DEFAULT 'DELIVERED',
      to_be_forwarded TINYINT(1) NOT NULL DEFAULT 0,
      final_office_id INT UNSIGNED NULL,
      final_position_id INT UNSIGNED NULL,
      agenda_year SMALLINT UNSIGNED NOT NULL,
      agenda_number INT UNSIGNED NOT NULL,
      sender_office_id INT UNSIGNED NOT NULL,
      sender_name VARCHAR(300) NOT NULL,
      subject VARCHAR(500) NOT NULL,
      number VARCHAR(120) NULL,
      type_code VARCHAR(10) NOT NULL,
      urgency ENUM('BIASA','SEGERA','AMAT_SEGERA') NOT NULL,
      security_class ENUM('B','T','R','SR') NOT NULL,
      read_at DATETIME(3) NULL,
      read_by_user_id INT UNSIGNED NULL,
      acted_at DATETIME(3) NULL,
      act_note TEXT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_deliveries_target (transmission_id, ordinal),
      UNIQUE KEY uq_deliveries_agenda (office_id, agenda_year, agenda_number),
      KEY ix_deliveries_inbox (position_id, id),
      KEY ix_deliveries_inbox_unread (position_id, read_at, id),
      KEY ix_deliveries_letter (letter_id, id)
    ) ENGINE=InnoDB`);
    await q.query(`INSERT INTO letter_types (code, name, default_template) VALUES
      ('SD','Surat Dinas',NULL),('ND','Nota Dinas',NULL),('Und','Undangan',NULL),('SE','Surat Edaran',NULL),
      ('ST','Surat Tugas',NULL),('SPt','Surat Perintah',NULL),('BA','Berita Acara',NULL),('LP','Laporan',NULL),
      ('Kpt','Keputusan','Nomor {seq} Tahun {year}'),('SKet','Surat Keterangan',NULL),('Png','Pengumuman',NULL),
      ('MoU','Nota Kesepahaman',NULL),('SKu','Surat Kuasa',NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['deliveries', 'transmission_targets', 'transmissions', 'letter_access', 'letter_attachments', 'letter_revisions', 'letter_reviews', 'letter_recipients', 'letters', 'number_counters', 'numbering_templates', 'classifications', 'letter_types']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}

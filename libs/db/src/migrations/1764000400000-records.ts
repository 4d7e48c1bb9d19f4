import { MigrationInterface, QueryRunner } from 'typeorm';

const FINAL = `ENUM('MUSNAH','PERMANEN','DINILAI_KEMBALI')`;
const SECURITY = `ENUM('B','T','R','SR')`;

/**
 * Records and retention: versioned retention schedules (JRA) and their rules, dossiers (berkas)
 * with their filed records, proposals (usul pindah / musnah / serah / nilai kembali) with items and
 * approvals, minutes (berita acara) documents, holds, tombstones, handover receipts, re-appraisals,
 * import batches and sweep runs.
 */
export class Records1764000400000 implements MigrationInterface {
  name = 'Records1764000400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE records_import_batches (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      filename VARCHAR(255) NULL,
      sha256 CHAR(64) NOT NULL,
      row_count INT UNSIGNED NOT NULL,
      rule_count INT UNSIGNED NOT NULL,
      effective_from DATE NOT NULL,
      summary JSON NULL,
      created_by INT UNSIGNED NULL,
      created_at DATETIME(3) NOT NULL,
      PRIMARY KEY (id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE retention_schedules (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      version INT UNSIGNED NOT NULL,
      effective_from DATE NOT NULL,
      label VARCHAR(200) NOT NULL,
      is_demo TINYINT(1) NOT NULL DEFAULT 0,
      import_batch_id INT UNSIGNED NULL,
      created_at DATETIME(3) NOT NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uq_retention_schedules_version (version),
      KEY ix_retention_schedules_effective (effective_from, version),
      CONSTRAINT fk_retention_schedules_batch FOREIGN KEY (import_batch_id) REFERENCES records_import_batches(id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE retention_rules (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      schedule_id INT UNSIGNED NOT NULL,
      classification_code VARCHAR(30) NOT NULL,
      active_years SMALLINT UNSIGNED NOT NULL,
      inactive_years SMALLINT UNSIGNED NOT NULL,
      trigger_kind ENUM('CLOSED','EVENT') NOT NULL DEFAULT 'CLOSED',
      final_action ${FINAL} NOT NULL,
      security_class ${SECURITY} NULL,
      source VARCHAR(300) NULL,
      is_demo TINYINT(1) NOT NULL DEFAULT 0,
      PRIMARY KEY (id),
      UNIQUE KEY uq_retention_rules_schedule_code (schedule_id, classification_code),
      KEY ix_retention_rules_code (classification_code, schedule_id),
      CONSTRAINT fk_retention_rules_schedule FOREIGN KEY (schedule_id) REFERENCES retention_schedules(id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE dossiers (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      office_id INT UNSIGNED NOT NULL,
      unit_id INT UNSIGNED NOT NULL,
      classification_code VARCHAR(30) NOT NULL,
      title VARCHAR(500) NOT NULL,
      description TEXT NULL,
      period_start DATE NOT NULL,
      period_end DATE NULL,
      location VARCHAR(300) NULL,
      security_class ${SECURITY} NOT NULL DEFAULT 'B',
      status ENUM('ACTIVE','CLOSED','INACTIVE','REVIEW','DESTROYED','HANDED_OVER') NOT NULL DEFAULT 'ACTIVE',
      created_by INT UNSIGNED NULL,
      created_at DATETIME(3) NOT NULL,
      closed_at DATETIME(3) NULL,
      event_date DATE NULL,
      event_note VARCHAR(500) NULL,
      rule_id INT UNSIGNED NOT NULL,
      trigger_date DATE NULL,
      active_until DATE NULL,
      inactive_until DATE NULL,
      final_action ${FINAL} NULL,
      retention_years SMALLINT UNSIGNED NULL,
      extra_years SMALLINT UNSIGNED NOT NULL DEFAULT 0,
      final_action_override ${FINAL} NULL,
      reappraisal_needed TINYINT(1) NOT NULL DEFAULT 0,
      sweep_due DATE NULL,
      open_proposal_id BIGINT UNSIGNED NOT NULL DEFAULT 0,
      hold_count INT UNSIGNED NOT NULL DEFAULT 0,
      item_count INT UNSIGNED NOT NULL DEFAULT 0,
      transferred_at DATETIME(3) NULL,
      destroyed_at DATETIME(3) NULL,
      handed_over_at DATETIME(3) NULL,
      version INT UNSIGNED NOT NULL DEFAULT 1,
      PRIMARY KEY (id),
      KEY ix_dossiers_sweep (sweep_due, id),
      KEY ix_dossiers_office (office_id, status, id),
      KEY ix_dossiers_unit (unit_id, status, id),
      KEY ix_dossiers_office_classification (office_id, classification_code, status),
      KEY ix_dossiers_classification (classification_code, rule_id),
      CONSTRAINT fk_dossiers_office FOREIGN KEY (office_id) REFERENCES offices(id),
      CONSTRAINT fk_dossiers_unit FOREIGN KEY (unit_id) REFERENCES units(id),
      CONSTRAINT fk_dossiers_rule FOREIGN KEY (rule_id) REFERENCES retention_rules(id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE dossier_items (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      dossier_id BIGINT UNSIGNED NOT NULL,
      office_id INT UNSIGNED NOT NULL,
      kind ENUM('OUTGOING','INCOMING') NOT NULL,
      letter_id BIGINT UNSIGNED NOT NULL,
      delivery_id BIGINT UNSIGNED NULL,
      filed_by INT UNSIGNED NOT NULL,
      filed_at DATETIME(3) NOT NULL,
      content_destroyed_at DATETIME(3) NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uq_dossier_items_office_letter (office_id, letter_id),
      KEY ix_dossier_items_dossier (dossier_id, id),
      KEY ix_dossier_items_letter (letter_id),
      CONSTRAINT fk_dossier_items_dossier FOREIGN KEY (dossier_id) REFERENCES dossiers(id),
      CONSTRAINT fk_dossier_items_letter FOREIGN KEY (letter_id) REFERENCES letters(id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE records_proposals (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      office_id INT UNSIGNED NOT NULL,
      kind ENUM('TRANSFER','DESTROY','HANDOVER','REVIEW') NOT NULL,
      status ENUM('DRAFT','SUBMITTED','APPROVED','REJECTED','EXECUTING','PACKAGED','EXECUTED','CANCELLED') NOT NULL DEFAULT 'DRAFT',
      origin ENUM('SWEEP','MANUAL') NOT NULL,
      sweep_draft TINYINT(1) NULL,
      title VARCHAR(300) NULL,
      created_by INT UNSIGNED NULL,
      created_at DATETIME(3) NOT NULL,
      submitted_at DATETIME(3) NULL,
      decided_at DATETIME(3) NULL,
      executed_at DATETIME(3) NULL,
      execution JSON NULL,
      version INT UNSIGNED NOT NULL DEFAULT 1,
      PRIMARY KEY (id),
      UNIQUE KEY uq_records_proposals_sweep_draft (office_id, kind, sweep_draft),
      KEY ix_records_proposals_office (office_id, status, id),
      CONSTRAINT fk_records_proposals_office FOREIGN KEY (office_id) REFERENCES offices(id)
    ) ENGINE=InnoDB`);
    // A dossier's open proposal is dossiers.open_proposal_id (one value: never two open proposals;
    // 0 = none, NOT NULL so the sweep's update stays in place instead of growing the row);
    // items keep each proposal's list and outcomes, clustered by proposal so the sweep appends.
    await q.query(`CREATE TABLE records_proposal_items (
      proposal_id BIGINT UNSIGNED NOT NULL,
      dossier_id BIGINT UNSIGNED NOT NULL,
      outcome ENUM('PENDING','DONE','SKIPPED_HELD','REJECTED') NOT NULL DEFAULT 'PENDING',
      retention_years SMALLINT UNSIGNED NOT NULL,
      added_at DATETIME(3) NOT NULL,
      PRIMARY KEY (proposal_id, dossier_id),
      CONSTRAINT fk_records_proposal_items_proposal FOREIGN KEY (proposal_id) REFERENCES records_proposals(id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE records_proposal_approvals (
      proposal_id BIGINT UNSIGNED NOT NULL,
      step ENUM('RECORDS_CENTRE_HEAD','APPRAISAL_COMMITTEE','OFFICE_LEADER') NOT NULL,
      decision ENUM('APPROVED','REJECTED') NOT NULL,
      user_id INT UNSIGNED NOT NULL,
      position_id INT UNSIGNED NOT NULL,
      capacity VARCHAR(10) NOT NULL,
      note TEXT NULL,
      decided_at DATETIME(3) NOT NULL,
      PRIMARY KEY (proposal_id, step),
      CONSTRAINT fk_records_proposal_approvals_proposal FOREIGN KEY (proposal_id) REFERENCES records_proposals(id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE records_minutes (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      proposal_id BIGINT UNSIGNED NOT NULL,
      kind ENUM('BA_PEMINDAHAN','BA_PEMUSNAHAN','BA_PENYERAHAN','MANIFEST','HANDOVER_PACKAGE') NOT NULL,
      format ENUM('PDF','XLSX','JSON','ZIP') NOT NULL,
      number VARCHAR(120) NULL,
      file_id BIGINT UNSIGNED NOT NULL,
      sha256 CHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uq_records_minutes_kind (proposal_id, kind, format),
      CONSTRAINT fk_records_minutes_proposal FOREIGN KEY (proposal_id) REFERENCES records_proposals(id),
      CONSTRAINT fk_records_minutes_file FOREIGN KEY (file_id) REFERENCES files(id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE records_holds (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      office_id INT UNSIGNED NOT NULL,
      case_name VARCHAR(300) NOT NULL,
      reason TEXT NOT NULL,
      status ENUM('APPLYING','IN_FORCE','LIFTED') NOT NULL DEFAULT 'APPLYING',
      scope_classification VARCHAR(30) NULL,
      scope_unit_id INT UNSIGNED NULL,
      scope_from DATE NULL,
      scope_to DATE NULL,
      scope_listed TINYINT(1) NOT NULL DEFAULT 0,
      created_by INT UNSIGNED NOT NULL,
      created_position_id INT UNSIGNED NULL,
      created_at DATETIME(3) NOT NULL,
      applied_at DATETIME(3) NULL,
      applied_count INT UNSIGNED NOT NULL DEFAULT 0,
      apply_cursor BIGINT UNSIGNED NOT NULL DEFAULT 0,
      lifted_at DATETIME(3) NULL,
      lifted_by INT UNSIGNED NULL,
      lift_reason TEXT NULL,
      PRIMARY KEY (id),
      KEY ix_records_holds_office (office_id, status),
      CONSTRAINT fk_records_holds_office FOREIGN KEY (office_id) REFERENCES offices(id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE records_hold_dossiers (
      hold_id INT UNSIGNED NOT NULL,
      dossier_id BIGINT UNSIGNED NOT NULL,
      PRIMARY KEY (hold_id, dossier_id),
      CONSTRAINT fk_records_hold_dossiers_hold FOREIGN KEY (hold_id) REFERENCES records_holds(id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE records_hold_assignments (
      hold_id INT UNSIGNED NOT NULL,
      dossier_id BIGINT UNSIGNED NOT NULL,
      assigned_at DATETIME(3) NOT NULL,
      PRIMARY KEY (hold_id, dossier_id),
      KEY ix_records_hold_assignments_dossier (dossier_id, hold_id),
      CONSTRAINT fk_records_hold_assignments_hold FOREIGN KEY (hold_id) REFERENCES records_holds(id)
    ) ENGINE=InnoDB`);
    // One row per office: placing a hold takes it exclusively, a destruction batch shares it, so a
    // hold committed before a batch starts is always seen by that batch (and one in flight finishes first).
    await q.query(`CREATE TABLE records_hold_epochs (
      office_id INT UNSIGNED NOT NULL,
      epoch BIGINT UNSIGNED NOT NULL DEFAULT 0,
      PRIMARY KEY (office_id)
    ) ENGINE=InnoDB`);
    // One row: a sweep batch shares it, submitting or cancelling a proposal takes it exclusively and
    // bumps the epoch, so the sweep never adds to a draft that has been submitted meanwhile.
    await q.query(`CREATE TABLE records_sweep_lock (
      id TINYINT UNSIGNED NOT NULL,
      epoch BIGINT UNSIGNED NOT NULL DEFAULT 0,
      PRIMARY KEY (id)
    ) ENGINE=InnoDB`);
    await q.query('INSERT INTO records_sweep_lock (id, epoch) VALUES (1, 0)');
    await q.query(`CREATE TABLE records_tombstones (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      dossier_id BIGINT UNSIGNED NOT NULL,
      proposal_id BIGINT UNSIGNED NOT NULL,
      metadata JSON NOT NULL,
      manifest JSON NOT NULL,
      manifest_sha256 CHAR(64) NOT NULL,
      destroyed_at DATETIME(3) NOT NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uq_records_tombstones_dossier (dossier_id),
      KEY ix_records_tombstones_proposal (proposal_id, id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE records_handover_receipts (
      proposal_id BIGINT UNSIGNED NOT NULL,
      archive_name VARCHAR(300) NOT NULL,
      receipt_number VARCHAR(120) NOT NULL,
      received_on DATE NOT NULL,
      received_by_name VARCHAR(200) NOT NULL,
      note TEXT NULL,
      package_sha256 CHAR(64) NOT NULL,
      recorded_by INT UNSIGNED NOT NULL,
      recorded_at DATETIME(3) NOT NULL,
      PRIMARY KEY (proposal_id),
      CONSTRAINT fk_records_handover_receipts_proposal FOREIGN KEY (proposal_id) REFERENCES records_proposals(id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE records_reappraisals (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      dossier_id BIGINT UNSIGNED NOT NULL,
      proposal_id BIGINT UNSIGNED NULL,
      decision ENUM('EXTEND','CHANGE_FINAL_ACTION','APPLY_RULE') NOT NULL,
      extra_years SMALLINT UNSIGNED NULL,
      final_action ${FINAL} NULL,
      rule_id INT UNSIGNED NULL,
      reason TEXT NOT NULL,
      before_state JSON NOT NULL,
      after_state JSON NOT NULL,
      decided_by INT UNSIGNED NOT NULL,
      decided_position_id INT UNSIGNED NULL,
      decided_at DATETIME(3) NOT NULL,
      PRIMARY KEY (id),
      KEY ix_records_reappraisals_dossier (dossier_id, id),
      CONSTRAINT fk_records_reappraisals_dossier FOREIGN KEY (dossier_id) REFERENCES dossiers(id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE records_sweep_runs (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      trigger_kind ENUM('SCHEDULE','MANUAL') NOT NULL,
      as_of DATE NULL,
      requested_by INT UNSIGNED NULL,
      requested_at DATETIME(3) NOT NULL,
      started_at DATETIME(3) NULL,
      finished_at DATETIME(3) NULL,
      scanned INT UNSIGNED NOT NULL DEFAULT 0,
      proposed INT UNSIGNED NOT NULL DEFAULT 0,
      batches INT UNSIGNED NOT NULL DEFAULT 0,
      PRIMARY KEY (id)
    ) ENGINE=InnoDB`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'records_sweep_runs', 'records_reappraisals', 'records_handover_receipts', 'records_tombstones', 'records_sweep_lock', 'records_hold_epochs', 'records_hold_assignments',
      'records_hold_dossiers', 'records_holds', 'records_minutes', 'records_proposal_approvals', 'records_proposal_items', 'records_proposals',
      'dossier_items', 'dossiers', 'retention_rules', 'retention_schedules', 'records_import_batches',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/** The standard instructions of a lembar disposisi; an admin maintains the list afterwards. */
const INSTRUCTION_SEED: { code: string; label: string; offersReply?: boolean }[] = [
  { code: 'TINDAK_LANJUTI', label: 'Tindak lanjuti' },
  { code: 'PELAJARI', label: 'Pelajari dan telaah' },
  { code: 'KOORDINASIKAN', label: 'Koordinasikan' },
  { code: 'SIAPKAN_JAWABAN', label: 'Siapkan jawaban', offersReply: true },
  { code: 'HADIRI', label: 'Hadiri/wakili' },
  { code: 'UNTUK_DIKETAHUI', label: 'Untuk diketahui' },
  { code: 'ARSIPKAN', label: 'Arsipkan' },
  { code: 'PROSES_SESUAI_KETENTUAN', label: 'Proses sesuai ketentuan' },
  { code: 'BICARAKAN_DENGAN_SAYA', label: 'Bicarakan dengan saya' },
  { code: 'EDARKAN', label: 'Edarkan' },
  { code: 'JADWALKAN', label: 'Jadwalkan' },
  { code: 'SARAN_PENDAPAT', label: 'Berikan saran/pendapat' },
];

type HolidaySeed = [date: string, kind: 'LIBUR_NASIONAL' | 'CUTI_BERSAMA', name: string];
const SKB_2025 = 'SKB 3 Menteri (Menag, Menaker, MenPANRB) Hari Libur Nasional dan Cuti Bersama 2025, dengan perubahannya';
const SKB_2026 = 'SKB 3 Menteri (Menag, Menaker, MenPANRB) Hari Libur Nasional dan Cuti Bersama 2026';
const EST_2027 = 'PERKIRAAN: SKB 2027 belum dimuat; tanggal hari besar keagamaan diperkirakan, cuti bersama belum ada';
/**
 * Transcribed from the SKB lists as best known when this migration was written (2025 and 2026);
 * 2027 holds estimates only, flagged is_estimate, to be replaced by an admin from the 2027 SKB.
 */
const HOLIDAYS: { source: string; estimate: boolean; days: HolidaySeed[] }[] = [
  { source: SKB_2025, estimate: false, days: [
    ['2025-01-01', 'LIBUR_NASIONAL', 'Tahun Baru 2025 Masehi'],
    ['2025-01-27', 'LIBUR_NASIONAL', 'Isra Mikraj Nabi Muhammad SAW'],
    ['2025-01-28', 'CUTI_BERSAMA', 'Cuti bersama Tahun Baru Imlek'],
    ['2025-01-29', 'LIBUR_NASIONAL', 'Tahun Baru Imlek 2576 Kongzili'],
    ['2025-03-28', 'CUTI_BERSAMA', 'Cuti bersama Hari Suci Nyepi'],
    ['2025-03-29', 'LIBUR_NASIONAL', 'Hari Suci Nyepi (Tahun Baru Saka 1947)'],
    ['2025-03-31', 'LIBUR_NASIONAL', 'Idul Fitri 1446 H'],
    ['2025-04-01', 'LIBUR_NASIONAL', 'Idul Fitri 1446 H'],
    ['2025-04-02', 'CUTI_BERSAMA', 'Cuti bersama Idul Fitri 1446 H'],
    ['2025-04-03', 'CUTI_BERSAMA', 'Cuti bersama Idul Fitri 1446 H'],
    ['2025-04-04', 'CUTI_BERSAMA', 'Cuti bersama Idul Fitri 1446 H'],
    ['2025-04-07', 'CUTI_BERSAMA', 'Cuti bersama Idul Fitri 1446 H'],
    ['2025-04-18', 'LIBUR_NASIONAL', 'Wafat Yesus Kristus'],
    ['2025-04-20', 'LIBUR_NASIONAL', 'Kebangkitan Yesus Kristus (Paskah)'],
    ['2025-05-01', 'LIBUR_NASIONAL', 'Hari Buruh Internasional'],
    ['2025-05-12', 'LIBUR_NASIONAL', 'Hari Raya Waisak 2569 BE'],
    ['2025-05-13', 'CUTI_BERSAMA', 'Cuti bersama Hari Raya Waisak'],
    ['2025-05-29', 'LIBUR_NASIONAL', 'Kenaikan Yesus Kristus'],
    ['2025-05-30', 'CUTI_BERSAMA', 'Cuti bersama Kenaikan Yesus Kristus'],
    ['2025-06-01', 'LIBUR_NASIONAL', 'Hari Lahir Pancasila'],
    ['2025-06-06', 'LIBUR_NASIONAL', 'Idul Adha 1446 H'],
    ['2025-06-09', 'CUTI_BERSAMA', 'Cuti bersama Idul Adha 1446 H'],
    ['2025-06-27', 'LIBUR_NASIONAL', 'Tahun Baru Islam 1447 H'],
    ['2025-08-17', 'LIBUR_NASIONAL', 'Hari Kemerdekaan Republik Indonesia'],
    ['2025-08-18', 'CUTI_BERSAMA', 'Cuti bersama Hari Kemerdekaan Republik Indonesia'],
    ['2025-09-05', 'LIBUR_NASIONAL', 'Maulid Nabi Muhammad SAW'],
    ['2025-12-25', 'LIBUR_NASIONAL', 'Hari Raya Natal'],
    ['2025-12-26', 'CUTI_BERSAMA', 'Cuti bersama Hari Raya Natal'],
  ] },
  { source: SKB_2026, estimate: false, days: [
    ['2026-01-01', 'LIBUR_NASIONAL', 'Tahun Baru 2026 Masehi'],
    ['2026-01-16', 'LIBUR_NASIONAL', 'Isra Mikraj Nabi Muhammad SAW'],
    ['2026-02-16', 'CUTI_BERSAMA', 'Cuti bersama Tahun Baru Imlek'],
    ['2026-02-17', 'LIBUR_NASIONAL', 'Tahun Baru Imlek 2577 Kongzili'],
    ['2026-03-18', 'CUTI_BERSAMA', 'Cuti bersama Hari Suci Nyepi'],
    ['2026-03-19', 'LIBUR_NASIONAL', 'Hari Suci Nyepi (Tahun Baru Saka 1948)'],
    ['2026-03-20', 'CUTI_BERSAMA', 'Cuti bersama Idul Fitri 1447 H'],
    ['2026-03-21', 'LIBUR_NASIONAL', 'Idul Fitri 1447 H'],
    ['2026-03-22', 'LIBUR_NASIONAL', 'Idul Fitri 1447 H'],
    ['2026-03-23', 'CUTI_BERSAMA', 'Cuti bersama Idul Fitri 1447 H'],
    ['2026-03-24', 'CUTI_BERSAMA', 'Cuti bersama Idul Fitri 1447 H'],
    ['2026-04-03', 'LIBUR_NASIONAL', 'Wafat Yesus Kristus'],
    ['2026-04-05', 'LIBUR_NASIONAL', 'Kebangkitan Yesus Kristus (Paskah)'],
    ['2026-05-01', 'LIBUR_NASIONAL', 'Hari Buruh Internasional'],
    ['2026-05-14', 'LIBUR_NASIONAL', 'Kenaikan Yesus Kristus'],
    ['2026-05-15', 'CUTI_BERSAMA', 'Cuti bersama Kenaikan Yesus Kristus'],
    ['2026-05-27', 'LIBUR_NASIONAL', 'Idul Adha 1447 H'],
    ['2026-05-28', 'CUTI_BERSAMA', 'Cuti bersama Idul Adha 1447 H'],
    ['2026-05-31', 'LIBUR_NASIONAL', 'Hari Raya Waisak 2570 BE'],
    ['2026-06-01', 'LIBUR_NASIONAL', 'Hari Lahir Pancasila'],
    ['2026-06-16', 'LIBUR_NASIONAL', 'Tahun Baru Islam 1448 H'],
    ['2026-08-17', 'LIBUR_NASIONAL', 'Hari Kemerdekaan Republik Indonesia'],
    ['2026-08-25', 'LIBUR_NASIONAL', 'Maulid Nabi Muhammad SAW'],
    ['2026-12-24', 'CUTI_BERSAMA', 'Cuti bersama Hari Raya Natal'],
    ['2026-12-25', 'LIBUR_NASIONAL', 'Hari Raya Natal'],
  ] },
  { source: EST_2027, estimate: true, days: [
    ['2027-01-01', 'LIBUR_NASIONAL', 'Tahun Baru 2027 Masehi'],
    ['2027-01-05', 'LIBUR_NASIONAL', 'Isra Mikraj Nabi Muhammad SAW (perkiraan)'],
    ['2027-02-06', 'LIBUR_NASIONAL', 'Tahun Baru Imlek 2578 Kongzili'],
    ['2027-03-09', 'LIBUR_NASIONAL', 'Hari Suci Nyepi (perkiraan)'],
    ['2027-03-10', 'LIBUR_NASIONAL', 'Idul Fitri 1448 H (perkiraan)'],
    ['2027-03-11', 'LIBUR_NASIONAL', 'Idul Fitri 1448 H (perkiraan)'],
    ['2027-03-26', 'LIBUR_NASIONAL', 'Wafat Yesus Kristus'],
    ['2027-03-28', 'LIBUR_NASIONAL', 'Kebangkitan Yesus Kristus (Paskah)'],
    ['2027-05-01', 'LIBUR_NASIONAL', 'Hari Buruh Internasional'],
    ['2027-05-06', 'LIBUR_NASIONAL', 'Kenaikan Yesus Kristus'],
    ['2027-05-17', 'LIBUR_NASIONAL', 'Idul Adha 1448 H (perkiraan)'],
    ['2027-05-20', 'LIBUR_NASIONAL', 'Hari Raya Waisak (perkiraan)'],
    ['2027-06-01', 'LIBUR_NASIONAL', 'Hari Lahir Pancasila'],
    ['2027-06-06', 'LIBUR_NASIONAL', 'Tahun Baru Islam 1449 H (perkiraan)'],
    ['2027-08-15', 'LIBUR_NASIONAL', 'Maulid Nabi Muhammad SAW (perkiraan)'],
    ['2027-08-17', 'LIBUR_NASIONAL', 'Hari Kemerdekaan Republik Indonesia'],
    ['2027-12-25', 'LIBUR_NASIONAL', 'Hari Raya Natal'],
  ] },
];
const HOLIDAY_SEED = HOLIDAYS.flatMap((y) => y.days.map(([date, kind, name]) => ({ date, kind, name, source: y.source, estimate: y.estimate })));

/**
 * Dispositions (a tree of instructions on a received letter), the instruction master list, follow-up
 * reports, dispositions prepared by TU for a leader, the working-day holiday calendar and per-user
 * notifications.
 */
export class Disposition1764000300000 implements MigrationInterface {
  name = 'Disposition1764000300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE disposition_instructions (
      code VARCHAR(40) NOT NULL,
      label VARCHAR(120) NOT NULL,
      sort_order SMALLINT UNSIGNED NOT NULL DEFAULT 0,
      offers_reply TINYINT(1) NOT NULL DEFAULT 0,
      is_active TINYINT(1) NOT NULL DEFAULT 1,
      version INT UNSIGNED NOT NULL DEFAULT 1,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (code),
      KEY ix_disposition_instructions_order (is_active, sort_order)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE prepared_dispositions (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      delivery_id BIGINT UNSIGNED NOT NULL,
      letter_id BIGINT UNSIGNED NOT NULL,
      office_id INT UNSIGNED NOT NULL,
      for_position_id INT UNSIGNED NOT NULL,
      prepared_by_user_id INT UNSIGNED NOT NULL,
      prepared_by_position_id INT UNSIGNED NULL,
      recipient_position_ids JSON NOT NULL,
      instruction_codes JSON NOT NULL,
      note TEXT NULL,
      priority ENUM('BIASA','SEGERA','AMAT_SEGERA') NOT NULL DEFAULT 'BIASA',
      deadline DATE NULL,
      status ENUM('PENDING','CONFIRMED','DISCARDED') NOT NULL DEFAULT 'PENDING',
      decided_by_user_id INT UNSIGNED NULL,
      decided_at DATETIME(3) NULL,
      version INT UNSIGNED NOT NULL DEFAULT 1,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      KEY ix_prepared_dispositions_for (for_position_id, status, id),
      KEY ix_prepared_dispositions_by (prepared_by_user_id, status, id),
      KEY ix_prepared_dispositions_delivery (delivery_id),
      CONSTRAINT fk_prepared_dispositions_delivery FOREIGN KEY (delivery_id) REFERENCES deliveries(id),
      CONSTRAINT fk_prepared_dispositions_position FOREIGN KEY (for_position_id) REFERENCES positions(id),
      CONSTRAINT fk_prepared_dispositions_user FOREIGN KEY (prepared_by_user_id) REFERENCES users(id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE dispositions (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      parent_id BIGINT UNSIGNED NULL,
      path VARCHAR(400) NOT NULL DEFAULT '/',
      depth TINYINT UNSIGNED NOT NULL DEFAULT 0,
      delivery_id BIGINT UNSIGNED NOT NULL,
      letter_id BIGINT UNSIGNED NOT NULL,
      office_id INT UNSIGNED NOT NULL,
      author_position_id INT UNSIGNED NOT NULL,
      author_user_id INT UNSIGNED NOT NULL,
      author_capacity ENUM('SENDIRI','PLT','PLH') NOT NULL,
      recipient_position_id INT UNSIGNED NOT NULL,
      instruction_codes JSON NOT NULL,
      note TEXT NULL,
      priority ENUM('BIASA','SEGERA','AMAT_SEGERA') NOT NULL DEFAULT 'BIASA',
      deadline DATE NULL,
      due_at DATETIME(3) NULL,
      deadline_version INT UNSIGNED NOT NULL DEFAULT 1,
      status ENUM('UNREAD','READ','IN_PROGRESS','DONE','CANCELLED') NOT NULL DEFAULT 'UNREAD',
      prepared_id BIGINT UNSIGNED NULL,
      reply_letter_id BIGINT UNSIGNED NULL,
      read_at DATETIME(3) NULL,
      read_by_user_id INT UNSIGNED NULL,
      started_at DATETIME(3) NULL,
      completed_at DATETIME(3) NULL,
      completed_by_user_id INT UNSIGNED NULL,
      cancelled_at DATETIME(3) NULL,
      reminded_before_at DATETIME(3) NULL,
      reminded_due_at DATETIME(3) NULL,
      escalated_at DATETIME(3) NULL,
      version INT UNSIGNED NOT NULL DEFAULT 1,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      KEY ix_dispositions_recipient (recipient_position_id, status, id),
      KEY ix_dispositions_author (author_position_id, status, id),
      KEY ix_dispositions_parent (parent_id, id),
      KEY ix_dispositions_path (path),
      KEY ix_dispositions_delivery (delivery_id, id),
      KEY ix_dispositions_letter (letter_id, office_id, id),
      KEY ix_dispositions_office_due (office_id, status, due_at),
      CONSTRAINT fk_dispositions_parent FOREIGN KEY (parent_id) REFERENCES dispositions(id),
      CONSTRAINT fk_dispositions_delivery FOREIGN KEY (delivery_id) REFERENCES deliveries(id),
      CONSTRAINT fk_dispositions_letter FOREIGN KEY (letter_id) REFERENCES letters(id),
      CONSTRAINT fk_dispositions_office FOREIGN KEY (office_id) REFERENCES offices(id),
      CONSTRAINT fk_dispositions_author_position FOREIGN KEY (author_position_id) REFERENCES positions(id),
      CONSTRAINT fk_dispositions_author_user FOREIGN KEY (author_user_id) REFERENCES users(id),
      CONSTRAINT fk_dispositions_recipient FOREIGN KEY (recipient_position_id) REFERENCES positions(id),
      CONSTRAINT fk_dispositions_prepared FOREIGN KEY (prepared_id) REFERENCES prepared_dispositions(id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE disposition_follow_ups (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      disposition_id BIGINT UNSIGNED NOT NULL,
      author_user_id INT UNSIGNED NOT NULL,
      author_position_id INT UNSIGNED NOT NULL,
      capacity ENUM('SENDIRI','PLT','PLH') NOT NULL,
      body TEXT NOT NULL,
      attachment_file_ids JSON NOT NULL,
      reply_letter_id BIGINT UNSIGNED NULL,
      created_at DATETIME(3) NOT NULL,
      PRIMARY KEY (id),
      KEY ix_disposition_follow_ups_disposition (disposition_id, id),
      CONSTRAINT fk_disposition_follow_ups_disposition FOREIGN KEY (disposition_id) REFERENCES dispositions(id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE disposition_files (
      disposition_id BIGINT UNSIGNED NOT NULL,
      file_id BIGINT UNSIGNED NOT NULL,
      added_by INT UNSIGNED NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (disposition_id, file_id),
      CONSTRAINT fk_disposition_files_disposition FOREIGN KEY (disposition_id) REFERENCES dispositions(id),
      CONSTRAINT fk_disposition_files_file FOREIGN KEY (file_id) REFERENCES files(id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE holidays (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      holiday_date DATE NOT NULL,
      kind ENUM('LIBUR_NASIONAL','CUTI_BERSAMA') NOT NULL,
      name VARCHAR(200) NOT NULL,
      source VARCHAR(200) NULL,
      is_estimate TINYINT(1) NOT NULL DEFAULT 0,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_holidays_date_kind (holiday_date, kind)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE notifications (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      user_id INT UNSIGNED NOT NULL,
      type VARCHAR(40) NOT NULL,
      payload JSON NOT NULL,
      dedupe_key VARCHAR(150) NOT NULL,
      created_at DATETIME(3) NOT NULL,
      read_at DATETIME(3) NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uq_notifications_dedupe (user_id, dedupe_key),
      KEY ix_notifications_user (user_id, id),
      KEY ix_notifications_unread (user_id, read_at, id),
      CONSTRAINT fk_notifications_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
    ) ENGINE=InnoDB`);
    await q.query(
      `INSERT INTO disposition_instructions (code, label, sort_order, offers_reply) VALUES ${INSTRUCTION_SEED.map(() => '(?, ?, ?, ?)').join(', ')}`,
      INSTRUCTION_SEED.flatMap((i, n) => [i.code, i.label, (n + 1) * 10, i.offersReply ? 1 : 0]),
    );
    await q.query(
      `INSERT INTO holidays (holiday_date, kind, name, source, is_estimate) VALUES ${HOLIDAY_SEED.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      HOLIDAY_SEED.flatMap((h) => [h.date, h.kind, h.name, h.source, h.estimate ? 1 : 0]),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['notifications', 'holidays', 'disposition_files', 'disposition_follow_ups', 'dispositions', 'prepared_dispositions', 'disposition_instructions']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}

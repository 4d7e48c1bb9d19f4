import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Group addressees and delivery tracking (issue 12, items 3 and 4).
 *
 * - `distribution_lists` / `distribution_list_members`: an office's saved lists of addressees
 *   (offices → their head, or positions). A deleted list keeps its row (`deleted_at`, `live` NULL)
 *   so sent letters still show its name; `live` is 1 while the list is in use, and NULL never
 *   collides in the unique key, so a deleted list's name can be given to a new one.
 * - `letter_recipients.recipient_group` (+ `province_office_id`) and `.distribution_list_id`: a
 *   draft keeps a group as written ("semua KPU Kab/Kota di Provinsi NTB"); it is expanded into
 *   one delivery per member when the letter is sent.
 * - `letter_unread_reminders`: each "remind the unread" that notified someone, so repeated clicks
 *   within the window notify once.
 */
export class RecipientGroups1764001800000 implements MigrationInterface {
  name = 'RecipientGroups1764001800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE distribution_lists (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      office_id INT UNSIGNED NOT NULL,
      name VARCHAR(200) NOT NULL,
      description VARCHAR(1000) NULL,
      live TINYINT(1) NULL DEFAULT 1,
      version INT UNSIGNED NOT NULL DEFAULT 1,
      created_by_user_id INT UNSIGNED NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      deleted_at DATETIME(3) NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uq_distribution_lists_name (office_id, name, live),
      KEY ix_distribution_lists_office (office_id, live, id),
      CONSTRAINT fk_distribution_lists_office FOREIGN KEY (office_id) REFERENCES offices(id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE distribution_list_members (
      list_id INT UNSIGNED NOT NULL,
      ordinal SMALLINT UNSIGNED NOT NULL,
      office_id INT UNSIGNED NULL,
      position_id INT UNSIGNED NULL,
      PRIMARY KEY (list_id, ordinal),
      KEY ix_distribution_list_members_office (office_id),
      KEY ix_distribution_list_members_position (position_id),
      CONSTRAINT fk_distribution_list_members_list FOREIGN KEY (list_id) REFERENCES distribution_lists(id) ON DELETE CASCADE,
      CONSTRAINT fk_distribution_list_members_office FOREIGN KEY (office_id) REFERENCES offices(id),
      CONSTRAINT fk_distribution_list_members_position FOREIGN KEY (position_id) REFERENCES positions(id),
      CONSTRAINT ck_distribution_list_members_one CHECK ((office_id IS NULL) <> (position_id IS NULL))
    ) ENGINE=InnoDB`);
    await q.query(`ALTER TABLE letter_recipients
      ADD COLUMN recipient_group ENUM('ALL_PROVINCES','ALL_KABKOTA','KABKOTA_OF_PROVINCE') NULL AFTER external_name,
      ADD COLUMN province_office_id INT UNSIGNED NULL AFTER recipient_group,
      ADD COLUMN distribution_list_id INT UNSIGNED NULL AFTER province_office_id,
      ADD KEY ix_letter_recipients_list (distribution_list_id, letter_id),
      ADD CONSTRAINT fk_letter_recipients_list FOREIGN KEY (distribution_list_id) REFERENCES distribution_lists(id)`);
    await q.query(`CREATE TABLE letter_unread_reminders (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      letter_id BIGINT UNSIGNED NOT NULL,
      by_user_id INT UNSIGNED NOT NULL,
      by_position_id INT UNSIGNED NULL,
      position_count INT UNSIGNED NOT NULL,
      created_at DATETIME(3) NOT NULL,
      PRIMARY KEY (id),
      KEY ix_letter_unread_reminders_letter (letter_id, created_at),
      CONSTRAINT fk_letter_unread_reminders_letter FOREIGN KEY (letter_id) REFERENCES letters(id)
    ) ENGINE=InnoDB`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS letter_unread_reminders');
    await q.query(`ALTER TABLE letter_recipients DROP FOREIGN KEY fk_letter_recipients_list, DROP KEY ix_letter_recipients_list,
      DROP COLUMN distribution_list_id, DROP COLUMN province_office_id, DROP COLUMN recipient_group`);
    await q.query('DROP TABLE IF EXISTS distribution_list_members');
    await q.query('DROP TABLE IF EXISTS distribution_lists');
  }
}

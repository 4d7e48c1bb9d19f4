import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each office's copy of a letter is its own record under its own retention (issue 10, item 1).
 * An office "holds" a letter it sent (or registered) and one delivered to it; destroying its
 * dossier ends only that office's holding (a row here). The letter's shared content (body,
 * revisions, signed PDF, attachments) is destroyed only when no office holds it any more
 * (letters.content_destroyed_at).
 *
 * Before this migration a destruction blanked the shared content whenever no other *dossier*
 * held the letter, so offices that had not filed it lost it too. Holdings ended by earlier
 * destructions are recorded from the dossier items they destroyed; content already removed
 * cannot be brought back (its letters get content_destroyed_at from the earliest destruction).
 */
export class LetterHoldings1764000700000 implements MigrationInterface {
  name = 'LetterHoldings1764000700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE letter_holdings_ended (
      letter_id BIGINT UNSIGNED NOT NULL,
      office_id INT UNSIGNED NOT NULL,
      reason ENUM('DESTROYED') NOT NULL,
      dossier_id BIGINT UNSIGNED NULL,
      ended_at DATETIME(3) NOT NULL,
      PRIMARY KEY (letter_id, office_id),
      KEY ix_letter_holdings_ended_office (office_id, letter_id),
      CONSTRAINT fk_letter_holdings_ended_letter FOREIGN KEY (letter_id) REFERENCES letters(id)
    ) ENGINE=InnoDB`);
    await q.query('ALTER TABLE letters ADD COLUMN content_destroyed_at DATETIME(3) NULL AFTER document_sha256');
    await q.query(`INSERT IGNORE INTO letter_holdings_ended (letter_id, office_id, reason, dossier_id, ended_at)
      SELECT i.letter_id, i.office_id, 'DESTROYED', i.dossier_id, i.content_destroyed_at FROM dossier_items i WHERE i.content_destroyed_at IS NOT NULL`);
    await q.query(`UPDATE letters l JOIN (SELECT letter_id, MIN(content_destroyed_at) AS at FROM dossier_items WHERE content_destroyed_at IS NOT NULL GROUP BY letter_id) x ON x.letter_id = l.id
      SET l.content_destroyed_at = x.at WHERE l.body IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE letters DROP COLUMN content_destroyed_at');
    await q.query('DROP TABLE letter_holdings_ended');
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A grant made for a reason is withdrawn when the reason goes (issue 10, item 10). Disposition
 * recipients were granted access to the letter as RECIPIENT, the same reason a delivery gives, so
 * a cancelled disposition could not take back only its own grant. They get their own reason,
 * DISPOSEE: existing RECIPIENT rows that no delivery explains but a disposition does become
 * DISPOSEE, and grants whose every disposition was cancelled are withdrawn now.
 */
export class AccessGrantReasons1764000710000 implements MigrationInterface {
  name = 'AccessGrantReasons1764000710000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE letter_access MODIFY reason ENUM('DRAFTER','REVIEWER','SIGNER','ADDRESSEE','RECIPIENT','FORWARDER','REGISTRAR','DISPOSEE') NOT NULL`);
    await q.query(`UPDATE IGNORE letter_access la SET la.reason = 'DISPOSEE'
      WHERE la.reason = 'RECIPIENT'
        AND EXISTS (SELECT 1 FROM dispositions d WHERE d.letter_id = la.letter_id AND d.recipient_position_id = la.position_id)
        AND NOT EXISTS (SELECT 1 FROM deliveries v WHERE v.letter_id = la.letter_id AND v.position_id = la.position_id)`);
    await q.query(`DELETE la FROM letter_access la
      WHERE la.reason = 'DISPOSEE'
        AND NOT EXISTS (SELECT 1 FROM dispositions d WHERE d.letter_id = la.letter_id AND d.recipient_position_id = la.position_id AND d.status <> 'CANCELLED')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE IGNORE letter_access SET reason = 'RECIPIENT' WHERE reason = 'DISPOSEE'`);
    await q.query(`DELETE FROM letter_access WHERE reason = 'DISPOSEE'`);
    await q.query(`ALTER TABLE letter_access MODIFY reason ENUM('DRAFTER','REVIEWER','SIGNER','ADDRESSEE','RECIPIENT','FORWARDER','REGISTRAR') NOT NULL`);
  }
}

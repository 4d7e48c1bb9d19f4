import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox's orders other than newest first (issue 13, `GET /api/inbox?sort=`), each a range of a
 * position's deliveries in that order, so a page reads offset + pageSize + 1 index entries per
 * position instead of sorting the inbox:
 *  - `ix_deliveries_inbox_urgency (position_id, urgency, id)`: most urgent first, newest first
 *    among equals (`-urgency`, read backwards);
 *  - `ix_deliveries_inbox_sender (position_id, sender_name, id DESC)`: sender A–Z, newest first
 *    among equals (`sender`).
 * The reverse orders (`urgency`, `-sender`: ties oldest first) read the same ranges backwards.
 */
export class InboxSortIndexes1764002700000 implements MigrationInterface {
  name = 'InboxSortIndexes1764002700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE deliveries ADD KEY ix_deliveries_inbox_urgency (position_id, urgency, id), ADD KEY ix_deliveries_inbox_sender (position_id, sender_name, id DESC)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE deliveries DROP KEY ix_deliveries_inbox_sender, DROP KEY ix_deliveries_inbox_urgency');
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the work queue counts (issue 12, item 1), each a range of exactly what waits:
 *  - `ix_deliveries_forward (position_id, to_be_forwarded, status)`: "perlu diteruskan" reads a
 *    position's open to-be-forwarded deliveries, not its whole inbox;
 *  - `ix_deliveries_office_date (office_id, created_at, letter_id)`: "belum diberkaskan" reads an
 *    office's deliveries of the last days (covering: the letter ids come from the index);
 *  - `ix_letters_office_sent (office_id, status, sent_at)`: the same for the office's sent letters.
 */
export class WorklistIndexes1764001700000 implements MigrationInterface {
  name = 'WorklistIndexes1764001700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE deliveries ADD KEY ix_deliveries_forward (position_id, to_be_forwarded, status), ADD KEY ix_deliveries_office_date (office_id, created_at, letter_id)');
    await q.query('ALTER TABLE letters ADD KEY ix_letters_office_sent (office_id, status, sent_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE letters DROP KEY ix_letters_office_sent');
    await q.query('ALTER TABLE deliveries DROP KEY ix_deliveries_office_date, DROP KEY ix_deliveries_forward');
  }
}

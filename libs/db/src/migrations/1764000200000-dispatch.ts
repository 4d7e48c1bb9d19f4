import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inbox by delivery date: lets a date-filtered inbox page read one narrow range of a position's
 * deliveries instead of walking its whole history (the optimizer still picks the id-ordered
 * ix_deliveries_inbox for wide ranges). InnoDB appends the primary key, so it covers (position, date, id).
 */
export class Dispatch1764000200000 implements MigrationInterface {
  name = 'Dispatch1764000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE deliveries ADD KEY ix_deliveries_inbox_date (position_id, created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE deliveries DROP KEY ix_deliveries_inbox_date');
  }
}

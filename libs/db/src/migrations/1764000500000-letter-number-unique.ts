import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A letter number is unique within its office. The signing transaction used to check this with an
 * unindexed SELECT while holding the counter lock (a full scan of letters per signature); the
 * unique key makes the database enforce it for free.
 */
export class LetterNumberUnique1764000500000 implements MigrationInterface {
  name = 'LetterNumberUnique1764000500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE letters ADD UNIQUE KEY uq_letters_office_number (office_id, number)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE letters DROP INDEX uq_letters_office_number');
  }
}

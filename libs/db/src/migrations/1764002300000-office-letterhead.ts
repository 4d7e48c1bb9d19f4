import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Kop surat per office (issue 14, item 1): the address, telephone, e-mail and website printed under
 * the office's name at the head of its letters. Nullable: an office without them prints its name
 * only; an admin fills them in (PATCH /api/admin/offices/:id/letterhead).
 */
export class OfficeLetterhead1764002300000 implements MigrationInterface {
  name = 'OfficeLetterhead1764002300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE offices
      ADD COLUMN address VARCHAR(300) NULL,
      ADD COLUMN phone VARCHAR(40) NULL,
      ADD COLUMN email VARCHAR(254) NULL,
      ADD COLUMN website VARCHAR(200) NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE offices DROP COLUMN address, DROP COLUMN phone, DROP COLUMN email, DROP COLUMN website');
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Destroying a file is two steps: the record is marked (deleted_at) inside the destroying
 * transaction, and the bytes are removed from storage only after that transaction committed
 * (purged_at). Before this, bytes were removed inside the transaction, so a rollback (a crash, a
 * lost connection, a deadlock) left records whose content was already gone. Files destroyed
 * before this migration had their bytes removed at once: they count as purged.
 */
export class FilePurge1764000600000 implements MigrationInterface {
  name = 'FilePurge1764000600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE files ADD COLUMN purged_at DATETIME(3) NULL AFTER deleted_at, ADD KEY ix_files_unpurged (purged_at, deleted_at)');
    await q.query('UPDATE files SET purged_at = deleted_at WHERE deleted_at IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE files DROP INDEX ix_files_unpurged, DROP COLUMN purged_at');
  }
}

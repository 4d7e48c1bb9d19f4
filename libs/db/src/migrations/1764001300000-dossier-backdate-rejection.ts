import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Legacy records and rejected proposals (issue 11, items 18 and 19).
 *
 * - A dossier may be closed on a past date (records of earlier elections entered now): the day
 *   its retention clock starts is `backdated_closed_on` with its `backdate_reason`; `closed_at`
 *   stays the moment the closing was recorded. Null for an ordinary closing (the clock starts on
 *   the Jakarta day of `closed_at`).
 * - A rejected proposal keeps its dossiers out of the sweep until `not_proposed_before`, set by
 *   the rejecting approver (default one year); `rejected_proposal_id` / `rejected_at` say which
 *   rejection, for the dossier view ("ditolak pada …, tidak diusulkan lagi sebelum …").
 */
export class DossierBackdateRejection1764001300000 implements MigrationInterface {
  name = 'DossierBackdateRejection1764001300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE dossiers
      ADD COLUMN backdated_closed_on DATE NULL AFTER closed_at,
      ADD COLUMN backdate_reason VARCHAR(1000) NULL AFTER backdated_closed_on,
      ADD COLUMN not_proposed_before DATE NULL AFTER open_proposal_id,
      ADD COLUMN rejected_proposal_id BIGINT UNSIGNED NULL AFTER not_proposed_before,
      ADD COLUMN rejected_at DATETIME(3) NULL AFTER rejected_proposal_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE dossiers DROP COLUMN rejected_at, DROP COLUMN rejected_proposal_id, DROP COLUMN not_proposed_before,
      DROP COLUMN backdate_reason, DROP COLUMN backdated_closed_on`);
  }
}

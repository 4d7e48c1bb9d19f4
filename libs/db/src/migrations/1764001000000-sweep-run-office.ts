import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A sweep run belongs to an office ("run now" by its archivist or leader sweeps that office only)
 * or is national (office_id NULL: the daily scheduled sweep and KPU RI's national run). Runs made
 * before this migration were all national. An office's sweep walks its due dossiers through
 * ix_dossiers_office_sweep instead of scanning every office's.
 */
export class SweepRunOffice1764001000000 implements MigrationInterface {
  name = 'SweepRunOffice1764001000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE records_sweep_runs ADD COLUMN office_id INT UNSIGNED NULL AFTER trigger_kind,
        ADD KEY ix_records_sweep_runs_office (office_id, id),
        ADD CONSTRAINT fk_records_sweep_runs_office FOREIGN KEY (office_id) REFERENCES offices(id)`,
    );
    await q.query('ALTER TABLE dossiers ADD KEY ix_dossiers_office_sweep (office_id, sweep_due, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE dossiers DROP INDEX ix_dossiers_office_sweep');
    await q.query('ALTER TABLE records_sweep_runs DROP FOREIGN KEY fk_records_sweep_runs_office, DROP INDEX ix_records_sweep_runs_office, DROP COLUMN office_id');
  }
}

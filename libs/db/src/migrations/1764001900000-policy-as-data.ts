import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Policy is data (issue 12, items 6 and 7).
 *
 * - The routing policy (DESIGN §3, "hierarchy is law") in versions: each change writes a new
 *   `routing_policy_versions` row (who, why, `effective_from` = when it was written) with the whole
 *   matrix in `routing_policy_rules`; the version with the highest id is in force. Version 1 is the
 *   default of DESIGN §3, written here as it stood on this day (the code's DEFAULT_KPU_POLICY; a test
 *   holds them equal).
 * - `numbering_templates` gets who changed a row last and when. Its unique (office_id, type_code)
 *   lets NULL cells repeat (two "global default" rows could exist; the admin API writes one row per
 *   cell under a lock): duplicates left by hand are dropped, keeping the oldest row. (No generated
 *   key columns: the test suites copy tables with INSERT … SELECT *, which refuses them.)
 */
export class PolicyAsData1764001900000 implements MigrationInterface {
  name = 'PolicyAsData1764001900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE routing_policy_versions (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      effective_from DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      created_by_user_id INT UNSIGNED NULL,
      reason VARCHAR(1000) NOT NULL,
      PRIMARY KEY (id),
      KEY ix_routing_policy_versions_effective (effective_from)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE routing_policy_rules (
      version_id INT UNSIGNED NOT NULL,
      from_level ENUM('RI','PROVINSI','KABKOTA') NOT NULL,
      relation VARCHAR(40) NOT NULL,
      mode ENUM('DIRECT','VIA_PARENT','FORBIDDEN') NOT NULL,
      PRIMARY KEY (version_id, from_level, relation),
      CONSTRAINT fk_routing_policy_rules_version FOREIGN KEY (version_id) REFERENCES routing_policy_versions(id)
    ) ENGINE=InnoDB`);
    await q.query(`INSERT INTO routing_policy_versions (id, reason) VALUES (1, 'Kebijakan bawaan (DESIGN §3: hierarki adalah hukum)')`);
    const rows: [string, string, string][] = [
      ['KABKOTA', 'KPU_RI', 'VIA_PARENT'], ['KABKOTA', 'OWN_PROVINSI', 'DIRECT'], ['KABKOTA', 'OTHER_PROVINSI', 'VIA_PARENT'],
      ['KABKOTA', 'KABKOTA_SAME_PROVINCE', 'DIRECT'], ['KABKOTA', 'KABKOTA_OTHER_PROVINCE', 'VIA_PARENT'], ['KABKOTA', 'EXTERNAL', 'DIRECT'],
      ['KABKOTA', 'SAME_OFFICE', 'DIRECT'],
      ['PROVINSI', 'KPU_RI', 'DIRECT'], ['PROVINSI', 'SAME_OFFICE', 'DIRECT'], ['PROVINSI', 'OTHER_PROVINSI', 'DIRECT'],
      ['PROVINSI', 'KABKOTA_SAME_PROVINCE', 'DIRECT'], ['PROVINSI', 'KABKOTA_OTHER_PROVINCE', 'DIRECT'], ['PROVINSI', 'EXTERNAL', 'DIRECT'],
      ['RI', 'SAME_OFFICE', 'DIRECT'], ['RI', 'OWN_PROVINSI', 'DIRECT'], ['RI', 'OTHER_PROVINSI', 'DIRECT'],
      ['RI', 'KABKOTA_SAME_PROVINCE', 'DIRECT'], ['RI', 'KABKOTA_OTHER_PROVINCE', 'DIRECT'], ['RI', 'EXTERNAL', 'DIRECT'],
    ];
    await q.query(`INSERT INTO routing_policy_rules (version_id, from_level, relation, mode) VALUES ${rows.map(() => '(1, ?, ?, ?)').join(', ')}`, rows.flat());

    await q.query(`DELETE t FROM numbering_templates t JOIN numbering_templates o
      ON o.office_id <=> t.office_id AND o.type_code <=> t.type_code AND o.id < t.id`);
    await q.query(`ALTER TABLE numbering_templates
      ADD COLUMN updated_at DATETIME(3) NULL,
      ADD COLUMN updated_by_user_id INT UNSIGNED NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE numbering_templates DROP COLUMN updated_by_user_id, DROP COLUMN updated_at');
    await q.query('DROP TABLE IF EXISTS routing_policy_rules');
    await q.query('DROP TABLE IF EXISTS routing_policy_versions');
  }
}

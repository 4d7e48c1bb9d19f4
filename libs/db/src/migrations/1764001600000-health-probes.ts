import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Readiness writes (issue 16, item 2): `GET /health/ready` proves the database takes writes by
 * updating this one row (who probed, when), not by a ping a read-only server also answers.
 */
export class HealthProbes1764001600000 implements MigrationInterface {
  name = 'HealthProbes1764001600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE health_probes (
      id TINYINT UNSIGNED NOT NULL,
      probed_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      probed_by VARCHAR(120) NULL,
      PRIMARY KEY (id)
    ) ENGINE=InnoDB`);
    await q.query('INSERT INTO health_probes (id) VALUES (1)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE health_probes');
  }
}

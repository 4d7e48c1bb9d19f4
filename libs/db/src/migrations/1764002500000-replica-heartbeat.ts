import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read replicas (issue 15, libs/db/src/read-replicas.ts): one row the API processes write on the
 * primary about once a second (`beat_at`, the primary's clock). A replica's copy of the row tells how
 * far behind it applies the primary's writes — also when its SQL thread is stopped or its link is
 * broken, which `Seconds_Behind_Master` reports as NULL or, idle, as 0. Needs no privilege beyond
 * reading the table.
 */
export class ReplicaHeartbeat1764002500000 implements MigrationInterface {
  name = 'ReplicaHeartbeat1764002500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE replica_heartbeat (
      id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
      beat_at DATETIME(6) NOT NULL
    ) ENGINE=InnoDB`);
    await q.query('INSERT INTO replica_heartbeat (id, beat_at) VALUES (1, UTC_TIMESTAMP(6))');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE replica_heartbeat');
  }
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The one row `GET /health/ready` writes to prove the database takes writes (table `health_probes`). */
@Entity({ name: 'health_probes' })
export class HealthProbeRecord {
  @PrimaryColumn({ name: 'id', type: 'tinyint', unsigned: true })
  id!: number;

  @Column({ name: 'probed_at', type: 'datetime', precision: 3 })
  probedAt!: Date;

  /** `<host>:<pid>` of the last process that probed. */
  @Column({ name: 'probed_by', type: 'varchar', length: 120, nullable: true })
  probedBy!: string | null;
}

import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

/**
 * An office's saved list of addressees (daftar distribusi), named, used only by that office's
 * letters. Deleted lists keep their row (`deletedAt`, `live` NULL) so sent letters still print
 * their name; `live` is 1 otherwise, which keeps names unique among an office's live lists.
 */
@Entity({ name: 'distribution_lists' })
@Index('uq_distribution_lists_name', ['officeId', 'name', 'live'], { unique: true })
@Index('ix_distribution_lists_office', ['officeId', 'live', 'id'])
export class DistributionListRecord {
  @PrimaryGeneratedColumn({ name: 'id', type: 'int', unsigned: true })
  id!: number;

  @Column({ name: 'office_id', type: 'int', unsigned: true })
  officeId!: number;

  @Column({ name: 'name', type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'description', type: 'varchar', length: 1000, nullable: true })
  description!: string | null;

  @Column({ name: 'live', type: 'tinyint', nullable: true, default: 1 })
  live!: number | null;

  @VersionColumn({ name: 'version', type: 'int', unsigned: true })
  version!: number;

  @Column({ name: 'created_by_user_id', type: 'int', unsigned: true })
  createdByUserId!: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3, insert: false, update: false })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3, insert: false, update: false })
  updatedAt!: Date;

  @Column({ name: 'deleted_at', type: 'datetime', precision: 3, nullable: true })
  deletedAt!: Date | null;
}

/** One member of a list: an office (its head receives the letter) or a position. */
@Entity({ name: 'distribution_list_members' })
@Index('ix_distribution_list_members_office', ['officeId'])
@Index('ix_distribution_list_members_position', ['positionId'])
export class DistributionListMemberRecord {
  @PrimaryColumn({ name: 'list_id', type: 'int', unsigned: true })
  listId!: number;

  @PrimaryColumn({ name: 'ordinal', type: 'smallint', unsigned: true })
  ordinal!: number;

  @Column({ name: 'office_id', type: 'int', unsigned: true, nullable: true })
  officeId!: number | null;

  @Column({ name: 'position_id', type: 'int', unsigned: true, nullable: true })
  positionId!: number | null;
}

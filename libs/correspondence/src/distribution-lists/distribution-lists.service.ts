import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { conflict, DomainError, forbidden, notFound } from '@naskah/core';
import { inTransaction } from '@naskah/db';
import { AuditService } from '@naskah/audit';
import { Principal } from '@naskah/identity';
import { DistributionListMemberRecord, DistributionListRecord } from './distribution-list.entity';

export interface DistributionListMemberInput {
  officeId?: number | null;
  positionId?: number | null;
}

export interface DistributionListInput {
  name: string;
  description?: string | null;
  members: DistributionListMemberInput[];
}

export interface DistributionListMemberView {
  officeId: number | null;
  positionId: number | null;
  /** "Ketua KPU Kota Mataram" (an office: its head receives it) or "<position> <office>". */
  label: string;
}

export interface DistributionListView {
  id: number;
  officeId: number;
  name: string;
  description: string | null;
  version: number;
  memberCount: number;
  members: DistributionListMemberView[];
  createdAt: Date;
  updatedAt: Date;
}

export type DistributionListSummary = Omit<DistributionListView, 'members'>;

/** Letters not yet sent (nor cancelled) that name a list: while there is one, the list cannot be deleted. */
const UNSENT = ['DRAFT', 'IN_REVIEW', 'RETURNED', 'APPROVED', 'SIGNED'];
/** Who may create, change and delete their office's lists; everyone in the office may read and use them. */
const MANAGERS = ['REGISTRAR', 'LEADER', 'ADMIN'] as const;

const memberProblem = (i: number, reason: string, code = 'INVALID_DISTRIBUTION_MEMBER') =>
  new DomainError(code, 'UNPROCESSABLE', `members.${i}: ${reason}`, { fields: [{ field: `members.${i}`, reason }] });

/**
 * Distribution lists (daftar distribusi) per office: named lists of offices and positions that a
 * draft of that office may address as one recipient (`{ kind, distributionListId }`), expanded
 * into one delivery per member when the letter is sent. Every change is audited
 * (DISTRIBUTION_LIST_CREATED / _UPDATED / _DELETED, before → after). Another office's list is 404.
 * Deleting a list that an unsent letter names is refused (409 DISTRIBUTION_LIST_IN_USE); a deleted
 * list keeps its row so letters already sent still show its name.
 */
@Injectable()
export class DistributionListsService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(p: Principal): Promise<{ items: DistributionListSummary[] }> {
    const officeId = this.officeOf(p);
    const rows = await this.ds.getRepository(DistributionListRecord).find({ where: { officeId, live: 1 }, order: { name: 'ASC', id: 'ASC' } });
    const counts = await this.memberCounts(rows.map((r) => r.id));
    return { items: rows.map((r) => summary(r, counts.get(r.id) ?? 0)) };
  }

  async get(p: Principal, id: number): Promise<DistributionListView> {
    const list = await this.find(this.ds.manager, p, id);
    return this.view(this.ds.manager, list);
  }

  async create(p: Principal, input: DistributionListInput): Promise<DistributionListView> {
    const officeId = this.managerOffice(p);
    return inTransaction(this.ds, async (em) => {
      const members = await this.checkMembers(em, input.members);
      await this.assertNameFree(em, officeId, input.name, null);
      const saved = await em.getRepository(DistributionListRecord).save(
        em.getRepository(DistributionListRecord).create({ officeId, name: input.name, description: input.description ?? null, live: 1, createdByUserId: p.userId }),
      );
      await this.writeMembers(em, saved.id, members, true);
      const list = (await em.getRepository(DistributionListRecord).findOneByOrFail({ id: saved.id }))!;
      const view = await this.view(em, list);
      await this.audit.record(em, actor(p), {
        action: 'DISTRIBUTION_LIST_CREATED', entityType: 'distribution_list', entityId: list.id, officeId, after: auditShape(view),
      });
      return view;
    });
  }

  async update(p: Principal, id: number, input: Partial<DistributionListInput> & { version: number }): Promise<DistributionListView> {
    const officeId = this.managerOffice(p);
    return inTransaction(this.ds, async (em) => {
      const list = await this.find(em, p, id, true);
      if (list.version !== input.version) throw conflict('STALE_VERSION', 'Daftar distribusi telah diubah orang lain; muat ulang (stale version)', { currentVersion: list.version });
      const before = await this.view(em, list);
      const members = input.members ? await this.checkMembers(em, input.members) : null;
      if (input.name !== undefined && input.name !== list.name) await this.assertNameFree(em, officeId, input.name, list.id);
      if (input.name !== undefined) list.name = input.name;
      if (input.description !== undefined) list.description = input.description;
      // the query builder adds version = version + 1 (the entity's @VersionColumn), also when only members change
      await em.getRepository(DistributionListRecord).update({ id: list.id }, { name: list.name, description: list.description });
      if (members) await this.writeMembers(em, list.id, members, false);
      const after = await this.view(em, (await em.getRepository(DistributionListRecord).findOneByOrFail({ id: list.id }))!);
      await this.audit.record(em, actor(p), {
        action: 'DISTRIBUTION_LIST_UPDATED', entityType: 'distribution_list', entityId: list.id, officeId, before: auditShape(before), after: auditShape(after),
      });
      return after;
    });
  }

  /** Soft delete: refused (409) while an unsent letter names the list. */
  async remove(p: Principal, id: number): Promise<void> {
    const officeId = this.managerOffice(p);
    await inTransaction(this.ds, async (em) => {
      const list = await this.find(em, p, id, true);
      const [used] = await em.query(
        `SELECT COUNT(DISTINCT r.letter_id) AS n FROM letter_recipients r JOIN letters l ON l.id = r.letter_id
         WHERE r.distribution_list_id = ? AND l.status IN (${UNSENT.map(() => '?').join(', ')})`,
        [list.id, ...UNSENT],
      );
      if (Number(used.n) > 0) {
        throw conflict('DISTRIBUTION_LIST_IN_USE', `Daftar distribusi "${list.name}" dipakai oleh ${used.n} naskah yang belum dikirim; ganti tujuannya dulu (list used by unsent letters)`, {
          letterCount: Number(used.n),
        });
      }
      const before = await this.view(em, list);
      await em.getRepository(DistributionListRecord).update({ id: list.id }, { live: null, deletedAt: new Date() });
      await this.audit.record(em, actor(p), { action: 'DISTRIBUTION_LIST_DELETED', entityType: 'distribution_list', entityId: list.id, officeId, before: auditShape(before), after: { deleted: true } });
    });
  }

  /** The list's audit trail (who created and changed it, before → after). */
  async history(p: Principal, id: number) {
    await this.find(this.ds.manager, p, id, false, true);
    return this.audit.history('distribution_list', id);
  }

  private officeOf(p: Principal): number {
    if (!p.officeId) throw forbidden('NO_OFFICE', 'Pengguna tanpa satker tidak memiliki daftar distribusi');
    return p.officeId;
  }

  private managerOffice(p: Principal): number {
    const officeId = this.officeOf(p);
    if (!MANAGERS.some((r) => p.roles.includes(r))) {
      throw forbidden('ROLE_REQUIRED', 'Hanya pencatat surat, pimpinan unit atau admin satker yang dapat mengubah daftar distribusi');
    }
    return officeId;
  }

  private async find(em: EntityManager, p: Principal, id: number, lock = false, withDeleted = false): Promise<DistributionListRecord> {
    const officeId = this.officeOf(p);
    const list = await em.getRepository(DistributionListRecord).findOne({
      where: { id, officeId, ...(withDeleted ? {} : { deletedAt: IsNull() }) },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!list) throw notFound('Daftar distribusi', id, 'DISTRIBUTION_LIST');
    return list;
  }

  private async assertNameFree(em: EntityManager, officeId: number, name: string, except: number | null): Promise<void> {
    const other = await em.getRepository(DistributionListRecord).findOne({ where: { officeId, name, live: 1 } });
    if (other && other.id !== except) {
      throw new DomainError('DISTRIBUTION_LIST_NAME_TAKEN', 'CONFLICT', `name: satker Anda sudah memiliki daftar distribusi "${other.name}"`, {
        fields: [{ field: 'name', reason: 'nama sudah dipakai' }], id: other.id,
      });
    }
  }

  /** Every member exists (an office; an active position), named once — an office and its head are the same addressee. */
  private async checkMembers(em: EntityManager, members: DistributionListMemberInput[]): Promise<{ officeId: number | null; positionId: number | null }[]> {
    if (!members.length) throw memberProblem(0, 'minimal satu anggota');
    members.forEach((m, i) => {
      const given = [m.officeId, m.positionId].filter((v) => v !== undefined && v !== null).length;
      if (given !== 1) throw new DomainError('VALIDATION_FAILED', 'VALIDATION', `members.${i}: isi tepat satu dari officeId atau positionId`, { fields: [{ field: `members.${i}`, reason: 'isi tepat satu dari officeId atau positionId' }] });
    });
    const officeIds = [...new Set(members.flatMap((m) => (m.officeId ? [m.officeId] : [])))];
    const positionIds = [...new Set(members.flatMap((m) => (m.positionId ? [m.positionId] : [])))];
    const marks = (ids: number[]) => ids.map(() => '?').join(', ');
    const [offices, heads, positions] = await Promise.all([
      officeIds.length ? em.query(`SELECT id FROM offices WHERE id IN (${marks(officeIds)})`, officeIds) : [],
      officeIds.length ? em.query(`SELECT office_id, MIN(id) AS id FROM positions WHERE parent_id IS NULL AND is_active = 1 AND office_id IN (${marks(officeIds)}) GROUP BY office_id`, officeIds) : [],
      positionIds.length ? em.query(`SELECT id FROM positions WHERE is_active = 1 AND id IN (${marks(positionIds)})`, positionIds) : [],
    ]);
    const knownOffices = new Set(offices.map((r: { id: number }) => Number(r.id)));
    const headOf = new Map<number, number>(heads.map((r: { office_id: number; id: number }) => [Number(r.office_id), Number(r.id)]));
    const knownPositions = new Set(positions.map((r: { id: number }) => Number(r.id)));
    const seen = new Map<number, number>();
    return members.map((m, i) => {
      let positionId: number;
      if (m.officeId) {
        if (!knownOffices.has(m.officeId)) throw memberProblem(i, `satker ${m.officeId} tidak ada (unknown office)`, 'UNKNOWN_RECIPIENT');
        const head = headOf.get(m.officeId);
        if (head === undefined) throw memberProblem(i, `satker ${m.officeId} tidak memiliki pimpinan aktif`, 'UNKNOWN_RECIPIENT');
        positionId = head;
      } else {
        if (!knownPositions.has(m.positionId!)) throw memberProblem(i, `jabatan ${m.positionId} tidak ada atau tidak aktif (unknown position)`, 'UNKNOWN_RECIPIENT');
        positionId = m.positionId!;
      }
      const first = seen.get(positionId);
      if (first !== undefined) throw memberProblem(i, `sama dengan members.${first} (duplicate member)`, 'DUPLICATE_RECIPIENT');
      seen.set(positionId, i);
      return { officeId: m.officeId ?? null, positionId: m.officeId ? null : m.positionId! };
    });
  }

  private async writeMembers(em: EntityManager, listId: number, members: { officeId: number | null; positionId: number | null }[], fresh: boolean): Promise<void> {
    const repo = em.getRepository(DistributionListMemberRecord);
    if (!fresh) await repo.delete({ listId });
    await repo.insert(members.map((m, i) => ({ listId, ordinal: i + 1, officeId: m.officeId, positionId: m.positionId })));
  }

  private async memberCounts(ids: number[]): Promise<Map<number, number>> {
    if (!ids.length) return new Map();
    const rows = await this.ds
      .getRepository(DistributionListMemberRecord)
      .createQueryBuilder('m')
      .select('m.listId', 'listId')
      .addSelect('COUNT(*)', 'n')
      .where('m.listId IN (:...ids)', { ids })
      .groupBy('m.listId')
      .getRawMany<{ listId: number; n: string }>();
    return new Map(rows.map((r) => [Number(r.listId), Number(r.n)]));
  }

  private async view(em: EntityManager, list: DistributionListRecord): Promise<DistributionListView> {
    const rows: Record<string, unknown>[] = await em
      .getRepository(DistributionListMemberRecord)
      .createQueryBuilder('m')
      .leftJoin('offices', 'o', 'o.id = m.office_id')
      .leftJoin('positions', 'p', 'p.id = m.position_id')
      .leftJoin('offices', 'po', 'po.id = p.office_id')
      .select(['m.office_id AS office_id', 'm.position_id AS position_id', 'o.name AS office_name', 'p.title AS position_title', 'po.name AS position_office_name'])
      .where('m.list_id = :id', { id: list.id })
      .orderBy('m.ordinal')
      .getRawMany();
    const members = rows.map((r) => ({
      officeId: r.office_id === null ? null : Number(r.office_id),
      positionId: r.position_id === null ? null : Number(r.position_id),
      label: r.office_id !== null ? `Ketua ${r.office_name}` : `${r.position_title} ${r.position_office_name}`,
    }));
    return { ...summary(list, members.length), members };
  }
}

const actor = (p: Principal) => ({ userId: p.userId, positionId: p.positionId, capacity: 'SENDIRI' as const, requestId: p.requestId ?? null });

function summary(r: DistributionListRecord, memberCount: number): DistributionListSummary {
  return { id: r.id, officeId: r.officeId, name: r.name, description: r.description, version: r.version, memberCount, createdAt: r.createdAt, updatedAt: r.updatedAt };
}

const auditShape = (v: DistributionListView) => ({
  name: v.name, description: v.description, members: v.members.map((m) => (m.officeId !== null ? { officeId: m.officeId } : { positionId: m.positionId })),
});

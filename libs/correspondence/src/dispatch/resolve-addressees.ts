import type { EntityManager } from 'typeorm';
import { DomainError } from '@naskah/core';
import type { Addressee } from './plan-targets';

/** A recipient as written on the letter: a position, an office (→ its head), or an external party. */
export interface RecipientRef {
  kind: 'TO' | 'CC';
  officeId?: number | null;
  positionId?: number | null;
  externalName?: string | null;
}

const badRecipient = (i: number, reason: string) =>
  new DomainError('INVALID_RECIPIENT', 'UNPROCESSABLE', `recipients.${i}: ${reason}`, { fields: [{ field: `recipients.${i}`, reason }] });

const duplicate = (i: number, first: number) =>
  new DomainError('DUPLICATE_RECIPIENT', 'UNPROCESSABLE', `recipients.${i}: tujuan yang sama sudah ada pada recipients.${first} (duplicate addressee)`, {
    fields: [{ field: `recipients.${i}`, reason: `sama dengan recipients.${first}` }], duplicateOf: first,
  });

/**
 * Resolves internal recipients to positions in two queries whatever their number: a position
 * stays itself; an office goes to its head (the root of its position tree, as
 * OrganisationService.headPosition). External parties are returned apart: they get no delivery.
 */
export async function resolveAddressees(em: EntityManager, recipients: RecipientRef[]): Promise<{ internal: (Addressee & { index: number })[]; external: string[] }> {
  const positionIds = [...new Set(recipients.flatMap((r) => (r.positionId ? [r.positionId] : [])))];
  const officeIds = [...new Set(recipients.flatMap((r) => (!r.positionId && r.officeId ? [r.officeId] : [])))];
  const [positions, heads] = await Promise.all([
    positionIds.length
      ? em.query(`SELECT id, office_id FROM positions WHERE is_active = 1 AND id IN (${positionIds.map(() => '?').join(', ')})`, positionIds)
      : Promise.resolve([]),
    officeIds.length
      ? // the root of each office's tree (depth 0 has no parent), read through ix_positions_parent: ~10x faster for 552 offices
        em.query(`SELECT office_id, MIN(id) AS id FROM positions WHERE parent_id IS NULL AND is_active = 1 AND office_id IN (${officeIds.map(() => '?').join(', ')}) GROUP BY office_id`, officeIds)
      : Promise.resolve([]),
  ]);
  const officeOfPosition = new Map<number, number>(positions.map((r: Record<string, unknown>) => [Number(r.id), Number(r.office_id)]));
  const headOfOffice = new Map<number, number>(heads.map((r: Record<string, unknown>) => [Number(r.office_id), Number(r.id)]));
  const internal: (Addressee & { index: number })[] = [];
  const external: string[] = [];
  // one delivery per recipient position: an addressee named twice (the same position, an office and
  // its head, the same external party) is refused naming both places, whatever TO/CC says
  const seenPosition = new Map<number, number>();
  const seenExternal = new Map<string, number>();
  const once = (i: number, positionId: number) => {
    const first = seenPosition.get(positionId);
    if (first !== undefined) throw duplicate(i, first);
    seenPosition.set(positionId, i);
  };
  recipients.forEach((r, i) => {
    if (r.positionId) {
      const officeId = officeOfPosition.get(r.positionId);
      if (officeId === undefined) throw badRecipient(i, `jabatan ${r.positionId} tidak ditemukan atau tidak aktif (unknown position)`);
      if (r.officeId && r.officeId !== officeId) throw badRecipient(i, `jabatan ${r.positionId} bukan di satker ${r.officeId}`);
      once(i, r.positionId);
      internal.push({ kind: r.kind, officeId, positionId: r.positionId, index: i });
    } else if (r.officeId) {
      const head = headOfOffice.get(r.officeId);
      if (head === undefined) throw badRecipient(i, `satker ${r.officeId} tidak ditemukan atau tanpa pimpinan (unknown office)`);
      once(i, head);
      internal.push({ kind: r.kind, officeId: r.officeId, positionId: head, index: i });
    } else if (r.externalName?.trim()) {
      const name = r.externalName.trim();
      const key = name.toLocaleLowerCase('id').replace(/\s+/g, ' ');
      const first = seenExternal.get(key);
      if (first !== undefined) throw duplicate(i, first);
      seenExternal.set(key, i);
      external.push(name);
    } else {
      throw badRecipient(i, 'isi positionId, officeId atau externalName');
    }
  });
  return { internal, external };
}

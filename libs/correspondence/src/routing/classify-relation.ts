import { RoutingError } from './routing.errors';
import type { OfficeLookup, OfficeRef, Relation, RouteStop } from './routing.types';

const hierarchyError = (problem: string) => new RoutingError('ROUTING_HIERARCHY_INVALID', 'Data hierarki satker tidak valid (invalid office hierarchy)', [problem]);

const EXPECTED_PARENT = { KABKOTA: 'PROVINSI', PROVINSI: 'RI', RI: null } as const;

/**
 * The office directly above `office` (Kab/Kota → Provinsi → KPU RI), checked against the levels;
 * null for KPU RI and for a Provinsi stored without a parent.
 */
export function parentOffice(office: OfficeRef, lookup: OfficeLookup): OfficeRef | null {
  const expected = EXPECTED_PARENT[office.level];
  if (office.parentId === null) {
    if (office.level === 'KABKOTA') throw hierarchyError(`satker ${office.code} (KABKOTA) tidak memiliki induk`);
    return null;
  }
  if (expected === null) throw hierarchyError(`KPU RI (${office.code}) tidak boleh memiliki induk`);
  const parent = lookup(office.parentId);
  if (!parent) throw hierarchyError(`induk ${office.parentId} dari satker ${office.code} tidak ditemukan`);
  if (parent.level !== expected) throw hierarchyError(`induk satker ${office.code} (${office.level}) harus ${expected}, bukan ${parent.level}`);
  return parent;
}

/** The sender's province: a Kab/Kota's parent, a Provinsi itself, none for KPU RI. */
function provinceOf(office: OfficeRef, lookup: OfficeLookup): OfficeRef | null {
  if (office.level === 'PROVINSI') return office;
  if (office.level === 'KABKOTA') return parentOffice(office, lookup);
  return null;
}

/** Whether two route stops are the same place. */
export function sameStop(a: RouteStop | null, b: RouteStop | null): boolean {
  if (a === null || b === null) return false;
  if (a === 'EXTERNAL' || b === 'EXTERNAL') return a === b;
  return a.id === b.id;
}

/** How `to` stands to `from` (see Relation for the precise definitions); throws on broken hierarchy data. */
export function classify(from: OfficeRef, to: RouteStop, lookup: OfficeLookup): Relation {
  const province = provinceOf(from, lookup); // also checks the sender's place in the hierarchy
  if (to === 'EXTERNAL') return 'EXTERNAL';
  if (to.id === from.id) return 'SAME_OFFICE';
  if (to.level === 'RI') return 'KPU_RI';
  if (to.level === 'PROVINSI') return province?.id === to.id ? 'OWN_PROVINSI' : 'OTHER_PROVINSI';
  if (to.parentId === null) throw hierarchyError(`satker tujuan ${to.code} (KABKOTA) tidak memiliki induk`);
  return province !== null && to.parentId === province.id ? 'KABKOTA_SAME_PROVINCE' : 'KABKOTA_OTHER_PROVINCE';
}

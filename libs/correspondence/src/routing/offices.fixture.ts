import type { OfficeLookup, OfficeRef } from './routing.types';

/** A small hierarchy for the routing specs: KPU RI, two provinces, three Kab/Kota. */
export const RI: OfficeRef = { id: 'RI', level: 'RI', parentId: null, code: 'RI', name: 'KPU RI' };
export const NTB: OfficeRef = { id: '52', level: 'PROVINSI', parentId: 'RI', code: '52', name: 'KPU Provinsi Nusa Tenggara Barat' };
export const JABAR: OfficeRef = { id: '32', level: 'PROVINSI', parentId: 'RI', code: '32', name: 'KPU Provinsi Jawa Barat' };
export const SUMBAWA: OfficeRef = { id: '5204', level: 'KABKOTA', parentId: '52', code: '5204', name: 'KPU Kabupaten Sumbawa' };
export const BIMA: OfficeRef = { id: '5206', level: 'KABKOTA', parentId: '52', code: '5206', name: 'KPU Kabupaten Bima' };
export const BOGOR: OfficeRef = { id: '3201', level: 'KABKOTA', parentId: '32', code: '3201', name: 'KPU Kabupaten Bogor' };

export const OFFICES: readonly OfficeRef[] = [RI, NTB, JABAR, SUMBAWA, BIMA, BOGOR];

export function lookupIn(offices: readonly OfficeRef[]): OfficeLookup {
  const byId = new Map(offices.map((o) => [o.id, o]));
  return (id) => byId.get(id);
}

export const lookup = lookupIn(OFFICES);

/** Office codes of a route, `EXTERNAL` as is. */
export const codes = (hops: readonly (OfficeRef | 'EXTERNAL')[]) => hops.map((h) => (h === 'EXTERNAL' ? h : h.code));

import type { OfficeLevel, Relation, RouteStop } from './routing.types';

export const LEVEL_LABELS: Record<OfficeLevel, string> = {
  RI: 'KPU RI',
  PROVINSI: 'KPU Provinsi',
  KABKOTA: 'KPU Kabupaten/Kota',
};

export const RELATION_LABELS: Record<Relation, string> = {
  SAME_OFFICE: 'satker sendiri',
  KPU_RI: 'KPU RI',
  OWN_PROVINSI: 'KPU Provinsi sendiri',
  OTHER_PROVINSI: 'KPU Provinsi lain',
  KABKOTA_SAME_PROVINCE: 'KPU Kabupaten/Kota dalam provinsi yang sama',
  KABKOTA_OTHER_PROVINCE: 'KPU Kabupaten/Kota di provinsi lain',
  EXTERNAL: 'pihak eksternal',
};

/** An office's name, or its level and code (`KPU Provinsi 52`) when it has none. */
export function stopLabel(stop: RouteStop): string {
  if (stop === 'EXTERNAL') return RELATION_LABELS.EXTERNAL;
  if (stop.name) return stop.name;
  return stop.level === 'RI' ? LEVEL_LABELS.RI : `${LEVEL_LABELS[stop.level]} ${stop.code}`;
}

/** `KPU Kabupaten Sumbawa → KPU Provinsi Nusa Tenggara Barat → KPU RI` */
export function routeLabel(hops: readonly RouteStop[]): string {
  return hops.map(stopLabel).join(' → ');
}

export type OfficeLevel = 'RI' | 'PROVINSI' | 'KABKOTA';
export type UnitKind = 'PIMPINAN' | 'SEKRETARIAT' | 'BIRO' | 'BAGIAN' | 'SUBBAGIAN';
export type PositionKind =
  | 'KETUA' | 'ANGGOTA' | 'SEKRETARIS_JENDERAL' | 'SEKRETARIS' | 'KEPALA_BIRO' | 'KABAG' | 'KASUBBAG' | 'ARSIPARIS' | 'PENCATAT' | 'STAF';

export interface OfficeView {
  id: number;
  code: string;
  level: OfficeLevel;
  name: string;
  regionName: string;
  city: string;
  parentId: number | null;
  parent?: { id: number; code: string; name: string } | null;
}

export interface UnitView {
  id: number;
  officeId: number;
  parentId: number | null;
  code: string;
  name: string;
  kind: UnitKind;
}

export interface PositionView {
  id: number;
  officeId: number;
  unitId: number | null;
  parentId: number | null;
  code: string;
  title: string;
  kind: PositionKind;
  path: string;
  depth: number;
  holder?: { userId: number; fullName: string } | null;
}

import type { PositionKind } from '@naskah/organisation';

export type Role = 'DRAFTER' | 'REVIEWER' | 'SIGNER' | 'LEADER' | 'REGISTRAR' | 'ARCHIVIST' | 'ADMIN';
export const ALL_ROLES: Role[] = ['DRAFTER', 'REVIEWER', 'SIGNER', 'LEADER', 'REGISTRAR', 'ARCHIVIST', 'ADMIN'];

/** Roles that follow from holding a position; grants add to them (e.g. ADMIN, or REGISTRAR for a TU staff member). */
export const POSITION_ROLES: Record<PositionKind, Role[]> = {
  KETUA: ['LEADER', 'SIGNER'],
  ANGGOTA: ['LEADER'],
  SEKRETARIS_JENDERAL: ['LEADER', 'SIGNER', 'REVIEWER'],
  SEKRETARIS: ['LEADER', 'SIGNER', 'REVIEWER'],
  KEPALA_BIRO: ['LEADER', 'REVIEWER', 'DRAFTER'],
  KABAG: ['LEADER', 'REVIEWER', 'DRAFTER'],
  KASUBBAG: ['LEADER', 'REVIEWER', 'DRAFTER'],
  ARSIPARIS: ['ARCHIVIST', 'DRAFTER'],
  PENCATAT: ['REGISTRAR', 'DRAFTER'],
  STAF: ['DRAFTER'],
};

export function rolesOf(positionKind: PositionKind | null, grants: Role[]): Role[] {
  const set = new Set<Role>([...(positionKind ? POSITION_ROLES[positionKind] : []), ...grants]);
  return ALL_ROLES.filter((r) => set.has(r));
}

/** The signed-in caller as every service sees it: the scope every user-data query takes. */
export interface Principal {
  userId: number;
  username: string;
  fullName: string;
  positionId: number | null;
  officeId: number | null;
  roles: Role[];
  requestId?: string;
}

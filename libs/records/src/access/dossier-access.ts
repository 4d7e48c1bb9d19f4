import { AccessViewer, InvolvedPosition, maySee, SecurityClass } from '@naskah/correspondence';
import type { Role } from '@naskah/identity';
import { ActingPosition, stepsHeldBy } from '../retention/approval-requirements';

/**
 * Who may see and handle dossiers (berkas). Pure; every records read and write goes through it.
 *  - A dossier is visible inside its own office only: to its archivists, its leaders and approvers,
 *    the positions of the dossier's unit, and — for a Biasa (B) dossier — everyone of the office.
 *  - The content of a filed letter follows the letter's own rule (maySee), widened for the
 *    office's archivist to B and T letters; Rahasia / Sangat Rahasia content stays with the
 *    positions involved in the letter.
 * A viewer who may not see a dossier is told it does not exist (404).
 */
export interface RecordsViewer extends AccessViewer {
  userId: number;
  roles: Role[];
  /** Own position and positions held today by delegation, with their unit. */
  positions: (ActingPosition & { unitId: number | null; path: string })[];
}

export interface DossierAccessFacts {
  officeId: number;
  unitId: number;
  securityClass: SecurityClass;
}

const inOffice = (v: RecordsViewer, officeId: number) => v.officeId === officeId || v.positions.some((p) => p.officeId === officeId);

export function isArchivistOf(v: RecordsViewer, officeId: number): boolean {
  return v.roles.includes('ARCHIVIST') && v.officeId === officeId;
}

export function mayViewDossier(v: RecordsViewer, d: DossierAccessFacts): boolean {
  if (!inOffice(v, d.officeId)) return false;
  if (isArchivistOf(v, d.officeId)) return true;
  if (v.positions.some((p) => stepsHeldBy(p, d.officeId).length > 0)) return true;
  if (v.positions.some((p) => p.unitId === d.unitId)) return true;
  return d.securityClass === 'B';
}

/** Creating dossiers and filing into them: the office's archivist, or a position of the dossier's unit. */
export function mayFileInto(v: RecordsViewer, d: Pick<DossierAccessFacts, 'officeId' | 'unitId'>): boolean {
  return isArchivistOf(v, d.officeId) || v.positions.some((p) => p.officeId === d.officeId && p.unitId === d.unitId);
}

export function mayReadItemContent(v: RecordsViewer, dossierOfficeId: number, letter: { securityClass: SecurityClass; involved: InvolvedPosition[] }): boolean {
  if (maySee(letter.securityClass, v, letter.involved)) return true;
  return (letter.securityClass === 'B' || letter.securityClass === 'T') && isArchivistOf(v, dossierOfficeId);
}

const RANK: Record<SecurityClass, number> = { B: 0, T: 1, R: 2, SR: 3 };
/** A dossier is classified at least as high as the most secret record filed in it. */
export function higherClass(a: SecurityClass, b: SecurityClass): SecurityClass {
  return RANK[a] >= RANK[b] ? a : b;
}

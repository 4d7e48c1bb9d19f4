import type { OfficeLevel } from '@naskah/organisation';
import { isArchivistOf, RecordsViewer } from '../access/dossier-access';
import { mayViewProposal } from '../proposals/proposals.repository';
import { stepsHeldBy } from '../retention/approval-requirements';

/**
 * Who runs and sees retention sweeps. Pure.
 *  - An office's sweep ("run now") is started by its archivist or by a position that decides its
 *    proposals (head of the records centre, Sekretaris, Ketua), or an administrator, and sweeps
 *    that office only.
 *  - A national sweep (every office; office NULL) is KPU RI's: its archivist, or an administrator.
 *    The daily scheduled sweep is national too (SYSTEM).
 *  - An office's runs are listed to its records staff (archivists, approvers, leaders); national
 *    runs to KPU RI's records staff and administrators. Anyone else: 403.
 */
export type SweepScope = 'OFFICE' | 'NATIONAL';
export const SWEEP_SCOPES: SweepScope[] = ['OFFICE', 'NATIONAL'];

export function mayRunOfficeSweep(v: RecordsViewer, officeId: number): boolean {
  return v.roles.includes('ADMIN') || isArchivistOf(v, officeId) || v.positions.some((p) => stepsHeldBy(p, officeId).length > 0);
}

export function mayRunNationalSweep(v: RecordsViewer, ownOfficeLevel: OfficeLevel | null): boolean {
  return v.roles.includes('ADMIN') || (ownOfficeLevel === 'RI' && v.officeId !== null && isArchivistOf(v, v.officeId));
}

/** The runs a viewer may see: those of `officeId` and, when `national`, national ones; null when none (403). */
export function visibleSweepRuns(v: RecordsViewer, ownOfficeLevel: OfficeLevel | null): { officeId: number | null; national: boolean } | null {
  const officeStaff = v.officeId !== null && mayViewProposal(v, v.officeId);
  const national = v.roles.includes('ADMIN') || (officeStaff && ownOfficeLevel === 'RI');
  if (!officeStaff && !national) return null;
  return { officeId: officeStaff ? v.officeId : null, national };
}

export function maySeeSweepRun(visible: { officeId: number | null; national: boolean }, runOfficeId: number | null): boolean {
  return runOfficeId === null ? visible.national : runOfficeId === visible.officeId;
}

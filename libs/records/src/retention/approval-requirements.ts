import type { PositionKind } from '@naskah/organisation';
import type { ProposalKind } from './proposal-eligibility';

/**
 * Who must approve a proposal, in what order, and which positions may act for each step. Pure.
 *  - transfer (pemindahan): the head of the records centre (unit kearsipan);
 *  - destruction (pemusnahan): the records centre head, the appraisal committee (panitia penilai
 *    arsip) when any dossier's retention is 10 years or more, then the office's leader;
 *  - handover (penyerahan): the records centre head, then the office's leader;
 *  - re-appraisal lists are decided dossier by dossier by the appraisal committee (no list approval).
 */
export type ApprovalStep = 'RECORDS_CENTRE_HEAD' | 'APPRAISAL_COMMITTEE' | 'OFFICE_LEADER';

export const COMMITTEE_THRESHOLD_YEARS = 10;

export const STEP_LABEL: Record<ApprovalStep, string> = {
  RECORDS_CENTRE_HEAD: 'Kepala Unit Kearsipan (records centre head)',
  APPRAISAL_COMMITTEE: 'Panitia Penilai Arsip (appraisal committee)',
  OFFICE_LEADER: 'Pimpinan satker (office leader)',
};

export function requiredSteps(kind: ProposalKind, maxRetentionYears: number): ApprovalStep[] {
  switch (kind) {
    case 'TRANSFER':
      return ['RECORDS_CENTRE_HEAD'];
    case 'DESTROY':
      return ['RECORDS_CENTRE_HEAD', ...(maxRetentionYears >= COMMITTEE_THRESHOLD_YEARS ? (['APPRAISAL_COMMITTEE'] as const) : []), 'OFFICE_LEADER'];
    case 'HANDOVER':
      return ['RECORDS_CENTRE_HEAD', 'OFFICE_LEADER'];
    case 'REVIEW':
      return [];
  }
}

/** Required steps not yet approved, in order. */
export function missingSteps(required: ApprovalStep[], approved: ApprovalStep[]): ApprovalStep[] {
  return required.filter((s) => !approved.includes(s));
}

/** The step that may be decided now: the first missing one. */
export function nextStep(required: ApprovalStep[], approved: ApprovalStep[]): ApprovalStep | null {
  return missingSteps(required, approved)[0] ?? null;
}

export interface ActingPosition {
  positionId: number;
  officeId: number;
  kind: PositionKind;
  unitCode: string | null;
}

/** Units that run the records centre: Umum (Kab/Kota Subbagian, Provinsi Bagian) and the Biro Keuangan dan Umum at KPU RI. */
const RECORDS_CENTRE_UNITS = ['KUL', 'BKU'];

/** The steps a position may decide for proposals of `officeId` (own position or by Plt/Plh). */
export function stepsHeldBy(pos: ActingPosition, officeId: number): ApprovalStep[] {
  if (pos.officeId !== officeId) return [];
  const out: ApprovalStep[] = [];
  if (['KASUBBAG', 'KABAG', 'KEPALA_BIRO'].includes(pos.kind) && pos.unitCode && RECORDS_CENTRE_UNITS.includes(pos.unitCode)) out.push('RECORDS_CENTRE_HEAD');
  if (pos.kind === 'SEKRETARIS' || pos.kind === 'SEKRETARIS_JENDERAL') out.push('APPRAISAL_COMMITTEE');
  if (pos.kind === 'KETUA') out.push('OFFICE_LEADER');
  return out;
}

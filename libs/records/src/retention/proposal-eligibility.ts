import type { IsoDate } from './calendar';
import type { DossierStatus, FinalAction } from './retention-dates';

/**
 * Which proposal a dossier is due for, and whether it may join one. Pure; used by the sweep (to
 * propose) and by an archivist assembling a list by hand (to refuse what does not belong).
 */
export type ProposalKind = 'TRANSFER' | 'DESTROY' | 'HANDOVER' | 'REVIEW';

export interface DossierRetentionState {
  status: DossierStatus;
  activeUntil: IsoDate | null;
  inactiveUntil: IsoDate | null;
  finalAction: FinalAction | null;
  holdCount: number;
  inOpenProposal: boolean;
}

export type Eligibility = { ok: true } | { ok: false; code: 'IN_OPEN_PROPOSAL' | 'WRONG_STATUS' | 'NOT_SCHEDULED' | 'NOT_DUE' | 'WRONG_FINAL_ACTION' | 'HELD'; reason: string };

const FINAL_OF: Partial<Record<ProposalKind, FinalAction>> = { DESTROY: 'MUSNAH', HANDOVER: 'PERMANEN', REVIEW: 'DINILAI_KEMBALI' };
export const PROPOSAL_LABEL: Record<ProposalKind, string> = {
  TRANSFER: 'usul pindah', DESTROY: 'usul musnah', HANDOVER: 'usul serah', REVIEW: 'usul nilai kembali',
};

/** What the sweep proposes for a dossier on `today`, or null. Held dossiers are not proposed for destruction or handover. */
export function dueProposalKind(d: DossierRetentionState, today: IsoDate): ProposalKind | null {
  if (d.inOpenProposal) return null;
  if (d.status === 'CLOSED' && d.activeUntil && d.activeUntil <= today) return 'TRANSFER';
  if (d.status !== 'INACTIVE' || !d.inactiveUntil || d.inactiveUntil > today || !d.finalAction) return null;
  const kind: ProposalKind = d.finalAction === 'MUSNAH' ? 'DESTROY' : d.finalAction === 'PERMANEN' ? 'HANDOVER' : 'REVIEW';
  if (kind !== 'REVIEW' && d.holdCount > 0) return null;
  return kind;
}

export function checkEligibility(kind: ProposalKind, d: DossierRetentionState, today: IsoDate): Eligibility {
  if (d.inOpenProposal) return { ok: false, code: 'IN_OPEN_PROPOSAL', reason: 'sudah ada dalam usulan lain yang belum selesai' };
  const want: DossierStatus = kind === 'TRANSFER' ? 'CLOSED' : 'INACTIVE';
  if (d.status !== want) return { ok: false, code: 'WRONG_STATUS', reason: `berstatus ${d.status}, ${PROPOSAL_LABEL[kind]} memerlukan ${want}` };
  const due = kind === 'TRANSFER' ? d.activeUntil : d.inactiveUntil;
  if (!due) return { ok: false, code: 'NOT_SCHEDULED', reason: 'jadwal retensi belum berjalan' };
  if (due > today) return { ok: false, code: 'NOT_DUE', reason: `retensi ${kind === 'TRANSFER' ? 'aktif' : 'inaktif'} baru berakhir ${due}` };
  const final = FINAL_OF[kind];
  if (final && d.finalAction !== final) return { ok: false, code: 'WRONG_FINAL_ACTION', reason: `nasib akhir ${d.finalAction}, bukan ${final}` };
  if ((kind === 'DESTROY' || kind === 'HANDOVER') && d.holdCount > 0) return { ok: false, code: 'HELD', reason: 'sedang dibekukan (hold) dan tidak boleh dimusnahkan atau diserahkan' };
  return { ok: true };
}

/**
 * The SQL twin of dueProposalKind for one kind, as a condition on dossiers `d` (`?` is today).
 * Every way into a proposal clears sweep_due and sets open_proposal_id.
 */
export function dueSql(kind: ProposalKind): string {
  const inactive = (final: string, held: boolean) =>
    `d.sweep_due IS NOT NULL AND d.open_proposal_id = 0 AND d.status = 'INACTIVE' AND d.final_action = '${final}' AND d.inactive_until <= ?${held ? '' : ' AND d.hold_count = 0'}`;
  switch (kind) {
    case 'TRANSFER':
      return `d.sweep_due IS NOT NULL AND d.open_proposal_id = 0 AND d.status = 'CLOSED' AND d.active_until <= ?`;
    case 'DESTROY':
      return inactive('MUSNAH', false);
    case 'HANDOVER':
      return inactive('PERMANEN', false);
    case 'REVIEW':
      return inactive('DINILAI_KEMBALI', true);
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PositionNotifier, titleAbout, WorklistSignal } from '@naskah/notification';
import { OutboxService } from '@naskah/queue';
import type { PositionKind } from '@naskah/organisation';
import { ApprovalStep, stepsHeldBy } from '../retention/approval-requirements';
import { ProposalRow, ProposalsRepository } from '../proposals/proposals.repository';

const KIND_LABEL: Record<string, string> = { TRANSFER: 'usul pindah', DESTROY: 'usul musnah', HANDOVER: 'usul serah', REVIEW: 'usul nilai kembali' };

/** How a title names a proposal: its kind and title, or its number. */
export const proposalLabel = (p: Pick<ProposalRow, 'id' | 'kind' | 'title'>) => `${KIND_LABEL[p.kind] ?? 'usulan'} ${p.title?.trim() ? `"${p.title.trim().slice(0, 80)}"` : `#${p.id}`}`;

/**
 * PROPOSAL_APPROVAL_REQUESTED: when a proposal is submitted and after each approval that leaves a
 * step to go, whoever holds the next step in the proposal's office (approval-requirements.ts
 * stepsHeldBy; Plt/Plh of those positions too) is told, in the transaction of the change (outbox,
 * key per proposal and step: a replay tells nobody twice).
 */
@Injectable()
export class ProposalNotices {
  constructor(
    private readonly repo: ProposalsRepository,
    private readonly notifier: PositionNotifier,
    private readonly signal: WorklistSignal,
    private readonly outbox: OutboxService,
  ) {}

  async nextStepRequested(em: EntityManager, row: ProposalRow): Promise<void> {
    const { next } = await this.repo.approvalState(row, em);
    if (!next) return;
    const holders = await this.holders(em, row.officeId, next);
    if (!holders.length) return;
    await this.notifier.notifyLater(em, {
      positionIds: holders, type: 'PROPOSAL_APPROVAL_REQUESTED', key: `proposal-${row.id}-${next}`,
      ref: { proposalId: row.id, title: titleAbout('PROPOSAL_APPROVAL_REQUESTED', proposalLabel(row)), step: next, proposalKind: row.kind },
    });
  }

  /** After the commit: the notices relayed, the approvers' queues of the office told. */
  async settled(officeId: number, em: EntityManager): Promise<void> {
    this.outbox.relaySoon();
    this.signal.changed({ positionIds: await this.holders(em, officeId) });
  }

  /** Positions of the office that hold `step` (any step when omitted). */
  async holders(em: EntityManager, officeId: number, step?: ApprovalStep): Promise<number[]> {
    const rows: { id: number; kind: PositionKind; unit_code: string | null }[] = await em.query(
      `SELECT p.id, p.kind, u.code AS unit_code FROM positions p LEFT JOIN units u ON u.id = p.unit_id
       WHERE p.office_id = ? AND p.is_active = 1`,
      [officeId],
    );
    return rows
      .filter((r) => {
        const held = stepsHeldBy({ positionId: Number(r.id), officeId, kind: r.kind, unitCode: r.unit_code }, officeId);
        return step ? held.includes(step) : held.length > 0;
      })
      .map((r) => Number(r.id));
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { proposalNotFound } from '../records.errors';
import { isArchivistOf, RecordsViewer } from '../access/dossier-access';
import { ApprovalStep, missingSteps, nextStep, requiredSteps, stepsHeldBy } from '../retention/approval-requirements';
import { toIsoDate } from '../retention/calendar';
import type { ProposalKind } from '../retention/proposal-eligibility';

export type ProposalStatus = 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'REJECTED' | 'EXECUTING' | 'PACKAGED' | 'EXECUTED' | 'CANCELLED';

export interface ProposalRow {
  id: string;
  officeId: number;
  kind: ProposalKind;
  status: ProposalStatus;
  origin: 'SWEEP' | 'MANUAL';
  title: string | null;
  createdAt: Date;
  submittedAt: Date | null;
  decidedAt: Date | null;
  executedAt: Date | null;
  execution: unknown;
  version: number;
}

export interface ProposalItemView {
  dossierId: string;
  outcome: string;
  open: boolean;
  retentionYears: number;
  title: string;
  classificationCode: string;
  unitId: number;
  unitName: string;
  periodStart: string;
  periodEnd: string | null;
  location: string | null;
  status: string;
  holdCount: number;
  itemCount: number;
  activeUntil: string | null;
  inactiveUntil: string | null;
  finalAction: string | null;
  securityClass: string;
}

export interface ApprovalView {
  step: ApprovalStep;
  decision: string;
  userId: number;
  fullName: string;
  positionId: number;
  positionTitle: string;
  capacity: string;
  note: string | null;
  decidedAt: Date;
}

const toRow = (r: Record<string, unknown>): ProposalRow => ({
  id: String(r.id), officeId: Number(r.office_id), kind: r.kind as ProposalKind, status: r.status as ProposalStatus, origin: r.origin as ProposalRow['origin'],
  title: (r.title as string) ?? null, createdAt: r.created_at as Date, submittedAt: (r.submitted_at as Date) ?? null, decidedAt: (r.decided_at as Date) ?? null,
  executedAt: (r.executed_at as Date) ?? null, execution: typeof r.execution === 'string' ? JSON.parse(r.execution) : (r.execution ?? null), version: Number(r.version),
});

/** Proposals are seen by the office's archivists, approvers and leaders; anyone else is told they do not exist. */
export function mayViewProposal(v: RecordsViewer, officeId: number): boolean {
  return isArchivistOf(v, officeId) || v.positions.some((p) => stepsHeldBy(p, officeId).length > 0) || (v.roles.includes('LEADER') && v.officeId === officeId);
}

@Injectable()
export class ProposalsRepository {
  constructor(private readonly ds: DataSource) {}

  async loadVisible(v: RecordsViewer, id: string, em: EntityManager = this.ds.manager, lock = false): Promise<ProposalRow> {
    const [r] = /^\d{1,19}$/.test(id) ? await em.query(`SELECT * FROM records_proposals WHERE id = ?${lock ? ' FOR UPDATE' : ''}`, [id]) : [];
    if (!r || !mayViewProposal(v, Number(r.office_id))) throw proposalNotFound(id);
    return toRow(r);
  }

  async find(id: string, em: EntityManager = this.ds.manager, lock = false): Promise<ProposalRow | null> {
    const [r] = await em.query(`SELECT * FROM records_proposals WHERE id = ?${lock ? ' FOR UPDATE' : ''}`, [id]);
    return r ? toRow(r) : null;
  }

  async list(officeId: number, q: { kind?: string; status?: string; limit?: number }): Promise<(ProposalRow & { itemCount: number })[]> {
    const where = ['p.office_id = ?'];
    const params: unknown[] = [officeId];
    if (q.kind) (where.push('p.kind = ?'), params.push(q.kind));
    if (q.status) (where.push('p.status = ?'), params.push(q.status));
    const rows = await this.ds.query(
      `SELECT p.*, (SELECT COUNT(*) FROM records_proposal_items i WHERE i.proposal_id = p.id) AS item_count FROM records_proposals p WHERE ${where.join(' AND ')} ORDER BY p.id DESC LIMIT ?`,
      [...params, Math.min(q.limit ?? 50, 200)],
    );
    return rows.map((r: Record<string, unknown>) => ({ ...toRow(r), itemCount: Number(r.item_count) }));
  }

  async items(proposalId: string, em: EntityManager = this.ds.manager): Promise<ProposalItemView[]> {
    const rows = await em.query(
      `SELECT i.dossier_id, i.outcome, i.retention_years, d.title, d.classification_code, d.unit_id, u.name AS unit_name, d.period_start, d.period_end, d.location,
         d.status, d.hold_count, d.item_count, d.active_until, d.inactive_until, d.final_action, d.security_class
       FROM records_proposal_items i JOIN dossiers d ON d.id = i.dossier_id JOIN units u ON u.id = d.unit_id WHERE i.proposal_id = ? ORDER BY d.classification_code, d.id`,
      [proposalId],
    );
    return rows.map((r: Record<string, unknown>) => ({
      dossierId: String(r.dossier_id), outcome: String(r.outcome), open: r.outcome === 'PENDING', retentionYears: Number(r.retention_years), title: String(r.title),
      classificationCode: String(r.classification_code), unitId: Number(r.unit_id), unitName: String(r.unit_name), periodStart: toIsoDate(r.period_start)!,
      periodEnd: toIsoDate(r.period_end), location: (r.location as string) ?? null, status: String(r.status), holdCount: Number(r.hold_count), itemCount: Number(r.item_count),
      activeUntil: toIsoDate(r.active_until), inactiveUntil: toIsoDate(r.inactive_until), finalAction: (r.final_action as string) ?? null, securityClass: String(r.security_class),
    }));
  }

  async approvals(proposalId: string, em: EntityManager = this.ds.manager): Promise<ApprovalView[]> {
    const rows = await em.query(
      `SELECT a.step, a.decision, a.user_id, u.full_name, a.position_id, p.title AS position_title, a.capacity, a.note, a.decided_at
       FROM records_proposal_approvals a JOIN users u ON u.id = a.user_id JOIN positions p ON p.id = a.position_id WHERE a.proposal_id = ? ORDER BY a.decided_at`,
      [proposalId],
    );
    return rows.map((r: Record<string, unknown>) => ({
      step: r.step as ApprovalStep, decision: String(r.decision), userId: Number(r.user_id), fullName: String(r.full_name), positionId: Number(r.position_id),
      positionTitle: String(r.position_title), capacity: String(r.capacity), note: (r.note as string) ?? null, decidedAt: r.decided_at as Date,
    }));
  }

  /** The largest retention among the proposal's live items: it decides whether the appraisal committee must approve. */
  async maxRetention(proposalId: string, em: EntityManager = this.ds.manager): Promise<number> {
    const [r] = await em.query(`SELECT COALESCE(MAX(retention_years), 0) AS y FROM records_proposal_items WHERE proposal_id = ? AND outcome <> 'REJECTED'`, [proposalId]);
    return Number(r.y);
  }

  async approvalState(p: ProposalRow, em: EntityManager = this.ds.manager) {
    const approvals = await this.approvals(p.id, em);
    const required = requiredSteps(p.kind, await this.maxRetention(p.id, em));
    const approved = approvals.filter((a) => a.decision === 'APPROVED').map((a) => a.step);
    return { approvals, required, missing: missingSteps(required, approved), next: nextStep(required, approved) };
  }

  async documents(proposalId: string) {
    const rows = await this.ds.query('SELECT id, kind, format, number, file_id, sha256, created_at FROM records_minutes WHERE proposal_id = ? ORDER BY id', [proposalId]);
    return rows.map((r: Record<string, unknown>) => ({
      id: String(r.id), kind: String(r.kind), format: String(r.format), number: (r.number as string) ?? null, fileId: String(r.file_id), sha256: String(r.sha256), createdAt: r.created_at as Date,
    }));
  }
}

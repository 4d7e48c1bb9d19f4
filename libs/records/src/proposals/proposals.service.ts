import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, DomainError, notFound } from '@naskah/core';
import { AuditService } from '@naskah/audit';
import { Principal } from '@naskah/identity';
import { dossiersHeld, field, notAllowed, notEligible, versionConflict, wrongStatus } from '../records.errors';
import { actorOf, RecordsViewerService } from '../access/records-viewer.service';
import { isArchivistOf, RecordsViewer } from '../access/dossier-access';
import { toIsoDate } from '../retention/calendar';
import { checkEligibility, ProposalKind } from '../retention/proposal-eligibility';
import { RetentionRulesService } from '../schedule/retention-rules.service';
import { mayViewProposal, ProposalRow, ProposalsRepository } from './proposals.repository';
import { ProposalNotices } from '../worklist/proposal-notices';

const MAX_ITEMS_PER_REQUEST = 2000;

/** Proposal lists (usul pindah / musnah / serah / nilai kembali): assemble, edit while a draft, submit, show. */
@Injectable()
export class ProposalsService {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: ProposalsRepository,
    private readonly viewers: RecordsViewerService,
    private readonly rules: RetentionRulesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly notices: ProposalNotices,
  ) {}

  async list(p: Principal, q: { kind?: string; status?: string; limit?: number }) {
    const v = await this.viewers.viewerOf(p);
    if (!v.officeId) return { items: [] };
    await this.assertMayView(v, v.officeId);
    return { items: await this.repo.list(v.officeId, q) };
  }

  async get(p: Principal, id: string) {
    const v = await this.viewers.viewerOf(p);
    const row = await this.repo.loadVisible(v, id);
    const [items, state, documents, receipt] = await Promise.all([
      this.repo.items(id), this.repo.approvalState(row), this.repo.documents(id),
      this.ds.query('SELECT archive_name, receipt_number, received_on, received_by_name, note, package_sha256, recorded_at FROM records_handover_receipts WHERE proposal_id = ?', [id]),
    ]);
    const r = receipt[0];
    return {
      ...row, items, requiredSteps: state.required, approvals: state.approvals, missingSteps: state.missing, nextStep: state.next, documents,
      receipt: r ? { archiveName: r.archive_name, receiptNumber: r.receipt_number, receivedOn: toIsoDate(r.received_on), receivedByName: r.received_by_name, note: r.note, packageSha256: r.package_sha256, recordedAt: r.recorded_at } : null,
    };
  }

  /** The archivist assembles a list by hand; each dossier must be due for it (409 naming every one that is not). */
  async create(p: Principal, input: { kind: ProposalKind; dossierIds: string[]; title?: string }) {
    const v = await this.viewers.viewerOf(p);
    if (!v.officeId || !isArchivistOf(v, v.officeId)) throw notAllowed('ARCHIVIST_REQUIRED', 'Usulan disusun oleh arsiparis satker');
    if (!input.dossierIds.length || input.dossierIds.length > MAX_ITEMS_PER_REQUEST) throw field('dossierIds', `1–${MAX_ITEMS_PER_REQUEST} berkas`);
    const id = await this.ds.transaction('READ COMMITTED', async (em) => {
      const res = await em.query(`INSERT INTO records_proposals (office_id, kind, origin, title, created_by, created_at) VALUES (?, ?, 'MANUAL', ?, ?, ?)`, [
        v.officeId, input.kind, input.title ?? null, p.userId, this.clock.now(),
      ]);
      const proposalId = String(res.insertId);
      await this.addDossiers(em, v.officeId!, proposalId, input.kind, input.dossierIds);
      await this.audit.record(em, actorOf(p), { action: 'PROPOSAL_CREATED', entityType: 'records_proposal', entityId: proposalId, officeId: v.officeId, after: { kind: input.kind, dossierIds: input.dossierIds } });
      return proposalId;
    });
    return this.get(p, id);
  }

  async addItems(p: Principal, id: string, dossierIds: string[]) {
    if (!dossierIds.length || dossierIds.length > MAX_ITEMS_PER_REQUEST) throw field('dossierIds', `1–${MAX_ITEMS_PER_REQUEST} berkas`);
    await this.editDraft(p, id, async (em, row) => {
      await this.addDossiers(em, row.officeId, row.id, row.kind, dossierIds);
      return { action: 'PROPOSAL_ITEMS_ADDED', after: { dossierIds } };
    });
    return this.get(p, id);
  }

  async removeItem(p: Principal, id: string, dossierId: string) {
    await this.editDraft(p, id, async (em, row) => {
      const [item] = /^\d+$/.test(dossierId) ? await em.query('SELECT dossier_id FROM records_proposal_items WHERE proposal_id = ? AND dossier_id = ?', [row.id, dossierId]) : [];
      if (!item) throw notFound('Berkas dalam usulan', dossierId);
      await em.query('DELETE FROM records_proposal_items WHERE proposal_id = ? AND dossier_id = ?', [row.id, dossierId]);
      await releaseDossiers(em, [dossierId]);
      return { action: 'PROPOSAL_ITEM_REMOVED', after: { dossierId } };
    });
    return this.get(p, id);
  }

  async submit(p: Principal, id: string, version?: number) {
    await this.editDraft(p, id, async (em, row) => {
      if (version !== undefined && row.version !== version) throw versionConflict(row.version);
      if (row.kind === 'REVIEW') throw new DomainError('REVIEW_DECIDED_PER_DOSSIER', 'CONFLICT', 'Usul nilai kembali diputuskan per berkas oleh Panitia Penilai Arsip, tidak diajukan sebagai daftar');
      const [c] = await em.query('SELECT COUNT(*) AS n FROM records_proposal_items WHERE proposal_id = ?', [row.id]);
      if (!Number(c.n)) throw new DomainError('PROPOSAL_EMPTY', 'CONFLICT', 'Usulan tidak berisi berkas');
      await em.query(`UPDATE records_proposals SET status = 'SUBMITTED', sweep_draft = NULL, submitted_at = ? WHERE id = ?`, [this.clock.now(), row.id]);
      await this.notices.nextStepRequested(em, row); // PROPOSAL_APPROVAL_REQUESTED to the first step
      return { action: 'PROPOSAL_SUBMITTED', after: { status: 'SUBMITTED', items: Number(c.n) } };
    });
    const view = await this.get(p, id);
    await this.notices.settled(view.officeId, this.ds.manager);
    return view;
  }

  async cancel(p: Principal, id: string) {
    await this.editDraft(p, id, async (em, row) => {
      const items = await em.query(`SELECT dossier_id FROM records_proposal_items WHERE proposal_id = ? AND outcome = 'PENDING'`, [row.id]);
      await em.query(`UPDATE records_proposal_items SET outcome = 'REJECTED' WHERE proposal_id = ? AND outcome = 'PENDING'`, [row.id]);
      await releaseDossiers(em, items.map((i: { dossier_id: string }) => String(i.dossier_id)));
      await em.query(`UPDATE records_proposals SET status = 'CANCELLED', sweep_draft = NULL WHERE id = ?`, [row.id]);
      return { action: 'PROPOSAL_CANCELLED', after: { status: 'CANCELLED' } };
    });
    return this.get(p, id);
  }

  private async editDraft(p: Principal, id: string, work: (em: EntityManager, row: ProposalRow) => Promise<{ action: string; after: unknown }>): Promise<void> {
    const v = await this.viewers.viewerOf(p);
    await this.ds.transaction('READ COMMITTED', async (em) => {
      // first, before the proposal row: the sweep lock (see SweepService.draftsFor), so the sweep never adds to a draft leaving DRAFT
      await em.query('UPDATE records_sweep_lock SET epoch = epoch + 1 WHERE id = 1');
      const row = await this.repo.loadVisible(v, id, em, true);
      if (!isArchivistOf(v, row.officeId)) throw notAllowed('ARCHIVIST_REQUIRED', 'Usulan disusun oleh arsiparis satker');
      if (row.status !== 'DRAFT') throw wrongStatus('Usulan', row.status, ['DRAFT']);
      const { action, after } = await work(em, row);
      await em.query('UPDATE records_proposals SET version = version + 1 WHERE id = ?', [row.id]);
      await this.audit.record(em, actorOf(p), { action, entityType: 'records_proposal', entityId: row.id, officeId: row.officeId, after });
    });
  }

  /** Locks the dossiers, checks each is due for this kind of list, then adds them (taking them out of the sweep). */
  private async addDossiers(em: EntityManager, officeId: number, proposalId: string, kind: ProposalKind, dossierIds: string[]): Promise<void> {
    const ids = [...new Set(dossierIds)];
    if (ids.some((x) => !/^\d{1,19}$/.test(x))) throw field('dossierIds', 'id berkas numerik');
    const rows = await em.query(
      `SELECT d.id, d.office_id, d.status, d.active_until, d.inactive_until, d.final_action, d.hold_count, d.retention_years,
         d.open_proposal_id <> 0 AS in_open
       FROM dossiers d WHERE d.id IN (${ids.map(() => '?').join(',')}) ORDER BY d.id FOR UPDATE`,
      ids,
    );
    const byId = new Map(rows.map((r: Record<string, unknown>) => [String(r.id), r]));
    const today = this.rules.today();
    const problems: { dossierId: string; code: string; reason: string }[] = [];
    for (const id of ids) {
      const r = byId.get(id) as Record<string, unknown> | undefined;
      if (!r || Number(r.office_id) !== officeId) {
        problems.push({ dossierId: id, code: 'NOT_FOUND', reason: 'tidak ditemukan di satker ini' });
        continue;
      }
      const e = checkEligibility(kind, {
        status: r.status as never, activeUntil: toIsoDate(r.active_until), inactiveUntil: toIsoDate(r.inactive_until), finalAction: r.final_action as never,
        holdCount: Number(r.hold_count), inOpenProposal: Boolean(Number(r.in_open)),
      }, today);
      if (!e.ok) problems.push({ dossierId: id, code: e.code, reason: e.reason });
    }
    if (problems.length && problems.every((x) => x.code === 'HELD')) throw dossiersHeld(problems.map((x) => x.dossierId));
    if (problems.length) throw notEligible(problems);
    const now = this.clock.now();
    await em.query(
      `INSERT INTO records_proposal_items (proposal_id, dossier_id, outcome, retention_years, added_at) VALUES ${ids.map(() => "(?, ?, 'PENDING', ?, ?)").join(', ')}`,
      ids.flatMap((id) => [proposalId, id, Number((byId.get(id) as Record<string, unknown>).retention_years ?? 0), now]),
    );
    await em.query(`UPDATE dossiers SET sweep_due = NULL, open_proposal_id = ?${kind === 'REVIEW' ? ", status = 'REVIEW'" : ''} WHERE id IN (${ids.map(() => '?').join(',')})`, [proposalId, ...ids]);
  }

  private async assertMayView(v: RecordsViewer, officeId: number): Promise<void> {
    if (!mayViewProposal(v, officeId)) throw notAllowed('RECORDS_ROLE_REQUIRED', 'Daftar usulan hanya untuk arsiparis, pejabat penyetuju dan pimpinan satker');
  }
}

/**
 * Dossiers leaving a proposal go back to the sweep at their current due date (a REVIEW dossier back
 * to INACTIVE), or at the day a rejection keeps them out until (not_proposed_before), if later.
 */
export async function releaseDossiers(em: EntityManager, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await em.query(
    `UPDATE dossiers SET status = IF(status = 'REVIEW', 'INACTIVE', status), open_proposal_id = 0,
       sweep_due = CASE WHEN status = 'CLOSED' THEN GREATEST(active_until, COALESCE(not_proposed_before, active_until))
         WHEN status IN ('INACTIVE', 'REVIEW') THEN GREATEST(inactive_until, COALESCE(not_proposed_before, inactive_until)) ELSE NULL END
     WHERE id IN (${ids.map(() => '?').join(',')})`,
    ids,
  );
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@naskah/core';
import { AuditService, AuditEventInput } from '@naskah/audit';
import { Principal } from '@naskah/identity';
import { JobName, OutboxService } from '@naskah/queue';
import { approvalMissing, dossiersHeld, field, notAllowed, wrongStatus } from '../../records.errors';
import { actorOf, RecordsViewerService } from '../../access/records-viewer.service';
import { isArchivistOf } from '../../access/dossier-access';
import { heldAmong } from '../../holds/hold-check';
import { RecordsDocumentsService } from '../../documents/records-documents.service';
import { ProposalsRepository } from '../proposals.repository';

/**
 * Carries out an approved proposal. A transfer happens here, in one transaction: the dossiers
 * become INACTIVE at their new location and the Berita Acara Pemindahan (PDF + XLSX) is stored.
 * A destruction or handover is checked (approvals: 409 naming what is missing; holds: 409 naming
 * the held dossiers) and handed to its job.
 */
@Injectable()
export class ExecuteProposalUseCase {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: ProposalsRepository,
    private readonly viewers: RecordsViewerService,
    private readonly documents: RecordsDocumentsService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async run(p: Principal, id: string, input: { location?: string }) {
    const v = await this.viewers.viewerOf(p);
    const queued = await this.ds.transaction('READ COMMITTED', async (em) => {
      const row = await this.repo.loadVisible(v, id, em, true);
      if (!isArchivistOf(v, row.officeId)) throw notAllowed('ARCHIVIST_REQUIRED', 'Pelaksanaan usulan oleh arsiparis satker');
      const state = await this.repo.approvalState(row, em);
      if (row.status === 'SUBMITTED' || (row.status === 'DRAFT' && state.missing.length)) throw approvalMissing(state.missing);
      if (row.status !== 'APPROVED') throw wrongStatus('Usulan', row.status, ['APPROVED']);
      if (state.missing.length) throw approvalMissing(state.missing);
      const pending: string[] = (await em.query(`SELECT dossier_id FROM records_proposal_items WHERE proposal_id = ? AND outcome = 'PENDING' ORDER BY dossier_id`, [row.id])).map(
        (r: { dossier_id: string }) => String(r.dossier_id),
      );
      const now = this.clock.now();
      if (row.kind === 'TRANSFER') {
        if (!input.location?.trim()) throw field('location', 'lokasi simpan di pusat arsip (records centre) wajib diisi');
        const marks = pending.map(() => '?').join(',');
        const rows = pending.length ? await em.query(`SELECT id, status, location FROM dossiers WHERE id IN (${marks}) FOR UPDATE`, pending) : [];
        const wrong = rows.filter((r: { status: string }) => r.status !== 'CLOSED');
        if (wrong.length) throw wrongStatus('Berkas', String(wrong[0].status), ['CLOSED']);
        if (pending.length) {
          await em.query(
            `UPDATE dossiers SET status = 'INACTIVE', location = ?, transferred_at = ?, sweep_due = inactive_until, open_proposal_id = 0, version = version + 1 WHERE id IN (${marks})`,
            [input.location, now, ...pending],
          );
          await em.query(`UPDATE records_proposal_items SET outcome = 'DONE' WHERE proposal_id = ? AND outcome = 'PENDING'`, [row.id]);
        }
        await em.query(`UPDATE records_proposals SET status = 'EXECUTED', executed_at = ?, execution = ?, version = version + 1 WHERE id = ?`, [
          now, JSON.stringify({ location: input.location, dossiers: pending.length }), row.id,
        ]);
        const minutes = await this.documents.storeMinutes(em, row, 'BA_PEMINDAHAN', {
          paragraphs: [`Arsip inaktif sebanyak ${pending.length} berkas dipindahkan dari unit pengolah ke pusat arsip (unit kearsipan), lokasi simpan: ${input.location}.`],
        });
        const events: AuditEventInput[] = [
          { action: 'PROPOSAL_EXECUTED', entityType: 'records_proposal', entityId: row.id, officeId: row.officeId, after: { kind: 'TRANSFER', location: input.location, dossiers: pending, minutes: minutes.number, pdfSha256: minutes.pdf.sha256 } },
          ...rows.map((r: { id: string; location: string | null }) => ({
            action: 'DOSSIER_TRANSFERRED', entityType: 'dossier', entityId: String(r.id), officeId: row.officeId, before: { status: 'CLOSED', location: r.location }, after: { status: 'INACTIVE', location: input.location, proposalId: row.id },
          })),
        ];
        await this.audit.record(em, actorOf(p), events);
        return false;
      }
      const held = await heldAmong(em, row.officeId, pending);
      if (held.size) throw dossiersHeld([...held]);
      await em.query(`UPDATE records_proposals SET status = 'EXECUTING', version = version + 1 WHERE id = ?`, [row.id]);
      const job = row.kind === 'DESTROY' ? JobName.RECORDS_DESTROY : JobName.RECORDS_HANDOVER_PACKAGE;
      await this.outbox.add(em, job, { proposalId: row.id }, { key: row.id, requestId: p.requestId });
      await this.audit.record(em, actorOf(p), { action: 'PROPOSAL_EXECUTION_REQUESTED', entityType: 'records_proposal', entityId: row.id, officeId: row.officeId, after: { kind: row.kind, dossiers: pending.length } });
      return true;
    });
    if (queued) this.outbox.relaySoon();
    return this.repo.loadVisible(v, id);
  }
}

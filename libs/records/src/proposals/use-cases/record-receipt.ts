import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@naskah/core';
import { AuditEventInput, AuditService } from '@naskah/audit';
import { Principal } from '@naskah/identity';
import { dossiersHeld, field, notAllowed, wrongStatus } from '../../records.errors';
import { actorOf, RecordsViewerService } from '../../access/records-viewer.service';
import { isArchivistOf } from '../../access/dossier-access';
import { heldAmong } from '../../holds/hold-check';
import { isIsoDate } from '../../retention/calendar';
import { ProposalsRepository } from '../proposals.repository';

export interface ReceiptInput {
  archiveName: string;
  receiptNumber: string;
  receivedOn: string;
  receivedByName: string;
  note?: string;
}

/**
 * Records the archive's receipt (tanda terima) of a packaged handover: only then do its dossiers
 * become HANDED_OVER. Holds are re-checked in the same transaction; a held dossier refuses the
 * whole receipt (409) and nothing changes.
 */
@Injectable()
export class RecordReceiptUseCase {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: ProposalsRepository,
    private readonly viewers: RecordsViewerService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async run(p: Principal, id: string, input: ReceiptInput) {
    if (!isIsoDate(input.receivedOn)) throw field('receivedOn', 'tanggal YYYY-MM-DD');
    const v = await this.viewers.viewerOf(p);
    await this.ds.transaction('READ COMMITTED', async (em) => {
      const row = await this.repo.loadVisible(v, id, em, true);
      if (!isArchivistOf(v, row.officeId)) throw notAllowed('ARCHIVIST_REQUIRED', 'Tanda terima dicatat oleh arsiparis satker');
      if (row.kind !== 'HANDOVER' || row.status !== 'PACKAGED') throw wrongStatus('Usulan', row.status, ['PACKAGED']);
      const ids: string[] = (await em.query(`SELECT dossier_id FROM records_proposal_items WHERE proposal_id = ? AND outcome = 'PENDING' ORDER BY dossier_id`, [row.id])).map(
        (r: { dossier_id: string }) => String(r.dossier_id),
      );
      const held = await heldAmong(em, row.officeId, ids);
      if (held.size) throw dossiersHeld([...held]);
      const now = this.clock.now();
      const [pkg] = await em.query(`SELECT sha256 FROM records_minutes WHERE proposal_id = ? AND kind = 'HANDOVER_PACKAGE'`, [row.id]);
      if (ids.length) {
        const marks = ids.map(() => '?').join(',');
        await em.query(`SELECT id FROM dossiers WHERE id IN (${marks}) FOR UPDATE`, ids);
        await em.query(`UPDATE dossiers SET status = 'HANDED_OVER', handed_over_at = ?, sweep_due = NULL, open_proposal_id = 0, version = version + 1 WHERE id IN (${marks}) AND status = 'INACTIVE'`, [now, ...ids]);
        await em.query(`UPDATE records_proposal_items SET outcome = 'DONE' WHERE proposal_id = ? AND outcome = 'PENDING'`, [row.id]);
      }
      await em.query(
        `INSERT INTO records_handover_receipts (proposal_id, archive_name, receipt_number, received_on, received_by_name, note, package_sha256, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [row.id, input.archiveName, input.receiptNumber, input.receivedOn, input.receivedByName, input.note ?? null, pkg?.sha256 ?? '', p.userId, now],
      );
      await em.query(`UPDATE records_proposals SET status = 'EXECUTED', executed_at = ?, version = version + 1 WHERE id = ?`, [now, row.id]);
      const events: AuditEventInput[] = [
        { action: 'HANDOVER_RECEIPT_RECORDED', entityType: 'records_proposal', entityId: row.id, officeId: row.officeId, after: { ...input, packageSha256: pkg?.sha256 ?? null, dossiers: ids } },
        ...ids.map((d) => ({ action: 'DOSSIER_HANDED_OVER', entityType: 'dossier', entityId: d, officeId: row.officeId, before: { status: 'INACTIVE' }, after: { status: 'HANDED_OVER', proposalId: row.id, archive: input.archiveName, receiptNumber: input.receiptNumber } })),
      ];
      await this.audit.record(em, actorOf(p), events);
    });
    return this.repo.loadVisible(v, id);
  }
}

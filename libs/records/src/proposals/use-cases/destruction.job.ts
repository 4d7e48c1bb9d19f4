import { Injectable, Logger } from '@nestjs/common';
import { Matches } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@naskah/core';
import { AuditEventInput, AuditService, canonicalJson, SYSTEM_ACTOR } from '@naskah/audit';
import { JobHandler, JobName } from '@naskah/queue';
import { FilesService, sha256Hex } from '@naskah/storage';
import { LetterHoldingsService } from '@naskah/correspondence';
import { DispositionRecordsService } from '@naskah/disposition';
import { heldAmong } from '../../holds/hold-check';
import { RecordsDocumentsService } from '../../documents/records-documents.service';
import { ProposalsRepository } from '../proposals.repository';
import { DossierManifest, destroyDossierContent } from './destroy-content';

export class ProposalJobPayload {
  @Matches(/^\d{1,19}$/)
  proposalId: string;
}

/**
 * Executes an approved destruction (pemusnahan) in batches. Each batch is one transaction that
 * re-checks holds (hold-check.ts) on its locked dossiers before destroying anything: a dossier held
 * by then is skipped and stays intact, whatever happened since the proposal was approved. At the
 * end the Berita Acara Pemusnahan (PDF + XLSX) and the SHA-256 manifest of what was destroyed are
 * stored and the proposal is EXECUTED. A replay continues with the items still pending.
 * File bytes are removed from storage after each batch has committed (FilesService.purgeDestroyed),
 * never inside it, so a batch that rolls back destroys nothing; a crash between a commit and the
 * purge is made good by the next run of this job (any proposal) or of the daily sweep.
 */
@Injectable()
export class DestructionJob {
  static batchSize = 50;
  /** Test seam: awaited before each batch (index from 0). */
  static beforeBatch: ((index: number, proposalId: string) => Promise<void>) | null = null;
  /** Test seam: awaited at the end of each batch's transaction, before it commits (index from 0). */
  static beforeCommit: ((index: number, proposalId: string) => Promise<void>) | null = null;
  private readonly logger = new Logger('DestructionJob');

  constructor(
    private readonly ds: DataSource,
    private readonly repo: ProposalsRepository,
    private readonly files: FilesService,
    private readonly documents: RecordsDocumentsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly holdings: LetterHoldingsService,
    private readonly dispositionRecords: DispositionRecordsService,
  ) {}

  @JobHandler(JobName.RECORDS_DESTROY, ProposalJobPayload)
  async run({ proposalId }: ProposalJobPayload): Promise<unknown> {
    await this.purge(); // whatever an earlier run committed but could not purge
    const p = await this.repo.find(proposalId);
    if (!p || p.kind !== 'DESTROY') return { skipped: 'not a destruction proposal' };
    if (p.status !== 'EXECUTING') return { skipped: `status ${p.status}` };
    for (let index = 0; ; index++) {
      await DestructionJob.beforeBatch?.(index, proposalId);
      const n = await this.ds.transaction('READ COMMITTED', async (em) => {
        const count = await this.batch(em, proposalId, p.officeId);
        await DestructionJob.beforeCommit?.(index, proposalId);
        return count;
      });
      await this.purge();
      if (n < DestructionJob.batchSize) break;
    }
    return this.ds.transaction('READ COMMITTED', (em) => this.finish(em, proposalId));
  }

  /** Removes the bytes of committed destructions; a storage or database failure is logged, never fails the job (the next run retries). */
  private purge(): Promise<unknown> {
    return this.files.purgeDestroyed().catch((err) => this.logger.error({ err: (err as Error).message }, 'purge of destroyed files failed; retried later'));
  }

  private async batch(em: EntityManager, proposalId: string, officeId: number): Promise<number> {
    const ids: string[] = (await em.query(
      `SELECT dossier_id FROM records_proposal_items WHERE proposal_id = ? AND outcome = 'PENDING' ORDER BY dossier_id LIMIT ?`,
      [proposalId, DestructionJob.batchSize],
    )).map((r: { dossier_id: string }) => String(r.dossier_id));
    if (!ids.length) return 0;
    const held = await heldAmong(em, officeId, ids); // shares the office's hold epoch first: a hold placed before this point is seen
    const rows = await em.query(`SELECT * FROM dossiers WHERE id IN (${ids.map(() => '?').join(',')}) ORDER BY id FOR UPDATE`, ids);
    const now = this.clock.now();
    const events: AuditEventInput[] = [];
    for (const d of rows) {
      const id = String(d.id);
      if (held.has(id) || d.status !== 'INACTIVE') {
        const outcome = held.has(id) ? 'SKIPPED_HELD' : 'REJECTED';
        await em.query(`UPDATE records_proposal_items SET outcome = ? WHERE proposal_id = ? AND dossier_id = ?`, [outcome, proposalId, id]);
        await em.query(`UPDATE dossiers SET open_proposal_id = 0, sweep_due = IF(status = 'INACTIVE', inactive_until, sweep_due) WHERE id = ? AND open_proposal_id = ?`, [id, proposalId]);
        events.push({ action: 'DOSSIER_DESTRUCTION_SKIPPED', entityType: 'dossier', entityId: id, officeId, after: { proposalId, reason: held.has(id) ? 'HELD' : `status ${d.status}` } });
        continue;
      }
      const { manifest, manifestSha256 } = await destroyDossierContent(em, { holdings: this.holdings, dispositionRecords: this.dispositionRecords }, d, proposalId, now);
      await em.query(`UPDATE dossiers SET status = 'DESTROYED', destroyed_at = ?, sweep_due = NULL, open_proposal_id = 0, version = version + 1 WHERE id = ?`, [now, id]);
      await em.query(`UPDATE records_proposal_items SET outcome = 'DONE' WHERE proposal_id = ? AND dossier_id = ?`, [proposalId, id]);
      events.push({ action: 'DOSSIER_DESTROYED', entityType: 'dossier', entityId: id, officeId, before: { status: 'INACTIVE' }, after: { status: 'DESTROYED', proposalId, manifestSha256, files: manifest.files.filter((f) => f.destroyed).length, blankedLetters: manifest.blankedLetters, retainedLetters: manifest.retained.map((r) => r.letterId) } });
      for (const f of manifest.retained) events.push({ action: 'LETTER_COPY_DESTROYED', entityType: 'letter', entityId: f.letterId, officeId, after: { dossierId: id, proposalId, otherHolders: f.otherHolders } });
      for (const l of manifest.blankedLetters) events.push({ action: 'LETTER_CONTENT_DESTROYED', entityType: 'letter', entityId: l, officeId, after: { dossierId: id, proposalId } });
    }
    if (events.length) await this.audit.record(em, SYSTEM_ACTOR, events);
    return ids.length;
  }

  private async finish(em: EntityManager, proposalId: string) {
    const p = await this.repo.find(proposalId, em, true);
    if (!p || p.status !== 'EXECUTING') return { skipped: `status ${p?.status}` };
    const tombs = await em.query('SELECT dossier_id, manifest, manifest_sha256 FROM records_tombstones WHERE proposal_id = ? ORDER BY dossier_id', [proposalId]);
    const skipped = (await em.query(`SELECT dossier_id FROM records_proposal_items WHERE proposal_id = ? AND outcome = 'SKIPPED_HELD' ORDER BY dossier_id`, [proposalId])).map(
      (r: { dossier_id: string }) => String(r.dossier_id),
    );
    const manifests: (DossierManifest & { manifestSha256: string })[] = tombs.map((t: Record<string, unknown>) => ({
      ...(typeof t.manifest === 'string' ? JSON.parse(t.manifest) : t.manifest), manifestSha256: String(t.manifest_sha256),
    }));
    const now = this.clock.now();
    const manifest = { proposalId, destroyedAt: now.toISOString(), dossiers: manifests };
    const manifestJson = canonicalJson(manifest);
    const digest = sha256Hex(Buffer.from(manifestJson, 'utf8'));
    const lines = manifests.flatMap((m) => m.files.filter((f) => f.destroyed !== false).map((f) => `${f.sha256}  berkas-${m.dossierId}/naskah-${f.letterId}/${f.name}`));
    const retained = manifests.reduce((n, m) => n + (m.retained?.length ?? 0), 0);
    let minutes: { number: string; pdfSha256: string } | null = null;
    if (manifests.length) {
      await this.documents.store(em, proposalId, 'MANIFEST', 'JSON', null, Buffer.from(manifestJson, 'utf8'), `manifest-pemusnahan-${proposalId}.json`);
      const m = await this.documents.storeMinutes(em, p, 'BA_PEMUSNAHAN', {
        paragraphs: [
          `Arsip sebanyak ${manifests.length} berkas telah dimusnahkan secara total sehingga fisik dan informasinya tidak dapat dikenali lagi; ${lines.length} berkas digital dihapus dari penyimpanan dan isi naskah dikosongkan. Metadata disimpan sebagai tombstone.`,
          ...(retained
            ? [`Sebanyak ${retained} naskah dalam berkas tersebut masih menjadi arsip kantor lain (pengirim atau penerima), sehingga isi bersamanya tetap disimpan untuk kantor tersebut; salinan dan akses kantor ini telah diakhiri.`]
            : []),
          ...(skipped.length ? [`Berkas yang sedang dibekukan (hold) tidak dimusnahkan: ${skipped.join(', ')}.`] : []),
        ],
        manifest: { digest, lines: lines.length ? lines : ['(tidak ada berkas digital)'] },
      });
      minutes = { number: m.number, pdfSha256: m.pdf.sha256 };
    }
    await em.query(`UPDATE records_proposals SET status = 'EXECUTED', executed_at = ?, execution = ?, version = version + 1 WHERE id = ?`, [
      now, JSON.stringify({ destroyed: manifests.length, skippedHeld: skipped, manifestSha256: digest, minutes: minutes?.number ?? null }), proposalId,
    ]);
    await this.audit.record(em, SYSTEM_ACTOR, {
      action: 'PROPOSAL_EXECUTED', entityType: 'records_proposal', entityId: proposalId, officeId: p.officeId,
      after: { kind: 'DESTROY', destroyed: manifests.map((m) => m.dossierId), skippedHeld: skipped, manifestSha256: digest, minutes },
    });
    this.logger.log({ proposalId, destroyed: manifests.length, skippedHeld: skipped.length }, 'destruction executed');
    return { destroyed: manifests.length, skippedHeld: skipped, manifestSha256: digest };
  }
}

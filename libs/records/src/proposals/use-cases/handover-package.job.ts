import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, DomainError } from '@naskah/core';
import { AuditService, SYSTEM_ACTOR } from '@naskah/audit';
import { JobHandler, JobName } from '@naskah/queue';
import { FilesService } from '@naskah/storage';
import { heldAmong } from '../../holds/hold-check';
import { toIsoDate } from '../../retention/calendar';
import { csvField } from '../../schedule/jra-csv';
import { RecordsDocumentsService } from '../../documents/records-documents.service';
import { dataEntry, fileEntry, handoverZip, HandoverEntry } from '../../documents/handover-zip';
import { ProposalsRepository } from '../proposals.repository';
import { ProposalJobPayload } from './destruction.job';
import { DispositionRecordsService } from '@naskah/disposition';

const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120) || 'berkas';

/**
 * Builds the handover package (paket penyerahan arsip statis) of an approved handover: metadata as
 * JSON and CSV, every file of every record (checked against its SHA-256 on the way), the Berita
 * Acara Penyerahan, and a SHA-256 manifest of all of it, zipped and stored. The zip is streamed
 * into storage: each file is read from storage only when its turn comes, so the package of a dossier
 * set of any size (gigabytes) never sits in memory. The dossiers become
 * HANDED_OVER only when the archive's receipt is recorded. Held dossiers are left out.
 */
@Injectable()
export class HandoverPackageJob {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: ProposalsRepository,
    private readonly files: FilesService,
    private readonly documents: RecordsDocumentsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly dispositionRecords: DispositionRecordsService,
  ) {}

  @JobHandler(JobName.RECORDS_HANDOVER_PACKAGE, ProposalJobPayload)
  async run({ proposalId }: ProposalJobPayload): Promise<unknown> {
    return this.ds.transaction('READ COMMITTED', async (em) => {
      const p = await this.repo.find(proposalId, em, true);
      if (!p || p.kind !== 'HANDOVER') return { skipped: 'not a handover proposal' };
      if (p.status !== 'EXECUTING') return { skipped: `status ${p.status}` };
      const pendingIds: string[] = (await em.query(`SELECT dossier_id FROM records_proposal_items WHERE proposal_id = ? AND outcome = 'PENDING'`, [proposalId])).map((r: { dossier_id: string }) => String(r.dossier_id));
      const held = await heldAmong(em, p.officeId, pendingIds);
      for (const id of held) {
        await em.query(`UPDATE records_proposal_items SET outcome = 'SKIPPED_HELD' WHERE proposal_id = ? AND dossier_id = ?`, [proposalId, id]);
        await em.query('UPDATE dossiers SET sweep_due = inactive_until, open_proposal_id = 0 WHERE id = ?', [id]);
      }
      const items = (await this.repo.items(proposalId, em)).filter((i: { outcome: string }) => i.outcome === 'PENDING');
      const now = this.clock.now();
      const office = await this.documents.office(em, p.officeId);
      const entries: HandoverEntry[] = [];
      const dossiers = [];
      const csv = [['berkas_id', 'kode_klasifikasi', 'uraian_berkas', 'kurun_waktu', 'naskah_id', 'nomor', 'tanggal', 'perihal', 'jenis', 'keamanan', 'berkas_digital'].join(',')];
      for (const d of items) {
        const records = await this.records(em, d.dossierId);
        const out = [];
        for (const r of records) {
          const dir = `berkas/berkas-${d.dossierId}/naskah-${r.letterId}`;
          const paths: { path: string; sha256: string; sizeBytes: number; name: string }[] = [];
          for (const f of r.fileIds) {
            const file = await this.readable(f, em);
            const path = `${dir}/${file.id}-${safe(file.originalName)}`;
            entries.push(fileEntry(this.files, em, file, path, now));
            paths.push({ path, sha256: file.sha256, sizeBytes: file.sizeBytes, name: file.originalName });
          }
          const dispositions = await this.dispositionRecords.recordOf(r.letterId, p.officeId, em);
          for (const f of dispositions.flatMap((x) => [...x.fileIds, ...x.followUps.flatMap((u) => u.fileIds)])) {
            const file = await this.readable(f, em);
            const path = `${dir}/disposisi/${file.id}-${safe(file.originalName)}`;
            entries.push(fileEntry(this.files, em, file, path, now));
            paths.push({ path, sha256: file.sha256, sizeBytes: file.sizeBytes, name: file.originalName });
          }
          if (r.body) {
            const data = Buffer.from(r.body, 'utf8');
            const entry = dataEntry(`${dir}/isi.txt`, data, now);
            entries.push(entry);
            paths.push({ path: entry.name, sha256: entry.sha256, sizeBytes: data.length, name: 'isi.txt' });
          }
          out.push({ ...r.meta, dispositions, files: paths });
          csv.push([d.dossierId, d.classificationCode, d.title, `${d.periodStart}${d.periodEnd ? ` s.d. ${d.periodEnd}` : ''}`, r.letterId, r.meta.number, r.meta.date, r.meta.subject, r.meta.typeCode, r.meta.securityClass, paths.map((x) => x.path).join(';')].map(csvField).join(','));
        }
        dossiers.push({ ...d, records: out });
      }
      const minutes = await this.documents.storeMinutes(em, p, 'BA_PENYERAHAN', {
        paragraphs: [`${office.name} menyerahkan arsip statis sebanyak ${items.length} berkas kepada lembaga kearsipan beserta paket digitalnya (metadata JSON dan CSV, berkas digital, manifes SHA-256).`],
        afterTable: ['Arsip dinyatakan telah diserahkan setelah tanda terima dari lembaga kearsipan dicatat.'], items,
      });
      const metadata = { proposalId, office, createdAt: now.toISOString(), beritaAcara: minutes.number, dossiers };
      entries.push(dataEntry('metadata.json', Buffer.from(JSON.stringify(metadata, null, 2), 'utf8'), now));
      entries.push(dataEntry('metadata.csv', Buffer.from(`${csv.join('\n')}\n`, 'utf8'), now));
      entries.push(dataEntry(`berita-acara-penyerahan-${proposalId}.pdf`, minutes.pdf.data, now));
      const stored = await this.documents.storeStream(em, proposalId, 'HANDOVER_PACKAGE', 'ZIP', minutes.number, () => handoverZip(entries, now), `paket-penyerahan-${proposalId}.zip`);
      await em.query(`UPDATE records_proposals SET status = 'PACKAGED', execution = ?, version = version + 1 WHERE id = ?`, [
        JSON.stringify({ packageSha256: stored.sha256, dossiers: items.length, files: entries.length + 1, skippedHeld: [...held] }), proposalId,
      ]);
      await this.audit.record(em, SYSTEM_ACTOR, {
        action: 'HANDOVER_PACKAGED', entityType: 'records_proposal', entityId: proposalId, officeId: p.officeId,
        after: { packageSha256: stored.sha256, dossiers: items.map((i) => i.dossierId), skippedHeld: [...held], minutes: minutes.number },
      });
      return { packageSha256: stored.sha256, dossiers: items.length };
    });
  }

  /** A file's record, refused as files.read() refuses it when it was destroyed (its bytes are streamed later, checked). */
  private async readable(id: string, em: EntityManager) {
    const file = await this.files.find(id, em);
    if (file.deletedAt) throw new DomainError('FILE_DESTROYED', 'NOT_FOUND', 'Berkas telah dimusnahkan (file destroyed)');
    return file;
  }

  private async records(em: EntityManager, dossierId: string) {
    const rows = await em.query(
      `SELECT i.letter_id, i.kind, i.delivery_id, l.number, l.subject, l.type_code, l.security_class, l.classification_code, l.body, l.document_file_id,
         COALESCE(l.signed_at, l.sent_at, l.created_at) AS letter_date, l.external_sender, l.external_number
       FROM dossier_items i JOIN letters l ON l.id = i.letter_id WHERE i.dossier_id = ? ORDER BY i.id`,
      [dossierId],
    );
    const out = [];
    for (const r of rows) {
      const att = await em.query('SELECT file_id FROM letter_attachments WHERE letter_id = ? ORDER BY file_id', [r.letter_id]);
      out.push({
        letterId: String(r.letter_id), body: (r.body as string | null) ?? null,
        fileIds: [...(r.document_file_id ? [String(r.document_file_id)] : []), ...att.map((a: { file_id: string }) => String(a.file_id))],
        meta: {
          letterId: String(r.letter_id), kind: r.kind, deliveryId: r.delivery_id === null ? null : String(r.delivery_id), number: r.number ?? null, subject: r.subject,
          typeCode: r.type_code, securityClass: r.security_class, classificationCode: r.classification_code ?? null, date: toIsoDate(r.letter_date),
          externalSender: r.external_sender ?? null, externalNumber: r.external_number ?? null,
        },
      });
    }
    return out;
  }
}

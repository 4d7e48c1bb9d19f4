import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, conflict, forbidden, notFound } from '@naskah/core';
import { AuditService } from '@naskah/audit';
import { Principal } from '@naskah/identity';
import { FilesService, StoredFile } from '@naskah/storage';
import { LetterAccessService } from '../access/letter-access.service';
import { sniffScannedFile } from '../inbox/scanned-file';
import { actorFor } from './letters.service';

const EDITABLE = ['DRAFT', 'RETURNED'];
const MAX_ATTACHMENTS = 20;

/** Attachments of a draft: type sniffed from content, size limited, SHA-256 recorded; downloads follow the letter's access rule. */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: LetterAccessService,
    private readonly files: FilesService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async add(p: Principal, letterId: string, data: Buffer, filename: string): Promise<StoredFile> {
    const viewer = await this.access.viewerOf(p);
    await this.access.assertVisible(letterId, viewer);
    const type = await sniffScannedFile(data, this.config.UPLOAD_MAX_BYTES);
    return this.ds.transaction(async (em) => {
      const [l] = await em.query('SELECT status, drafter_position_id, office_id FROM letters WHERE id = ? FOR UPDATE', [letterId]);
      if (!viewer.positionIds.includes(Number(l.drafter_position_id))) throw forbidden('NOT_THE_DRAFTER', 'Hanya konseptor naskah ini yang dapat menambah lampiran');
      if (!EDITABLE.includes(l.status)) throw conflict('LETTER_NOT_EDITABLE', `Naskah berstatus ${l.status} tidak dapat diubah`, { status: l.status });
      const [c] = await em.query('SELECT COUNT(*) AS n FROM letter_attachments WHERE letter_id = ?', [letterId]);
      if (Number(c.n) >= MAX_ATTACHMENTS) throw conflict('TOO_MANY_ATTACHMENTS', `Lampiran paling banyak ${MAX_ATTACHMENTS} berkas`);
      const safeName = filename.replace(/[\\/\r\n"]/g, '_').slice(0, 200) || `lampiran.${type.ext}`;
      const file = await this.files.store(em, data, { originalName: safeName, mime: type.mime, createdBy: p.userId });
      await em.query('INSERT INTO letter_attachments (letter_id, file_id, added_by) VALUES (?, ?, ?)', [letterId, file.id, p.userId]);
      await em.query('UPDATE letters SET version = version + 1 WHERE id = ?', [letterId]);
      await this.audit.record(em, actorFor(p), { action: 'ATTACHMENT_ADDED', entityType: 'letter', entityId: letterId, officeId: Number(l.office_id), after: { fileId: file.id, name: safeName, sha256: file.sha256, sizeBytes: file.sizeBytes, mime: type.mime } });
      return file;
    });
  }

  async remove(p: Principal, letterId: string, fileId: string): Promise<void> {
    const viewer = await this.access.viewerOf(p);
    await this.access.assertVisible(letterId, viewer);
    await this.ds.transaction(async (em) => {
      const [l] = await em.query('SELECT status, drafter_position_id, office_id FROM letters WHERE id = ? FOR UPDATE', [letterId]);
      if (!viewer.positionIds.includes(Number(l.drafter_position_id))) throw forbidden('NOT_THE_DRAFTER', 'Hanya konseptor naskah ini yang dapat menghapus lampiran');
      if (!EDITABLE.includes(l.status)) throw conflict('LETTER_NOT_EDITABLE', `Naskah berstatus ${l.status} tidak dapat diubah`, { status: l.status });
      const res = await em.query('DELETE FROM letter_attachments WHERE letter_id = ? AND file_id = ?', [letterId, fileId]);
      if (!res.affectedRows) throw notFound('Lampiran', fileId, 'ATTACHMENT');
      await em.query('UPDATE letters SET version = version + 1 WHERE id = ?', [letterId]);
      await this.audit.record(em, actorFor(p), { action: 'ATTACHMENT_REMOVED', entityType: 'letter', entityId: letterId, officeId: Number(l.office_id), after: { fileId } });
    });
  }

  /** The bytes of an attachment (checked against their SHA-256) for someone who may see the letter. */
  async download(p: Principal, letterId: string, fileId: string): Promise<{ file: StoredFile; data: Buffer }> {
    await this.access.assertVisible(letterId, await this.access.viewerOf(p));
    const [link] = /^\d+$/.test(fileId) ? await this.ds.query('SELECT file_id FROM letter_attachments WHERE letter_id = ? AND file_id = ?', [letterId, fileId]) : [];
    if (!link) throw notFound('Lampiran', fileId, 'ATTACHMENT');
    return this.files.read(fileId);
  }
}

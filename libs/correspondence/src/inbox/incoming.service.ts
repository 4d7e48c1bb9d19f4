import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, DomainError, forbidden } from '@naskah/core';
import { AuditService } from '@naskah/audit';
import { inTransaction } from '@naskah/db';
import { Principal } from '@naskah/identity';
import { OutboxService } from '@naskah/queue';
import { FilesService } from '@naskah/storage';
import { LetterAccessService } from '../access/letter-access.service';
import { createTransmission } from '../dispatch/transmissions';
import { assertDirectDelivery } from '../dispatch/route-judge';
import { sniffScannedFile } from './scanned-file';

export interface RegisterIncomingInput {
  /** Sending organisation (instansi pengirim). */
  senderName: string;
  /** Their number and date. */
  externalNumber: string;
  externalDate: string;
  subject: string;
  summary?: string;
  typeCode?: string;
  urgency: 'BIASA' | 'SEGERA' | 'AMAT_SEGERA';
  securityClass: 'B' | 'T' | 'R' | 'SR';
  classificationCode?: string;
  /** The position of the registrar's own office that receives it. */
  toPositionId: number;
  /** Copies, also positions of the registrar's office. */
  ccPositionIds?: number[];
}

export interface UploadedScan {
  data: Buffer;
  filename: string;
}

const field = (f: string, reason: string, kind: 'VALIDATION' | 'UNPROCESSABLE' = 'UNPROCESSABLE', code = 'INVALID_RECIPIENT') =>
  new DomainError(code, kind, `${f}: ${reason}`, { fields: [{ field: f, reason }] });

/**
 * Registers an external incoming letter (paper or e-mail, scanned) and delivers it to positions of
 * the registrar's own office through the same dispatch job as any other letter.
 */
@Injectable()
export class IncomingService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: LetterAccessService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly files: FilesService,
    private readonly config: AppConfig,
  ) {}

  async register(p: Principal, dto: RegisterIncomingInput, file?: UploadedScan) {
    if (!p.roles.includes('REGISTRAR') || !p.positionId || !p.officeId) throw forbidden('ROLE_REQUIRED', 'Hanya pencatat surat (registrar) yang dapat mencatat surat masuk');
    const type = file ? await sniffScannedFile(file.data, this.config.UPLOAD_MAX_BYTES) : null;
    const targets = [{ kind: 'TO' as const, positionId: dto.toPositionId, field: 'toPositionId' }, ...(dto.ccPositionIds ?? []).map((id, i) => ({ kind: 'CC' as const, positionId: id, field: `ccPositionIds.${i}` }))];
    const result = await inTransaction(this.ds, async (em) => {
      const rows: { id: number; office_id: number }[] = await em.query(`SELECT id, office_id FROM positions WHERE is_active = 1 AND id IN (${targets.map(() => '?').join(', ')})`, targets.map((t) => t.positionId));
      const officeOf = new Map(rows.map((r) => [Number(r.id), Number(r.office_id)]));
      for (const t of targets) {
        const officeId = officeOf.get(t.positionId);
        if (officeId === undefined) throw field(t.field, 'jabatan tidak ditemukan (unknown position)');
        await assertDirectDelivery(em, p.officeId!, officeId);
        if (officeId !== p.officeId) throw field(t.field, 'surat masuk hanya dapat diteruskan ke jabatan di satker pencatat sendiri (position must be in your own office)');
      }
      const typeCode = dto.typeCode ?? 'SD';
      const [knownType] = await em.query('SELECT code FROM letter_types WHERE code = ?', [typeCode]);
      if (!knownType) throw field('typeCode', `jenis naskah "${typeCode}" tidak dikenal`, 'VALIDATION', 'UNKNOWN_LETTER_TYPE');
      if (dto.classificationCode) {
        const [known] = await em.query('SELECT code FROM classifications WHERE code = ?', [dto.classificationCode]);
        if (!known) throw field('classificationCode', `kode klasifikasi "${dto.classificationCode}" tidak dikenal`, 'VALIDATION', 'UNKNOWN_CLASSIFICATION');
      }
      const stored = file && type ? await this.files.store(em, file.data, { originalName: file.filename || `scan.${type.ext}`, mime: type.mime, createdBy: p.userId }) : null;
      const res = await em.query(
        `INSERT INTO letters (origin, office_id, drafter_user_id, drafter_position_id, type_code, subject, summary, security_class, urgency, classification_code,
           status, sent_at, external_sender, external_number, external_date, document_file_id, document_sha256)
         VALUES ('EXTERNAL', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'SENT', CURRENT_TIMESTAMP(3), ?, ?, ?, ?, ?)`,
        [p.officeId, p.userId, p.positionId, typeCode, dto.subject, dto.summary ?? null, dto.securityClass, dto.urgency, dto.classificationCode ?? null,
          dto.senderName, dto.externalNumber, dto.externalDate, stored?.id ?? null, stored?.sha256 ?? null],
      );
      const letterId = String(res.insertId);
      await em.query(
        `INSERT INTO letter_recipients (letter_id, kind, ordinal, office_id, position_id) VALUES ${targets.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
        targets.flatMap((t, i) => [letterId, t.kind, i + 1, null, t.positionId]),
      );
      const transmissionId = await createTransmission(em, this.outbox, {
        letterId, kind: 'REGISTER', fromOfficeId: p.officeId!, fromPositionId: p.positionId, byUserId: p.userId, byCapacity: 'SENDIRI',
        targets: targets.map((t) => ({ kind: t.kind, officeId: p.officeId!, positionId: t.positionId, toBeForwarded: false, finalOfficeId: null, finalPositionId: null })),
        requestId: p.requestId ?? null,
      });
      await this.access.grant(em, letterId, [{ positionId: p.positionId!, reason: 'REGISTRAR' }, ...targets.map((t) => ({ positionId: t.positionId, reason: 'ADDRESSEE' as const }))]);
      await this.audit.record(em, { userId: p.userId, positionId: p.positionId, capacity: 'SENDIRI', requestId: p.requestId ?? null }, {
        action: 'LETTER_REGISTERED', entityType: 'letter', entityId: letterId, officeId: p.officeId,
        after: { senderName: dto.senderName, externalNumber: dto.externalNumber, externalDate: dto.externalDate, transmissionId, to: targets.map((t) => t.positionId), fileSha256: stored?.sha256 ?? null },
      });
      return { letterId, transmissionId, file: stored ? { id: stored.id, sha256: stored.sha256, mime: stored.mime, sizeBytes: stored.sizeBytes } : null };
    });
    this.outbox.relaySoon();
    return result;
  }
}

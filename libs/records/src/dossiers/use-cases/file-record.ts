import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, DomainError, notFound } from '@naskah/core';
import { AuditService } from '@naskah/audit';
import { isDuplicateKey } from '@naskah/db';
import { Principal } from '@naskah/identity';
import { LetterAccessService, SecurityClass } from '@naskah/correspondence';
import { field, notAllowed, wrongStatus } from '../../records.errors';
import { actorOf, RecordsViewerService } from '../../access/records-viewer.service';
import { higherClass, isArchivistOf, mayFileInto, mayReadItemContent, RecordsViewer } from '../../access/dossier-access';
import { DossiersRepository, toDossierRow, DOSSIER_COLS } from '../dossiers.repository';
import { codesFitting, rankSuggestions } from '../dossier-suggestion';

export interface RecordRef {
  letterId?: string;
  deliveryId?: string;
}

interface ResolvedRecord {
  kind: 'OUTGOING' | 'INCOMING';
  letterId: string;
  deliveryId: string | null;
  officeId: number;
  classificationCode: string | null;
  securityClass: SecurityClass;
  /** The unit the record came from (drafter) or went to (recipient), to rank suggestions. */
  unitId: number | null;
}

const FINAL_LETTER = ['SIGNED', 'SENT'];

/** A record's classification fits a dossier when it is the dossier's code or below it; an unclassified record takes the dossier's. */
export function classificationFits(recordCode: string | null, dossierCode: string): boolean {
  return recordCode === null || recordCode === dossierCode || recordCode.startsWith(`${dossierCode}.`);
}

/** Filing records (outgoing letters, received deliveries with their attachments) into dossiers, and suggesting one. */
@Injectable()
export class FileRecordUseCase {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: DossiersRepository,
    private readonly viewers: RecordsViewerService,
    private readonly access: LetterAccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async file(p: Principal, dossierId: string, ref: RecordRef): Promise<{ itemId: string; dossierId: string; kind: string; letterId: string }> {
    const v = await this.viewers.viewerOf(p);
    return this.ds.transaction('READ COMMITTED', async (em) => {
      const d = await this.repo.loadVisible(v, dossierId, em, true);
      if (!mayFileInto(v, d)) throw notAllowed('DOSSIER_FILE_FORBIDDEN', 'Hanya arsiparis satker atau jabatan pada unit berkas ini yang dapat memberkaskan');
      if (d.status !== 'ACTIVE') throw wrongStatus('Berkas', d.status, ['ACTIVE']);
      const rec = await this.resolve(v, d.officeId, ref, em);
      if (rec.kind === 'OUTGOING') {
        const [l] = await em.query('SELECT status FROM letters WHERE id = ?', [rec.letterId]);
        if (!FINAL_LETTER.includes(l.status)) throw new DomainError('LETTER_NOT_FINAL', 'CONFLICT', `Naskah berstatus ${l.status}; hanya naskah yang sudah ditandatangani yang diberkaskan`, { status: l.status });
      }
      if (!classificationFits(rec.classificationCode, d.classificationCode)) {
        throw new DomainError('CLASSIFICATION_MISMATCH', 'UNPROCESSABLE',
          `Kode klasifikasi naskah ${rec.classificationCode} tidak sesuai dengan berkas ${d.classificationCode} (incompatible classification)`,
          { letterClassification: rec.classificationCode, dossierClassification: d.classificationCode, fields: [{ field: ref.deliveryId ? 'deliveryId' : 'letterId', reason: 'classification mismatch' }] });
      }
      const res = await em
        .query('INSERT INTO dossier_items (dossier_id, office_id, kind, letter_id, delivery_id, filed_by, filed_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
          d.id, d.officeId, rec.kind, rec.letterId, rec.deliveryId, p.userId, this.clock.now(),
        ])
        .catch(async (err) => {
          if (!isDuplicateKey(err, 'uq_dossier_items_office_letter')) throw err;
          const [other] = await em.query('SELECT dossier_id FROM dossier_items WHERE office_id = ? AND letter_id = ?', [d.officeId, rec.letterId]);
          throw new DomainError('ALREADY_FILED', 'CONFLICT', `Naskah ini sudah diberkaskan di berkas ${other?.dossier_id ?? '?'}`, { dossierId: other ? String(other.dossier_id) : null });
        });
      const security = higherClass(d.securityClass, rec.securityClass);
      await em.query('UPDATE dossiers SET item_count = item_count + 1, security_class = ?, version = version + 1 WHERE id = ?', [security, d.id]);
      const itemId = String(res.insertId);
      await this.audit.record(em, actorOf(p), [
        { action: 'DOSSIER_RECORD_FILED', entityType: 'dossier', entityId: d.id, officeId: d.officeId, after: { itemId, kind: rec.kind, letterId: rec.letterId, deliveryId: rec.deliveryId, securityClass: security } },
        { action: 'LETTER_FILED', entityType: 'letter', entityId: rec.letterId, officeId: d.officeId, after: { dossierId: d.id, itemId } },
      ]);
      return { itemId, dossierId: d.id, kind: rec.kind, letterId: rec.letterId };
    });
  }

  async unfile(p: Principal, dossierId: string, itemId: string): Promise<void> {
    const v = await this.viewers.viewerOf(p);
    await this.ds.transaction('READ COMMITTED', async (em) => {
      const d = await this.repo.loadVisible(v, dossierId, em, true);
      if (!mayFileInto(v, d)) throw notAllowed('DOSSIER_FILE_FORBIDDEN', 'Hanya arsiparis satker atau jabatan pada unit berkas ini yang dapat mengubah isi berkas');
      if (d.status !== 'ACTIVE') throw wrongStatus('Berkas', d.status, ['ACTIVE']);
      const [item] = /^\d+$/.test(itemId) ? await em.query('SELECT id, letter_id FROM dossier_items WHERE id = ? AND dossier_id = ?', [itemId, d.id]) : [];
      if (!item) throw notFound('Isi berkas', itemId);
      await em.query('DELETE FROM dossier_items WHERE id = ?', [itemId]);
      await em.query('UPDATE dossiers SET item_count = item_count - 1, version = version + 1 WHERE id = ?', [d.id]);
      await this.audit.record(em, actorOf(p), { action: 'DOSSIER_RECORD_UNFILED', entityType: 'dossier', entityId: d.id, officeId: d.officeId, after: { itemId, letterId: String(item.letter_id) } });
    });
  }

  /** Open dossiers of the caller's office a record would fit, best first: same code, then same unit, then the most recent period. */
  async suggest(p: Principal, ref: RecordRef) {
    const v = await this.viewers.viewerOf(p);
    if (!v.officeId) return { record: null, suggestions: [] };
    const rec = await this.resolve(v, v.officeId, ref, this.ds.manager);
    const ancestors = codesFitting(rec.classificationCode);
    const cond = ancestors.length ? `AND d.classification_code IN (${ancestors.map(() => '?').join(',')})` : '';
    const rows = await this.ds.query(`SELECT ${DOSSIER_COLS} FROM dossiers d WHERE d.office_id = ? AND d.status = 'ACTIVE' ${cond} ORDER BY d.id DESC LIMIT 200`, [v.officeId, ...ancestors]);
    const candidates = rankSuggestions(rec, rows.map(toDossierRow).filter((d: ReturnType<typeof toDossierRow>) => mayFileInto(v, d)));
    return {
      record: { kind: rec.kind, letterId: rec.letterId, deliveryId: rec.deliveryId, classificationCode: rec.classificationCode },
      suggestions: candidates.slice(0, 5).map((d) => ({ id: d.id, title: d.title, classificationCode: d.classificationCode, unitId: d.unitId, periodStart: d.periodStart, reason: d.reason })),
    };
  }

  /** The record behind a reference, as seen from `officeId`; 404 when it is not the office's or the viewer may not read it. */
  private async resolve(v: RecordsViewer, officeId: number, ref: RecordRef, em: EntityManager): Promise<ResolvedRecord> {
    if (Boolean(ref.letterId) === Boolean(ref.deliveryId)) throw field('letterId', 'isi tepat satu: letterId atau deliveryId');
    let rec: ResolvedRecord | null = null;
    if (ref.deliveryId) {
      const [r] = /^\d+$/.test(ref.deliveryId)
        ? await em.query(
            `SELECT d.id, d.letter_id, d.office_id, l.classification_code, l.security_class, p.unit_id FROM deliveries d JOIN letters l ON l.id = d.letter_id
             LEFT JOIN positions p ON p.id = d.position_id WHERE d.id = ?`,
            [ref.deliveryId],
          )
        : [];
      if (r && Number(r.office_id) === officeId) {
        rec = { kind: 'INCOMING', letterId: String(r.letter_id), deliveryId: String(r.id), officeId, classificationCode: r.classification_code, securityClass: r.security_class, unitId: r.unit_id === null ? null : Number(r.unit_id) };
      }
    } else {
      const [l] = /^\d+$/.test(ref.letterId!)
        ? await em.query('SELECT l.id, l.origin, l.office_id, l.classification_code, l.security_class, p.unit_id FROM letters l LEFT JOIN positions p ON p.id = l.drafter_position_id WHERE l.id = ?', [ref.letterId])
        : [];
      if (l && Number(l.office_id) === officeId && l.origin === 'INTERNAL') {
        rec = { kind: 'OUTGOING', letterId: String(l.id), deliveryId: null, officeId, classificationCode: l.classification_code, securityClass: l.security_class, unitId: l.unit_id === null ? null : Number(l.unit_id) };
      } else if (l) {
        const [dv] = await em.query('SELECT d.id, p.unit_id FROM deliveries d LEFT JOIN positions p ON p.id = d.position_id WHERE d.letter_id = ? AND d.office_id = ? ORDER BY d.id LIMIT 1', [l.id, officeId]);
        if (dv) rec = { kind: 'INCOMING', letterId: String(l.id), deliveryId: String(dv.id), officeId, classificationCode: l.classification_code, securityClass: l.security_class, unitId: dv.unit_id === null ? null : Number(dv.unit_id) };
      }
    }
    if (!rec) throw notFound('Naskah', ref.deliveryId ?? ref.letterId);
    const involved = await this.access.involved(rec.letterId, em);
    const readable = mayReadItemContent(v, officeId, { securityClass: rec.securityClass, involved }) || (isArchivistOf(v, officeId) && involved.some((i) => i.officeId === officeId));
    if (!readable) throw notFound('Naskah', ref.deliveryId ?? ref.letterId);
    return rec;
  }
}

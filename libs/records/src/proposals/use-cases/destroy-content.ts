import { EntityManager } from 'typeorm';
import { canonicalJson } from '@naskah/audit';
import { FilesService, sha256Hex } from '@naskah/storage';
import { toIsoDate } from '../../retention/calendar';
import { destroyDispositionContent } from './disposition-content';

export interface ManifestFile {
  letterId: string;
  fileId: string;
  role: 'DOCUMENT' | 'ATTACHMENT' | 'DISPOSITION';
  name: string;
  sha256: string;
  sizeBytes: number;
}

export interface DossierManifest {
  dossierId: string;
  files: ManifestFile[];
  /** Letters whose content stays because another live dossier (e.g. the other office's copy) still holds them. */
  retained: { letterId: string; dossierIds: string[] }[];
  blankedLetters: string[];
}

/**
 * Irreversibly destroys a dossier's content inside the caller's transaction and writes its
 * tombstone: every file of its letters (signed PDF, attachments) is removed from storage, letter
 * bodies, summaries and revision snapshots are blanked; the metadata (numbers, dates, subjects,
 * hashes) is kept in the tombstone with a SHA-256 of its manifest. The office's dispositions on a
 * received letter lose their notes, follow-up reports and files. A letter also filed in another
 * dossier that is not destroyed keeps its content (its other copy is still a record).
 */
export async function destroyDossierContent(em: EntityManager, files: FilesService, dossier: Record<string, unknown>, proposalId: string, now: Date): Promise<{ manifest: DossierManifest; manifestSha256: string }> {
  const dossierId = String(dossier.id);
  const items = await em.query(
    `SELECT i.id, i.kind, i.letter_id, i.delivery_id, i.filed_at, l.number, l.subject, l.type_code, l.security_class, l.classification_code, l.signed_at, l.sent_at,
       l.external_sender, l.external_number, l.document_file_id, l.document_sha256
     FROM dossier_items i JOIN letters l ON l.id = i.letter_id WHERE i.dossier_id = ? ORDER BY i.id`,
    [dossierId],
  );
  const manifest: DossierManifest = { dossierId, files: [], retained: [], blankedLetters: [] };
  const officeId = Number(dossier.office_id);
  for (const it of items) {
    const letterId = String(it.letter_id);
    // the office's own dispositions on a received letter go with its record, whoever else keeps the letter
    manifest.files.push(...(await destroyDispositionContent(em, files, letterId, officeId)));
    const others = await em.query(
      `SELECT x.dossier_id FROM dossier_items x JOIN dossiers o ON o.id = x.dossier_id WHERE x.letter_id = ? AND x.dossier_id <> ? AND o.status <> 'DESTROYED'`,
      [letterId, dossierId],
    );
    if (others.length) {
      manifest.retained.push({ letterId, dossierIds: others.map((o: { dossier_id: string }) => String(o.dossier_id)) });
      continue;
    }
    const fileRows = await em.query(
      `SELECT f.id, f.original_name, f.sha256, f.size_bytes, f.deleted_at, 'ATTACHMENT' AS role FROM letter_attachments a JOIN files f ON f.id = a.file_id WHERE a.letter_id = ?
       UNION ALL SELECT f.id, f.original_name, f.sha256, f.size_bytes, f.deleted_at, 'DOCUMENT' AS role FROM files f WHERE f.id = ?`,
      [letterId, it.document_file_id ?? 0],
    );
    for (const f of fileRows) {
      if (!f.deleted_at) await files.destroy(em, String(f.id));
      manifest.files.push({ letterId, fileId: String(f.id), role: f.role, name: String(f.original_name), sha256: String(f.sha256), sizeBytes: Number(f.size_bytes) });
    }
    await em.query('UPDATE letters SET body = NULL, summary = NULL WHERE id = ?', [letterId]);
    await em.query(`UPDATE letter_revisions SET snapshot = JSON_OBJECT('dimusnahkan', TRUE) WHERE letter_id = ?`, [letterId]);
    manifest.blankedLetters.push(letterId);
  }
  await em.query('UPDATE dossier_items SET content_destroyed_at = ? WHERE dossier_id = ?', [now, dossierId]);
  const metadata = {
    dossier: {
      id: dossierId, officeId, unitId: Number(dossier.unit_id), classificationCode: dossier.classification_code, title: dossier.title,
      periodStart: toIsoDate(dossier.period_start), periodEnd: toIsoDate(dossier.period_end), securityClass: dossier.security_class, location: dossier.location ?? null,
      ruleId: Number(dossier.rule_id), closedAt: dossier.closed_at ?? null, activeUntil: toIsoDate(dossier.active_until), inactiveUntil: toIsoDate(dossier.inactive_until),
      finalAction: dossier.final_action, retentionYears: Number(dossier.retention_years ?? 0),
    },
    items: items.map((it: Record<string, unknown>) => ({
      itemId: String(it.id), kind: it.kind, letterId: String(it.letter_id), deliveryId: it.delivery_id === null ? null : String(it.delivery_id), number: it.number ?? null,
      subject: it.subject, typeCode: it.type_code, securityClass: it.security_class, classificationCode: it.classification_code ?? null,
      date: it.signed_at ?? it.sent_at ?? null, externalSender: it.external_sender ?? null, externalNumber: it.external_number ?? null, documentSha256: it.document_sha256 ?? null,
    })),
  };
  const manifestSha256 = sha256Hex(Buffer.from(canonicalJson(manifest), 'utf8'));
  await em.query('INSERT INTO records_tombstones (dossier_id, proposal_id, metadata, manifest, manifest_sha256, destroyed_at) VALUES (?, ?, ?, ?, ?, ?)', [
    dossierId, proposalId, JSON.stringify(metadata), JSON.stringify(manifest), manifestSha256, now,
  ]);
  return { manifest, manifestSha256 };
}

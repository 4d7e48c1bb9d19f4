import { EntityManager } from 'typeorm';
import { canonicalJson } from '@naskah/audit';
import type { LetterHoldingsService } from '@naskah/correspondence';
import type { DispositionRecordsService } from '@naskah/disposition';
import { sha256Hex } from '@naskah/storage';
import { toIsoDate } from '../../retention/calendar';

export interface ManifestFile {
  letterId: string;
  fileId: string;
  role: 'DOCUMENT' | 'ATTACHMENT' | 'DISPOSITION';
  name: string;
  sha256: string;
  sizeBytes: number;
  /** True when the bytes were destroyed; false when other offices still hold the letter, so its shared file stays for them. */
  destroyed: boolean;
}

export interface DossierManifest {
  dossierId: string;
  /** Every file of the office's record: its letters' files and its dispositions' files. */
  files: ManifestFile[];
  /** Letters whose shared content stays because other offices still hold them as live records; this office's copy has ended all the same. */
  retained: { letterId: string; otherHolders: number }[];
  /** Letters whose shared content was destroyed: this office was the last one holding them. */
  blankedLetters: string[];
}

export interface DestroyDeps {
  holdings: LetterHoldingsService;
  dispositionRecords: DispositionRecordsService;
}

/**
 * Destroys one office's dossier inside the caller's transaction and writes its tombstone. Each
 * office's copy of a letter is its own record (issue 10, item 1): for every letter filed here the
 * office's holding ends (its people get 410 for it from then on) and the office's own dispositions
 * on it lose their notes, follow-up reports and files. The letter's shared content (body,
 * revisions, signed PDF, attachments) is destroyed only when no office holds the letter any more —
 * the sender, every recipient office and every forwarder keep theirs until they destroy it under
 * their own retention. File bytes are marked here and purged after the batch commits. The
 * metadata (numbers, dates, subjects, hashes) is kept in the tombstone with a SHA-256 of its manifest.
 */
export async function destroyDossierContent(
  em: EntityManager,
  deps: DestroyDeps,
  dossier: Record<string, unknown>,
  proposalId: string,
  now: Date,
): Promise<{ manifest: DossierManifest; manifestSha256: string }> {
  const dossierId = String(dossier.id);
  const items = await em.query(
    `SELECT i.id, i.kind, i.letter_id, i.delivery_id, i.filed_at, l.number, l.subject, l.type_code, l.security_class, l.classification_code, l.signed_at, l.sent_at,
       l.external_sender, l.external_number, l.document_sha256
     FROM dossier_items i JOIN letters l ON l.id = i.letter_id WHERE i.dossier_id = ? ORDER BY i.id`,
    [dossierId],
  );
  const manifest: DossierManifest = { dossierId, files: [], retained: [], blankedLetters: [] };
  const officeId = Number(dossier.office_id);
  for (const it of items) {
    const letterId = String(it.letter_id);
    const dispositionFiles = await deps.dispositionRecords.destroyOfficeContent(em, letterId, officeId);
    manifest.files.push(...dispositionFiles.map((f) => ({ letterId, ...f, role: 'DISPOSITION' as const, destroyed: true })));
    const ended = await deps.holdings.endHolding(em, { letterId, officeId, dossierId, at: now });
    manifest.files.push(...ended.files.map((f) => ({ letterId, ...f, destroyed: ended.contentDestroyed })));
    if (ended.contentDestroyed) manifest.blankedLetters.push(letterId);
    else manifest.retained.push({ letterId, otherHolders: ended.liveHolders });
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

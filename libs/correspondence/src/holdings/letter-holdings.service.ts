import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@naskah/core';
import { FilesService } from '@naskah/storage';

/** One file of a letter's shared content, as a destruction manifest lists it. */
export interface LetterContentFile {
  fileId: string;
  role: 'DOCUMENT' | 'ATTACHMENT';
  name: string;
  sha256: string;
  sizeBytes: number;
}

export interface EndedHolding {
  letterId: string;
  /** The letter's files (signed PDF, attachments): what this office's record consisted of. */
  files: LetterContentFile[];
  /** True when this was the last office holding the letter: its shared content is now destroyed. */
  contentDestroyed: boolean;
  /** Offices that still hold the letter as a live record (0 when contentDestroyed). */
  liveHolders: number;
}

/**
 * Who holds a letter as a record (issue 10, item 1). Each office's copy is its own record under its
 * own retention: the office that sent (or registered) the letter holds it, and so does every
 * office a delivery of it reached (addressees, copies, the offices that forwarded it). Destroying
 * an office's dossier ends only that office's holding: from then on its people get 410
 * RECORD_DESTROYED for the letter, while every other office keeps reading it. The shared content
 * (body, summary, revision snapshots, signed PDF, attachments) is destroyed only when the last
 * holder's holding ends. Records (libs/records) asks this service; it never writes these tables.
 */
@Injectable()
export class LetterHoldingsService {
  constructor(
    private readonly ds: DataSource,
    private readonly files: FilesService,
  ) {}

  /** Offices holding the letter, and whether each holding is still live. */
  async holders(letterId: string, em: EntityManager = this.ds.manager): Promise<{ officeId: number; live: boolean }[]> {
    const rows = await em.query(
      `SELECT h.office_id, e.office_id IS NULL AS live FROM (
         SELECT office_id FROM letters WHERE id = ? UNION SELECT DISTINCT office_id FROM deliveries WHERE letter_id = ?
       ) h LEFT JOIN letter_holdings_ended e ON e.letter_id = ? AND e.office_id = h.office_id ORDER BY h.office_id`,
      [letterId, letterId, letterId],
    );
    return rows.map((r: { office_id: number; live: number | string }) => ({ officeId: Number(r.office_id), live: Number(r.live) === 1 }));
  }

  /** The letter's files (for manifests and handover packages), whether or not their bytes still exist. */
  async contentFiles(letterId: string, em: EntityManager = this.ds.manager): Promise<LetterContentFile[]> {
    const rows = await em.query(
      `SELECT f.id, f.original_name, f.sha256, f.size_bytes, 'DOCUMENT' AS role FROM letters l JOIN files f ON f.id = l.document_file_id WHERE l.id = ?
       UNION ALL SELECT f.id, f.original_name, f.sha256, f.size_bytes, 'ATTACHMENT' AS role FROM letter_attachments a JOIN files f ON f.id = a.file_id WHERE a.letter_id = ?`,
      [letterId, letterId],
    );
    return rows.map((f: Record<string, unknown>) => ({ fileId: String(f.id), role: f.role as LetterContentFile['role'], name: String(f.original_name), sha256: String(f.sha256), sizeBytes: Number(f.size_bytes) }));
  }

  /**
   * Ends one office's holding of a letter inside the caller's transaction (a destruction batch).
   * The letter row is locked first, so two offices destroying their copies at the same moment are
   * serialised and exactly one of them — the last — destroys the shared content. File bytes are
   * only marked here; FilesService.purgeDestroyed removes them after the caller has committed.
   * Idempotent: ending a holding that has already ended changes nothing more.
   */
  async endHolding(em: EntityManager, input: { letterId: string; officeId: number; dossierId: string | null; at: Date }): Promise<EndedHolding> {
    const { letterId, officeId } = input;
    const [letter] = await em.query('SELECT id, content_destroyed_at FROM letters WHERE id = ? FOR UPDATE', [letterId]);
    if (!letter) throw new DomainError('LETTER_NOT_FOUND', 'NOT_FOUND', `Naskah ${letterId} tidak ada`);
    await em.query(`INSERT IGNORE INTO letter_holdings_ended (letter_id, office_id, reason, dossier_id, ended_at) VALUES (?, ?, 'DESTROYED', ?, ?)`, [
      letterId, officeId, input.dossierId, input.at,
    ]);
    const files = await this.contentFiles(letterId, em);
    const live = (await this.holders(letterId, em)).filter((h) => h.live).length;
    if (live > 0) return { letterId, files, contentDestroyed: false, liveHolders: live };
    if (!letter.content_destroyed_at) {
      for (const f of files) await this.files.destroy(em, f.fileId);
      await em.query('UPDATE letters SET body = NULL, summary = NULL, content_destroyed_at = ? WHERE id = ?', [input.at, letterId]);
      await em.query(`UPDATE letter_revisions SET snapshot = JSON_OBJECT('dimusnahkan', TRUE) WHERE letter_id = ?`, [letterId]);
    }
    return { letterId, files, contentDestroyed: true, liveHolders: 0 };
  }

  /** When the office's holding of the letter ended, or null while it holds it. */
  async endedFor(letterId: string, officeId: number, em: EntityManager = this.ds.manager): Promise<{ endedAt: Date; dossierId: string | null } | null> {
    const [r] = await em.query('SELECT ended_at, dossier_id FROM letter_holdings_ended WHERE letter_id = ? AND office_id = ?', [letterId, officeId]);
    return r ? { endedAt: r.ended_at, dossierId: r.dossier_id === null ? null : String(r.dossier_id) } : null;
  }
}

/** 410 for someone whose office has destroyed its copy of the letter under the retention schedule. */
export function recordDestroyed(letterId: string, ended: { endedAt: Date; dossierId: string | null }): DomainError {
  return new DomainError(
    'RECORD_DESTROYED',
    'GONE',
    'Naskah ini telah dimusnahkan oleh kantor Anda sesuai jadwal retensi arsip; yang tersisa hanya metadatanya (record destroyed)',
    { letterId, destroyedAt: ended.endedAt, dossierId: ended.dossierId },
  );
}

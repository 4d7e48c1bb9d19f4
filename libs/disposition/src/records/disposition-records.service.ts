import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { FilesService } from '@naskah/storage';

/**
 * The dispositions an office made on a received letter are part of that office's record of it:
 * they travel with the letter into a handover package and are destroyed with it. This is the
 * disposition context's public face for records (libs/records never touches these tables).
 */
export interface DispositionRecord {
  dispositionId: string;
  parentId: string | null;
  instructionCodes: unknown;
  note: string | null;
  deadline: string | null;
  status: string;
  authorPositionId: number;
  recipientPositionId: number;
  createdAt: Date;
  followUps: { body: string; createdAt: Date; fileIds: string[] }[];
  fileIds: string[];
}

export interface DestroyedDispositionFile {
  fileId: string;
  name: string;
  sha256: string;
  sizeBytes: number;
}

const ids = (v: unknown): string[] => (Array.isArray(v) ? v : typeof v === 'string' ? (JSON.parse(v) as unknown[]) : []).map(String);

@Injectable()
export class DispositionRecordsService {
  constructor(
    private readonly ds: DataSource,
    private readonly files: FilesService,
  ) {}

  /** The office's dispositions on a letter, with their follow-up reports and files, oldest first. */
  async recordOf(letterId: string, officeId: number, em: EntityManager = this.ds.manager): Promise<DispositionRecord[]> {
    const rows = await em.query(
      `SELECT id, parent_id, instruction_codes, note, DATE_FORMAT(deadline, '%Y-%m-%d') AS deadline, status, author_position_id, recipient_position_id, created_at
       FROM dispositions WHERE letter_id = ? AND office_id = ? ORDER BY id`,
      [letterId, officeId],
    );
    const out: DispositionRecord[] = [];
    for (const r of rows) {
      const follow = await em.query('SELECT body, attachment_file_ids, created_at FROM disposition_follow_ups WHERE disposition_id = ? ORDER BY id', [r.id]);
      const files = await em.query('SELECT file_id FROM disposition_files WHERE disposition_id = ? ORDER BY file_id', [r.id]);
      out.push({
        dispositionId: String(r.id), parentId: r.parent_id === null ? null : String(r.parent_id),
        instructionCodes: typeof r.instruction_codes === 'string' ? JSON.parse(r.instruction_codes) : r.instruction_codes, note: r.note ?? null,
        deadline: r.deadline ?? null, status: String(r.status), authorPositionId: Number(r.author_position_id), recipientPositionId: Number(r.recipient_position_id),
        createdAt: r.created_at, followUps: follow.map((f: Record<string, unknown>) => ({ body: String(f.body), createdAt: f.created_at as Date, fileIds: ids(f.attachment_file_ids) })),
        fileIds: files.map((f: { file_id: string }) => String(f.file_id)),
      });
    }
    return out;
  }

  /**
   * Destroys the office's dispositions' content on a letter inside the caller's transaction (its
   * destruction batch): notes and follow-up reports are blanked, their files marked destroyed
   * (bytes purged after commit). Other offices' dispositions on the same letter are untouched.
   */
  async destroyOfficeContent(em: EntityManager, letterId: string, officeId: number): Promise<DestroyedDispositionFile[]> {
    const list = await this.recordOf(letterId, officeId, em);
    const out: DestroyedDispositionFile[] = [];
    for (const d of list) {
      for (const fileId of [...d.fileIds, ...d.followUps.flatMap((f) => f.fileIds)]) {
        const f = await this.files.destroy(em, fileId);
        out.push({ fileId, name: f.originalName, sha256: f.sha256, sizeBytes: f.sizeBytes });
      }
      await em.query('UPDATE dispositions SET note = NULL WHERE id = ?', [d.dispositionId]);
      await em.query(`UPDATE disposition_follow_ups SET body = '' WHERE disposition_id = ?`, [d.dispositionId]);
    }
    return out;
  }
}

import { EntityManager } from 'typeorm';
import { FilesService } from '@naskah/storage';
import type { ManifestFile } from './destroy-content';

/**
 * The dispositions an office made on a received letter are part of that office's record of it:
 * they travel with the letter into a handover package and are destroyed with it. Read and blanked
 * here by raw SQL on the disposition tables (libs/disposition owns them; keep in step).
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

const ids = (v: unknown): string[] => (Array.isArray(v) ? v : typeof v === 'string' ? (JSON.parse(v) as unknown[]) : []).map(String);

export async function dispositionsOf(em: EntityManager, letterId: string, officeId: number): Promise<DispositionRecord[]> {
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

/** Blanks the notes and follow-up reports of the office's dispositions on a letter and destroys their files; returns the manifest entries. */
export async function destroyDispositionContent(em: EntityManager, files: FilesService, letterId: string, officeId: number): Promise<ManifestFile[]> {
  const list = await dispositionsOf(em, letterId, officeId);
  const out: ManifestFile[] = [];
  for (const d of list) {
    for (const fileId of [...d.fileIds, ...d.followUps.flatMap((f) => f.fileIds)]) {
      const f = await files.find(fileId, em);
      if (!f.deletedAt) await files.destroy(em, fileId);
      out.push({ letterId, fileId, role: 'DISPOSITION', name: f.originalName, sha256: f.sha256, sizeBytes: f.sizeBytes });
    }
    await em.query('UPDATE dispositions SET note = NULL WHERE id = ?', [d.dispositionId]);
    await em.query(`UPDATE disposition_follow_ups SET body = '' WHERE disposition_id = ?`, [d.dispositionId]);
  }
  return out;
}

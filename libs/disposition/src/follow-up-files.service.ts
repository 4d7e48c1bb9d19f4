import { Injectable } from '@nestjs/common';
import { AppConfig, notFound } from '@naskah/core';
import { inTransaction } from '@naskah/db';
import type { Principal } from '@naskah/identity';
import { LettersService } from '@naskah/correspondence';
import { FilesService, StoredFile } from '@naskah/storage';
import { actorAs, DispositionContext } from './disposition-context';
import { ruleError } from './disposition.errors';
import { asRecipient, visibleDisposition } from './disposition-guard';
import { readIfUnread } from './use-cases/progress-disposition';
import { CLOSED_STATUSES } from './rules/disposition-rules';
import { draftReply, ReplyDraftInput } from './use-cases/draft-reply';
import { sniffUpload } from './use-cases/upload-type';

const MAX_FILES = 20;

/** Files for follow-up reports (uploaded by the recipient, readable by whoever sees the disposition) and the reply letter. */
@Injectable()
export class FollowUpFilesService {
  constructor(
    private readonly ctx: DispositionContext,
    private readonly files: FilesService,
    private readonly letters: LettersService,
    private readonly config: AppConfig,
  ) {}

  async upload(p: Principal, id: string, data: Buffer, filename: string): Promise<StoredFile> {
    await visibleDisposition(this.ctx.ds.manager, this.ctx, p, id);
    const type = await sniffUpload(data, this.config.UPLOAD_MAX_BYTES);
    return inTransaction(this.ctx.ds, async (em) => {
      const { row, capacity } = await asRecipient(em, this.ctx, p, id);
      if (CLOSED_STATUSES.includes(row.status)) throw ruleError({ code: 'DISPOSITION_CLOSED', kind: 'CONFLICT', message: `Disposisi berstatus ${row.status} (the disposition is ${row.status})`, details: { status: row.status } });
      const [c] = await em.query('SELECT COUNT(*) AS n FROM disposition_files WHERE disposition_id = ?', [id]);
      if (Number(c.n) >= MAX_FILES) throw ruleError({ code: 'TOO_MANY_FILES', kind: 'CONFLICT', message: `Paling banyak ${MAX_FILES} berkas per disposisi` });
      const safeName = filename.replace(/[\\/\r\n"]/g, '_').slice(0, 200) || `laporan.${type.ext}`;
      const file = await this.files.store(em, data, { originalName: safeName, mime: type.mime, createdBy: p.userId });
      await em.query('INSERT INTO disposition_files (disposition_id, file_id, added_by) VALUES (?, ?, ?)', [id, file.id, p.userId]);
      await this.ctx.audit.record(em, actorAs(p, row.recipientPositionId, capacity), [
        ...(await readIfUnread(em, this.ctx, p, row, 'FILE_ADDED')),
        {
          action: 'DISPOSITION_FILE_ADDED', entityType: 'letter', entityId: row.letterId, officeId: row.officeId,
          after: { dispositionId: id, fileId: file.id, name: safeName, sha256: file.sha256, sizeBytes: file.sizeBytes, mime: type.mime },
        },
      ]);
      return file;
    });
  }

  async download(p: Principal, id: string, fileId: string): Promise<{ file: StoredFile; data: Buffer }> {
    await visibleDisposition(this.ctx.ds.manager, this.ctx, p, id);
    const [link] = /^\d{1,19}$/.test(fileId) ? await this.ctx.ds.query('SELECT file_id FROM disposition_files WHERE disposition_id = ? AND file_id = ?', [id, fileId]) : [];
    if (!link) throw notFound('Berkas', fileId);
    return this.files.read(fileId);
  }

  /** "Siapkan jawaban": a reply letter drafted from the disposition and linked to it. */
  draftReply(p: Principal, id: string, input: ReplyDraftInput): Promise<{ dispositionId: string; replyLetterId: string }> {
    return draftReply(this.ctx, this.letters, p, id, input);
  }
}

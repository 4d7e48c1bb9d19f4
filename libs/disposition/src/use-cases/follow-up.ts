import type { EntityManager } from 'typeorm';
import type { AuditEventInput } from '@naskah/audit';
import type { Principal } from '@naskah/identity';
import { actorAs, DispositionContext } from '../disposition-context';
import { fieldError, ruleError } from '../disposition.errors';
import { ActingCapacity, asRecipient } from '../disposition-guard';
import { impliedSteps } from './progress-disposition';
import type { DispositionRow } from '../dispositions.repository';
import { CLOSED_STATUSES } from '../rules/disposition-rules';

/** A follow-up report (laporan tindak lanjut): text, files uploaded to the disposition, optionally the reply letter. */
export interface FollowUpInput {
  body: string;
  attachmentFileIds?: string[];
  replyLetterId?: string | null;
}

const closed = (row: DispositionRow) =>
  ruleError({ code: 'DISPOSITION_CLOSED', kind: 'CONFLICT', message: `Disposisi berstatus ${row.status} tidak menerima laporan lagi (the disposition is ${row.status})`, details: { status: row.status } });

/** Writes the report row after checking its references; returns the audit event for the caller to record. */
export async function addFollowUpRow(em: EntityManager, ctx: DispositionContext, p: Principal, row: DispositionRow, capacity: ActingCapacity, input: FollowUpInput): Promise<AuditEventInput> {
  if (CLOSED_STATUSES.includes(row.status)) throw closed(row);
  const files = [...new Set(input.attachmentFileIds ?? [])];
  if (files.length) {
    const found: { file_id: string }[] = await em.query(`SELECT file_id FROM disposition_files WHERE disposition_id = ? AND file_id IN (${files.map(() => '?').join(',')})`, [row.id, ...files]);
    const have = new Set(found.map((f) => String(f.file_id)));
    files.forEach((f, i) => {
      if (!have.has(f)) throw fieldError(`attachmentFileIds.${i}`, `berkas ${f} belum diunggah pada disposisi ini`, 'UNKNOWN_ATTACHMENT', 'UNPROCESSABLE');
    });
  }
  if (input.replyLetterId && input.replyLetterId !== row.replyLetterId) {
    try {
      await ctx.access.assertVisible(input.replyLetterId, await ctx.access.viewerOf(p), em);
    } catch {
      throw fieldError('replyLetterId', `naskah ${input.replyLetterId} tidak ada`, 'UNKNOWN_REPLY_LETTER', 'UNPROCESSABLE');
    }
  }
  const res = await em.query(
    'INSERT INTO disposition_follow_ups (disposition_id, author_user_id, author_position_id, capacity, body, attachment_file_ids, reply_letter_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    [row.id, p.userId, row.recipientPositionId, capacity, input.body, JSON.stringify(files), input.replyLetterId ?? null, ctx.clock.now()],
  );
  return {
    action: 'DISPOSITION_FOLLOW_UP', entityType: 'letter', entityId: row.letterId, officeId: row.officeId,
    after: { dispositionId: row.id, followUpId: String(res.insertId), attachmentFileIds: files, replyLetterId: input.replyLetterId ?? null },
  };
}

/** A progress or final report by the recipient; moves an unread/read disposition to IN_PROGRESS. */
export async function addFollowUp(em: EntityManager, ctx: DispositionContext, p: Principal, id: string, input: FollowUpInput): Promise<void> {
  const { row, capacity } = await asRecipient(em, ctx, p, id);
  const event = await addFollowUpRow(em, ctx, p, row, capacity, input);
  const events = [event];
  if (row.status === 'UNREAD' || row.status === 'READ') {
    const now = ctx.clock.now();
    await em.query(
      "UPDATE dispositions SET status = 'IN_PROGRESS', read_at = COALESCE(read_at, ?), read_by_user_id = COALESCE(read_by_user_id, ?), started_at = ?, version = version + 1 WHERE id = ?",
      [now, p.userId, now, id],
    );
    events.unshift(
      ...impliedSteps(row, 'FOLLOW_UP'),
      { action: 'DISPOSITION_STARTED', entityType: 'letter', entityId: row.letterId, officeId: row.officeId, before: { status: row.status }, after: { dispositionId: id, status: 'IN_PROGRESS' } },
    );
  }
  await ctx.audit.record(em, actorAs(p, row.recipientPositionId, capacity), events);
}

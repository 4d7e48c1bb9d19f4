import type { EntityManager } from 'typeorm';
import { isOverdue } from '../calendar/reminder-schedule';
import { DISPOSITION_COLUMNS, json, toDispositionRow } from '../dispositions.repository';
import type { DispositionView, FollowUpView } from '../disposition.types';

/** A disposition with the names a page shows: letter number and subject, author and recipient positions. */
export const VIEW_SELECT = `SELECT ${DISPOSITION_COLUMNS}, l.number AS letter_number, l.subject AS letter_subject, l.security_class,
  ap.title AS author_title, au.full_name AS author_name, rp.title AS recipient_title
  FROM dispositions d JOIN letters l ON l.id = d.letter_id JOIN positions ap ON ap.id = d.author_position_id
  JOIN users au ON au.id = d.author_user_id JOIN positions rp ON rp.id = d.recipient_position_id`;

export async function instructionLabels(em: EntityManager, rows: Record<string, unknown>[]): Promise<Map<string, string>> {
  const codes = [...new Set(rows.flatMap((r) => json<string[]>(r.instruction_codes)))];
  if (!codes.length) return new Map();
  const found = await em.query(`SELECT code, label FROM disposition_instructions WHERE code IN (${codes.map(() => '?').join(',')})`, codes);
  return new Map(found.map((f: { code: string; label: string }) => [f.code, f.label]));
}

export function toView(r: Record<string, unknown>, labels: Map<string, string>, now: Date): DispositionView {
  const row = toDispositionRow(r);
  return {
    id: row.id, parentId: row.parentId, depth: row.depth, deliveryId: row.deliveryId,
    letter: { id: row.letterId, number: (r.letter_number as string) ?? null, subject: String(r.letter_subject), securityClass: String(r.security_class) },
    officeId: row.officeId,
    author: { id: row.authorPositionId, title: String(r.author_title), userId: row.authorUserId, userName: String(r.author_name), capacity: row.authorCapacity },
    recipient: { id: row.recipientPositionId, title: String(r.recipient_title) },
    instructions: row.instructionCodes.map((code) => ({ code, label: labels.get(code) ?? code })),
    note: row.note, priority: row.priority, deadline: row.deadline, deadlineVersion: row.deadlineVersion,
    overdue: (row.status === 'UNREAD' || row.status === 'READ' || row.status === 'IN_PROGRESS') && isOverdue(row.deadline, now),
    status: row.status, preparedId: row.preparedId, replyLetterId: row.replyLetterId, readAt: row.readAt, startedAt: row.startedAt,
    completedAt: row.completedAt, cancelledAt: row.cancelledAt, version: row.version, createdAt: row.createdAt,
  };
}

export async function viewsOf(em: EntityManager, where: string, params: unknown[], now: Date, tail = 'ORDER BY d.id'): Promise<DispositionView[]> {
  const rows = await em.query(`${VIEW_SELECT} WHERE ${where} ${tail}`, params);
  const labels = await instructionLabels(em, rows);
  return rows.map((r: Record<string, unknown>) => toView(r, labels, now));
}

export async function followUpsOf(em: EntityManager, dispositionId: string): Promise<FollowUpView[]> {
  const rows = await em.query(
    `SELECT f.*, p.title AS position_title, u.full_name AS user_name FROM disposition_follow_ups f
     JOIN positions p ON p.id = f.author_position_id JOIN users u ON u.id = f.author_user_id WHERE f.disposition_id = ? ORDER BY f.id`,
    [dispositionId],
  );
  return rows.map((r: Record<string, unknown>) => ({
    id: String(r.id), dispositionId: String(r.disposition_id),
    author: { id: Number(r.author_position_id), title: String(r.position_title), userId: Number(r.author_user_id), userName: String(r.user_name), capacity: String(r.capacity) },
    body: String(r.body), attachmentFileIds: json<(string | number)[]>(r.attachment_file_ids).map(String), replyLetterId: r.reply_letter_id === null ? null : String(r.reply_letter_id),
    createdAt: r.created_at as Date,
  }));
}

import type { EntityManager } from 'typeorm';
import type { IsoDate } from '../calendar/working-days';
import type { Priority } from '../rules/disposition-rules';
import { json } from '../dispositions.repository';

export type PreparedStatus = 'PENDING' | 'CONFIRMED' | 'DISCARDED';

export interface PreparedView {
  id: string;
  deliveryId: string;
  letter: { id: string; number: string | null; subject: string };
  officeId: number;
  forPosition: { id: number; title: string };
  preparedBy: { userId: number; name: string; positionId: number | null };
  recipients: { id: number; title: string }[];
  instructionCodes: string[];
  note: string | null;
  priority: Priority;
  deadline: IsoDate | null;
  status: PreparedStatus;
  decidedByUserId: number | null;
  decidedAt: Date | null;
  dispositionIds: string[];
  version: number;
  createdAt: Date;
}

const SELECT = `SELECT pd.*, DATE_FORMAT(pd.deadline, '%Y-%m-%d') AS deadline_day, l.number AS letter_number, l.subject AS letter_subject,
  fp.title AS for_title, u.full_name AS preparer_name,
  (SELECT GROUP_CONCAT(d.id ORDER BY d.id) FROM dispositions d WHERE d.prepared_id = pd.id) AS disposition_ids
  FROM prepared_dispositions pd JOIN letters l ON l.id = pd.letter_id JOIN positions fp ON fp.id = pd.for_position_id JOIN users u ON u.id = pd.prepared_by_user_id`;

async function toView(em: EntityManager, r: Record<string, unknown>): Promise<PreparedView> {
  const ids = json<number[]>(r.recipient_position_ids);
  const titles = ids.length ? await em.query(`SELECT id, title FROM positions WHERE id IN (${ids.map(() => '?').join(',')})`, ids) : [];
  const byId = new Map<number, string>(titles.map((t: { id: number; title: string }) => [Number(t.id), String(t.title)]));
  return {
    id: String(r.id), deliveryId: String(r.delivery_id), letter: { id: String(r.letter_id), number: (r.letter_number as string) ?? null, subject: String(r.letter_subject) },
    officeId: Number(r.office_id), forPosition: { id: Number(r.for_position_id), title: String(r.for_title) },
    preparedBy: { userId: Number(r.prepared_by_user_id), name: String(r.preparer_name), positionId: r.prepared_by_position_id === null ? null : Number(r.prepared_by_position_id) },
    recipients: ids.map((id) => ({ id, title: byId.get(id) ?? '?' })), instructionCodes: json<string[]>(r.instruction_codes), note: (r.note as string) ?? null,
    priority: r.priority as Priority, deadline: (r.deadline_day as string) ?? null, status: r.status as PreparedStatus,
    decidedByUserId: r.decided_by_user_id === null ? null : Number(r.decided_by_user_id), decidedAt: (r.decided_at as Date) ?? null,
    dispositionIds: r.disposition_ids ? String(r.disposition_ids).split(',') : [], version: Number(r.version), createdAt: r.created_at as Date,
  };
}

export async function loadPrepared(em: EntityManager, id: string): Promise<PreparedView | null> {
  if (!/^\d{1,19}$/.test(id)) return null;
  const [r] = await em.query(`${SELECT} WHERE pd.id = ?`, [id]);
  return r ? toView(em, r) : null;
}

export async function lockPrepared(
  em: EntityManager,
  id: string,
): Promise<{ id: string; status: PreparedStatus; version: number; officeId: number; forPositionId: number; preparedByUserId: number } | null> {
  if (!/^\d{1,19}$/.test(id)) return null;
  const [r] = await em.query('SELECT id, status, version, office_id, for_position_id, prepared_by_user_id FROM prepared_dispositions WHERE id = ? FOR UPDATE', [id]);
  return r
    ? { id: String(r.id), status: r.status, version: Number(r.version), officeId: Number(r.office_id), forPositionId: Number(r.for_position_id), preparedByUserId: Number(r.prepared_by_user_id) }
    : null;
}

/**
 * The preparer's own hold on a prepared disposition: the user who prepared it, while they are still
 * of its office. It is that office's record; a TU moved to another office keeps nothing of it.
 */
export function isItsPreparer(p: { userId: number; officeId: number | null }, row: { preparedByUserId: number; officeId: number }): boolean {
  return row.preparedByUserId === p.userId && p.officeId === row.officeId;
}

/** Prepared dispositions for the positions a leader acts for, or prepared by this user at their office (isItsPreparer); newest first. */
export async function listPrepared(em: EntityManager, forPositionIds: number[], preparedBy: { userId: number; officeId: number | null }, status: PreparedStatus | undefined, limit: number): Promise<PreparedView[]> {
  const ids = forPositionIds.length ? forPositionIds : [0];
  const rows = await em.query(
    `${SELECT} WHERE (pd.for_position_id IN (${ids.map(() => '?').join(',')}) OR (pd.prepared_by_user_id = ? AND pd.office_id = ?)) ${status ? 'AND pd.status = ?' : ''} ORDER BY pd.id DESC LIMIT ?`,
    [...ids, preparedBy.userId, preparedBy.officeId ?? 0, ...(status ? [status] : []), limit],
  );
  return Promise.all(rows.map((r: Record<string, unknown>) => toView(em, r)));
}

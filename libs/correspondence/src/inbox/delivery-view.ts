import type { EntityManager } from 'typeorm';

export type DeliveryStatus = 'DELIVERED' | 'READ' | 'FORWARDED' | 'RETURNED';

/** One received letter as an inbox row. */
export interface InboxItem {
  id: string;
  letterId: string;
  transmissionId: string;
  /** How it arrived: sent, forwarded (teruskan), returned (dikembalikan) or registered external mail. */
  arrivedBy: 'SEND' | 'FORWARD' | 'RETURN' | 'REGISTER';
  kind: 'TO' | 'CC';
  /** A copy (tembusan). */
  isCopy: boolean;
  status: DeliveryStatus;
  positionId: number;
  officeId: number;
  agendaNumber: number;
  agendaYear: number;
  toBeForwarded: boolean;
  finalOfficeId: number | null;
  finalPositionId: number | null;
  sender: { officeId: number; name: string };
  /** The office that forwarded or returned it, with its note. */
  via: { officeId: number; officeName: string; note: string | null } | null;
  subject: string;
  number: string | null;
  typeCode: string;
  urgency: 'BIASA' | 'SEGERA' | 'AMAT_SEGERA';
  securityClass: 'B' | 'T' | 'R' | 'SR';
  deliveredAt: Date;
  readAt: Date | null;
  readByUserId: number | null;
}

export const INBOX_COLUMNS = `d.id, d.letter_id, d.transmission_id, d.kind, d.status, d.position_id, d.office_id, d.agenda_number, d.agenda_year,
  d.to_be_forwarded, d.final_office_id, d.final_position_id, d.sender_office_id, d.sender_name, d.subject, d.number, d.type_code, d.urgency,
  d.security_class, d.created_at, d.read_at, d.read_by_user_id, t.kind AS arrived_by, t.from_office_id AS via_office_id, vo.name AS via_office_name, t.note AS via_note`;
export const INBOX_JOINS = 'JOIN transmissions t ON t.id = d.transmission_id JOIN offices vo ON vo.id = t.from_office_id';

const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function toInboxItem(r: Record<string, unknown>): InboxItem {
  const arrivedBy = r.arrived_by as InboxItem['arrivedBy'];
  return {
    id: String(r.id), letterId: String(r.letter_id), transmissionId: String(r.transmission_id), arrivedBy,
    kind: r.kind as 'TO' | 'CC', isCopy: r.kind === 'CC', status: r.status as DeliveryStatus,
    positionId: Number(r.position_id), officeId: Number(r.office_id), agendaNumber: Number(r.agenda_number), agendaYear: Number(r.agenda_year),
    toBeForwarded: Boolean(Number(r.to_be_forwarded)), finalOfficeId: n(r.final_office_id), finalPositionId: n(r.final_position_id),
    sender: { officeId: Number(r.sender_office_id), name: String(r.sender_name) },
    via: arrivedBy === 'FORWARD' || arrivedBy === 'RETURN' ? { officeId: Number(r.via_office_id), officeName: String(r.via_office_name), note: (r.via_note as string) ?? null } : null,
    subject: String(r.subject), number: (r.number as string) ?? null, typeCode: String(r.type_code),
    urgency: r.urgency as InboxItem['urgency'], securityClass: r.security_class as InboxItem['securityClass'],
    deliveredAt: r.created_at as Date, readAt: (r.read_at as Date) ?? null, readByUserId: n(r.read_by_user_id),
  };
}

/** The raw row of a delivery with what deciding about it needs; `lock` takes the row lock. */
export interface DeliveryRow {
  id: string;
  letterId: string;
  transmissionId: string;
  kind: 'TO' | 'CC';
  status: DeliveryStatus;
  officeId: number;
  positionId: number;
  toBeForwarded: boolean;
  finalOfficeId: number | null;
  finalPositionId: number | null;
  readAt: Date | null;
}

export async function loadDeliveryRow(em: EntityManager, id: string, lock = false): Promise<DeliveryRow | null> {
  if (!/^\d{1,19}$/.test(id)) return null;
  const [r] = await em.query(
    `SELECT id, letter_id, transmission_id, kind, status, office_id, position_id, to_be_forwarded, final_office_id, final_position_id, read_at
     FROM deliveries WHERE id = ?${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  if (!r) return null;
  return {
    id: String(r.id), letterId: String(r.letter_id), transmissionId: String(r.transmission_id), kind: r.kind, status: r.status,
    officeId: Number(r.office_id), positionId: Number(r.position_id), toBeForwarded: Boolean(Number(r.to_be_forwarded)),
    finalOfficeId: n(r.final_office_id), finalPositionId: n(r.final_position_id), readAt: r.read_at ?? null,
  };
}

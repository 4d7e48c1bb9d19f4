import type { EntityManager } from 'typeorm';
import type { IsoDate } from './calendar/working-days';
import type { DispositionStatus, PositionRef, Priority } from './rules/disposition-rules';

/** One row of `dispositions`, as the use cases decide on it. */
export interface DispositionRow {
  id: string;
  parentId: string | null;
  path: string;
  depth: number;
  deliveryId: string;
  letterId: string;
  officeId: number;
  authorPositionId: number;
  authorUserId: number;
  authorCapacity: 'SENDIRI' | 'PLT' | 'PLH';
  recipientPositionId: number;
  instructionCodes: string[];
  note: string | null;
  priority: Priority;
  deadline: IsoDate | null;
  deadlineVersion: number;
  status: DispositionStatus;
  preparedId: string | null;
  replyLetterId: string | null;
  readAt: Date | null;
  startedAt: Date | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
  version: number;
  createdAt: Date;
}

export const DISPOSITION_COLUMNS = `d.id, d.parent_id, d.path, d.depth, d.delivery_id, d.letter_id, d.office_id, d.author_position_id, d.author_user_id,
  d.author_capacity, d.recipient_position_id, d.instruction_codes, d.note, d.priority, DATE_FORMAT(d.deadline, '%Y-%m-%d') AS deadline,
  d.deadline_version, d.status, d.prepared_id, d.reply_letter_id, d.read_at, d.started_at, d.completed_at, d.cancelled_at, d.version, d.created_at`;

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
export const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

export function toDispositionRow(r: Record<string, unknown>): DispositionRow {
  return {
    id: String(r.id), parentId: str(r.parent_id), path: String(r.path), depth: Number(r.depth), deliveryId: String(r.delivery_id), letterId: String(r.letter_id),
    officeId: Number(r.office_id), authorPositionId: Number(r.author_position_id), authorUserId: Number(r.author_user_id),
    authorCapacity: r.author_capacity as DispositionRow['authorCapacity'], recipientPositionId: Number(r.recipient_position_id),
    instructionCodes: json<string[]>(r.instruction_codes), note: str(r.note), priority: r.priority as Priority, deadline: str(r.deadline),
    deadlineVersion: Number(r.deadline_version), status: r.status as DispositionStatus, preparedId: str(r.prepared_id), replyLetterId: str(r.reply_letter_id),
    readAt: (r.read_at as Date) ?? null, startedAt: (r.started_at as Date) ?? null, completedAt: (r.completed_at as Date) ?? null,
    cancelledAt: (r.cancelled_at as Date) ?? null, version: Number(r.version), createdAt: r.created_at as Date,
  };
}

const ID = /^\d{1,19}$/;

export async function loadDisposition(em: EntityManager, id: string, lock = false): Promise<DispositionRow | null> {
  if (!ID.test(id)) return null;
  const [r] = await em.query(`SELECT ${DISPOSITION_COLUMNS} FROM dispositions d WHERE d.id = ?${lock ? ' FOR UPDATE' : ''}`, [id]);
  return r ? toDispositionRow(r) : null;
}

/** The nodes on the way from the root down to this one (root first, the node itself last). */
export async function loadLineage(em: EntityManager, row: DispositionRow): Promise<DispositionRow[]> {
  const ids = row.path.split('/').filter(Boolean);
  const rows = await em.query(`SELECT ${DISPOSITION_COLUMNS} FROM dispositions d WHERE d.id IN (${ids.map(() => '?').join(',')})`, ids);
  const byId = new Map<string, DispositionRow>(rows.map((r: Record<string, unknown>) => [String(r.id), toDispositionRow(r)]));
  return ids.map((id) => byId.get(id)!).filter(Boolean);
}

export async function loadChildren(em: EntityManager, id: string, lock = false): Promise<DispositionRow[]> {
  const rows = await em.query(`SELECT ${DISPOSITION_COLUMNS} FROM dispositions d WHERE d.parent_id = ? ORDER BY d.id${lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows.map(toDispositionRow);
}

/** Every node below one (not the node itself), by its materialised path. */
export async function loadSubtree(em: EntityManager, row: DispositionRow): Promise<DispositionRow[]> {
  const rows = await em.query(`SELECT ${DISPOSITION_COLUMNS} FROM dispositions d WHERE d.path LIKE ? AND d.id <> ? ORDER BY d.id`, [`${row.path}%`, row.id]);
  return rows.map(toDispositionRow);
}

export interface PositionInfo extends PositionRef {
  title: string;
  kind: string;
  parentId: number | null;
  isActive: boolean;
}

export async function loadPositions(em: EntityManager, ids: number[]): Promise<Map<number, PositionInfo>> {
  if (!ids.length) return new Map();
  const rows = await em.query(`SELECT id, office_id, path, title, kind, parent_id, is_active FROM positions WHERE id IN (${ids.map(() => '?').join(',')})`, ids);
  return new Map(
    rows.map((r: Record<string, unknown>) => [
      Number(r.id),
      { id: Number(r.id), officeId: Number(r.office_id), path: String(r.path), title: String(r.title), kind: String(r.kind), parentId: r.parent_id === null ? null : Number(r.parent_id), isActive: Boolean(Number(r.is_active)) },
    ]),
  );
}

/** The delivery a disposition tree hangs off: a received letter in a position's inbox. */
export interface DeliveryRef {
  id: string;
  letterId: string;
  officeId: number;
  positionId: number;
}

/**
 * The delivery a disposition is made on. `lock` takes it FOR UPDATE: disposing a delivery is
 * serialised per delivery, so two racing requests (a double click) cannot both find "no open
 * disposition to this position yet" and both write one.
 */
export async function loadDelivery(em: EntityManager, id: string, lock = false): Promise<DeliveryRef | null> {
  if (!ID.test(id)) return null;
  const [r] = await em.query(`SELECT id, letter_id, office_id, position_id FROM deliveries WHERE id = ?${lock ? ' FOR UPDATE' : ''}`, [id]);
  return r ? { id: String(r.id), letterId: String(r.letter_id), officeId: Number(r.office_id), positionId: Number(r.position_id) } : null;
}

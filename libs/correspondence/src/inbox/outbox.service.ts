import { Injectable } from '@nestjs/common';
import { Queryable, ReadReplicas } from '@naskah/db';
import { Principal } from '@naskah/identity';
import { LetterAccessService } from '../access/letter-access.service';
import { DeliveryStatus } from './delivery-view';
import { letterFilterSql, LetterSearchFilters, officeNameQuery } from '../search/search-query';

/** The search's filters on a box (same rules as GET /api/search): text, the letter's date, type, classification and below. */
export type OutboxFilters = Pick<LetterSearchFilters, 'q' | 'from' | 'to' | 'typeCode' | 'classificationCode'>;

export type OutboxBox = 'drafts' | 'in-review' | 'awaiting-review' | 'awaiting-signature' | 'sent';
export const OUTBOX_BOXES: OutboxBox[] = ['drafts', 'in-review', 'awaiting-review', 'awaiting-signature', 'sent'];

export interface OutboxDelivery {
  id: string;
  arrivedBy: 'SEND' | 'FORWARD' | 'RETURN' | 'REGISTER';
  kind: 'TO' | 'CC';
  office: { id: number; name: string };
  position: { id: number; title: string };
  status: DeliveryStatus;
  toBeForwarded: boolean;
  deliveredAt: Date;
  readAt: Date | null;
  actedAt: Date | null;
  actNote: string | null;
}

export interface OutboxItem {
  id: string;
  typeCode: string;
  subject: string;
  status: string;
  number: string | null;
  securityClass: string;
  urgency: string;
  drafterPositionId: number;
  signerPositionId: number | null;
  currentStep: number | null;
  updatedAt: Date;
  sentAt: Date | null;
  /** Sent letters: every delivery (sends, forwards and returns), up to DELIVERY_LIMIT, and counts by status. */
  deliveries?: OutboxDelivery[];
  deliveryCounts?: Record<DeliveryStatus, number> & { total: number };
}

export interface OutboxPage {
  box: OutboxBox;
  items: OutboxItem[];
  page: number;
  pageSize: number;
  hasMore: boolean;
  /** Pass as `before` to read the next page by keyset. */
  nextBefore: string | null;
}

const DELIVERY_LIMIT = 100;
const COLS = 'l.id, l.type_code, l.subject, l.status, l.number, l.security_class, l.urgency, l.drafter_position_id, l.signer_position_id, l.current_step, l.updated_at, l.sent_at';
const list = (ids: number[]) => ids.map(() => '?').join(', ');

/**
 * Naskah keluar, the drafter's boxes: drafts (incl. returned by a reviewer), in review (in review,
 * approved or signed, not yet sent), awaiting my review (I am the current reviewer), awaiting my
 * signature (approved, I am the signer), sent (with each delivery's status). Own and delegated positions.
 */
@Injectable()
export class OutboxViewService {
  constructor(
    private readonly access: LetterAccessService,
    private readonly replicas: ReadReplicas,
  ) {}

  /** Newest first; `before` (a letter id, the previous page's `nextBefore`) pages by keyset and takes precedence over `page`. */
  async list(p: Principal, box: OutboxBox, paging: { page?: number; pageSize?: number; before?: string } & OutboxFilters = {}): Promise<OutboxPage> {
    const pageSize = Math.min(Math.max(paging.pageSize ?? 20, 1), 100);
    const page = paging.before ? 1 : Math.max(paging.page ?? 1, 1);
    const { positionIds: mine } = await this.access.viewerOf(p);
    if (!mine.length) return { box, items: [], page, pageSize, hasMore: false, nextBefore: null };
    const { where, params } = boxFilter(box, mine);
    // a list tolerates a few seconds of staleness: a healthy replica, unless this user wrote a moment ago (their new letter is on the primary)
    const db = await this.replicas.reader(p);
    const q = paging.q?.trim() || undefined;
    const nameQuery = q ? officeNameQuery(q) : null;
    const names = nameQuery ? ((await db.query(nameQuery.sql, nameQuery.params)) as { id: number }[]).map((r) => Number(r.id)) : [];
    const filters = letterFilterSql({ ...paging, q }, names);
    const rows = await db.query(
      `SELECT ${COLS} FROM letters l ${box === 'awaiting-review' ? 'JOIN letter_reviews r ON r.letter_id = l.id AND r.round = l.review_round AND r.step = l.current_step' : ''}
       WHERE ${where}${filters.sql ? ` AND ${filters.sql}` : ''}${paging.before ? ' AND l.id < ?' : ''} ORDER BY l.id DESC LIMIT ? OFFSET ?`,
      [...params, ...filters.params, ...(paging.before ? [paging.before] : []), pageSize + 1, (page - 1) * pageSize],
    );
    const items: OutboxItem[] = rows.slice(0, pageSize).map((r: Record<string, unknown>) => ({
      id: String(r.id), typeCode: String(r.type_code), subject: String(r.subject), status: String(r.status), number: (r.number as string) ?? null,
      securityClass: String(r.security_class), urgency: String(r.urgency), drafterPositionId: Number(r.drafter_position_id),
      signerPositionId: r.signer_position_id === null ? null : Number(r.signer_position_id), currentStep: r.current_step === null ? null : Number(r.current_step),
      updatedAt: r.updated_at as Date, sentAt: (r.sent_at as Date) ?? null,
    }));
    if (box === 'sent') await this.attachDeliveries(db, items);
    const hasMore = rows.length > pageSize;
    return { box, items, page, pageSize, hasMore, nextBefore: hasMore ? items[items.length - 1].id : null };
  }

  private async attachDeliveries(db: Queryable, items: OutboxItem[]): Promise<void> {
    for (const item of items) {
      const [rows, counts] = await Promise.all([
        db.query(
          `SELECT d.id, t.kind AS arrived_by, d.kind, d.office_id, o.name AS office_name, d.position_id, pos.title AS position_title, d.status, d.to_be_forwarded,
                  d.created_at, d.read_at, d.acted_at, d.act_note
           FROM deliveries d JOIN transmissions t ON t.id = d.transmission_id JOIN offices o ON o.id = d.office_id JOIN positions pos ON pos.id = d.position_id
           WHERE d.letter_id = ? ORDER BY d.id LIMIT ${DELIVERY_LIMIT}`,
          [item.id],
        ),
        db.query('SELECT status, COUNT(*) AS n FROM deliveries WHERE letter_id = ? GROUP BY status', [item.id]),
      ]);
      item.deliveries = rows.map((r: Record<string, unknown>) => ({
        id: String(r.id), arrivedBy: r.arrived_by as OutboxDelivery['arrivedBy'], kind: r.kind as 'TO' | 'CC',
        office: { id: Number(r.office_id), name: String(r.office_name) }, position: { id: Number(r.position_id), title: String(r.position_title) },
        status: r.status as DeliveryStatus, toBeForwarded: Boolean(Number(r.to_be_forwarded)), deliveredAt: r.created_at as Date,
        readAt: (r.read_at as Date) ?? null, actedAt: (r.acted_at as Date) ?? null, actNote: (r.act_note as string) ?? null,
      }));
      const c = { DELIVERED: 0, READ: 0, FORWARDED: 0, RETURNED: 0, total: 0 };
      for (const r of counts) (c[r.status as DeliveryStatus] = Number(r.n)), (c.total += Number(r.n));
      item.deliveryCounts = c;
    }
  }
}

function boxFilter(box: OutboxBox, mine: number[]): { where: string; params: unknown[] } {
  switch (box) {
    case 'drafts':
      return { where: `l.drafter_position_id IN (${list(mine)}) AND l.status IN ('DRAFT','RETURNED')`, params: mine };
    case 'in-review':
      return { where: `l.drafter_position_id IN (${list(mine)}) AND l.status IN ('IN_REVIEW','APPROVED','SIGNED')`, params: mine };
    case 'awaiting-review':
      return { where: `r.position_id IN (${list(mine)}) AND r.decision = 'PENDING' AND l.status = 'IN_REVIEW'`, params: mine };
    case 'awaiting-signature':
      return { where: `l.signer_position_id IN (${list(mine)}) AND l.status = 'APPROVED'`, params: mine };
    case 'sent':
      return { where: `(l.drafter_position_id IN (${list(mine)}) OR l.signer_position_id IN (${list(mine)})) AND l.status = 'SENT' AND l.origin = 'INTERNAL'`, params: [...mine, ...mine] };
  }
}

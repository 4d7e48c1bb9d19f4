import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { cursorOf, keysetPage, likeContains, SqlPart } from '@naskah/db';
import { accessSql } from '../access/access-policy';
import type { Urgency } from '../letters/letter.types';
import { BLANK_ITEM, QueueCount, WorkItem, WorkPage, WorkPageQuery, WorkScope } from './work-item';

/** The correspondence context's queues. */
export const LETTER_QUEUES = ['review', 'signature', 'returned', 'ready-to-send', 'to-forward', 'unread'] as const;
export type LetterQueue = (typeof LETTER_QUEUES)[number];

const marks = (xs: unknown[]) => xs.map(() => '?').join(',');

const LETTER_COLS = `l.id, l.office_id, l.type_code, l.subject, l.number, l.urgency, l.security_class, l.status, l.drafter_position_id, l.signer_position_id,
  l.current_step, l.updated_at, l.signed_at`;
const DELIVERY_COLS = `d.id, d.letter_id, d.kind, d.status, d.position_id, d.office_id, d.to_be_forwarded, d.sender_name, d.subject, d.number, d.type_code,
  d.urgency, d.security_class, d.created_at, d.read_at`;
/** The office's copy still exists (assertVisible / assertHeld answer 410 otherwise). */
const HELD_D = 'NOT EXISTS (SELECT 1 FROM letter_holdings_ended e WHERE e.letter_id = d.letter_id AND e.office_id = d.office_id)';

/**
 * What waits in the drafting chain and the inbox, per position acted for (own + Plt/Plh). Each
 * queue is one source SELECT; its count and its pages read that same source (libs/db keyset.ts), so
 * a count is the length of its list. Every source is a range of an index:
 *  - perlu paraf: the office's IN_REVIEW drafts (ix_letters_office) whose current step is mine (review row by primary key);
 *  - perlu tanda tangan / dikembalikan: ix_letters_signer / ix_letters_drafter (position, status);
 *  - siap dikirim: signed and rendered, by drafter or signer (same indexes), and for the office's
 *    registrars every such letter of the office (ix_letters_office);
 *  - perlu diteruskan: ix_deliveries_forward (position, to-be-forwarded, status);
 *  - belum dibaca: ix_deliveries_inbox_unread (position, read_at).
 * Letters pass the read rule (accessSql) and the office's holding; deliveries are the reader's own
 * (their recipient always sees them) while the office holds the letter.
 */
@Injectable()
export class LetterQueuesQuery {
  constructor(private readonly ds: DataSource) {}

  /** Every count in one round trip. */
  async counts(s: WorkScope): Promise<Record<LetterQueue, QueueCount>> {
    if (!s.viewer.positionIds.length) return Object.fromEntries(LETTER_QUEUES.map((q) => [q, { count: 0 }])) as Record<LetterQueue, QueueCount>;
    const parts = LETTER_QUEUES.map((q) => (q === 'unread' || q === 'to-forward' ? this.deliveryCount(q, s) : { ...this.source(q, s), counted: false }));
    const [row] = await (s.db ?? this.ds).query(
      `SELECT ${parts.map((p, i) => (p.counted ? `(${p.sql}) AS c${i}` : `(SELECT COUNT(*) FROM (${p.sql}) q) AS c${i}`)).join(', ')}`,
      parts.flatMap((p) => p.params),
    );
    return Object.fromEntries(LETTER_QUEUES.map((q, i) => [q, { count: Number(row[`c${i}`]) }])) as Record<LetterQueue, QueueCount>;
  }

  async list(queue: LetterQueue, s: WorkScope, page: WorkPageQuery): Promise<WorkPage> {
    if (!s.viewer.positionIds.length) return { items: [], hasMore: false, nextCursor: null };
    const q = keysetPage(this.source(queue, s, page.q), page.sort, page.cursor, page.limit);
    const rows: Record<string, unknown>[] = await this.ds.query(q.sql, q.params);
    const hasMore = rows.length > page.limit;
    const kept = rows.slice(0, page.limit);
    const isDelivery = queue === 'to-forward' || queue === 'unread';
    return {
      items: kept.map((r) => (isDelivery ? deliveryItem(r) : letterItem(r, s.viewer.positionIds))),
      hasMore,
      nextCursor: hasMore ? cursorOf(kept[kept.length - 1]) : null,
    };
  }

  /**
   * The count of a delivery queue ("belum dibaca", "perlu diteruskan") as one scalar expression, the
   * same rows as `source` counts: the waiting range of the position's index, read from the index
   * alone, less the deliveries of letters whose holding the office has ended (destroyed copies: few,
   * reached from letter_holdings_ended by letter). Checking "holding not ended" row by row instead
   * reads every waiting delivery's row — 30× slower for an inbox with 10,000 unread (bench
   * worklist-counts-p99).
   */
  private deliveryCount(queue: 'unread' | 'to-forward', s: WorkScope): SqlPart & { counted: true } {
    const ids = s.viewer.positionIds;
    const cond = queue === 'unread' ? 'd.read_at IS NULL' : "d.to_be_forwarded = 1 AND d.status IN ('DELIVERED','READ')";
    const index = queue === 'unread' ? 'ix_deliveries_inbox_unread' : 'ix_deliveries_forward';
    return {
      counted: true,
      sql: `(SELECT COUNT(*) FROM deliveries d FORCE INDEX (${index}) WHERE d.position_id IN (${marks(ids)}) AND ${cond})
        - (SELECT COUNT(*) FROM letter_holdings_ended e JOIN deliveries d FORCE INDEX (ix_deliveries_letter) ON d.letter_id = e.letter_id AND d.office_id = e.office_id
           WHERE d.position_id IN (${marks(ids)}) AND ${cond})`,
      params: [...ids, ...ids],
    };
  }

  /** The queue's rows as a SELECT with sort_rank / sort_at / sort_id; `text` filters subject, number (and sender). */
  source(queue: LetterQueue, s: WorkScope, text?: string): SqlPart {
    const ids = s.viewer.positionIds;
    if (queue === 'to-forward' || queue === 'unread') {
      const cond = queue === 'unread' ? 'd.read_at IS NULL' : "d.to_be_forwarded = 1 AND d.status IN ('DELIVERED','READ')";
      // the range of exactly what waits, never the position's whole inbox (ix_deliveries_inbox), whatever the statistics say
      const index = queue === 'unread' ? 'ix_deliveries_inbox_unread' : 'ix_deliveries_forward';
      const like = text ? likeContains(text) : null;
      return {
        sql: `SELECT d.id AS sort_id, d.urgency + 0 AS sort_rank, d.created_at AS sort_at, ${DELIVERY_COLS} FROM deliveries d FORCE INDEX (${index})
          WHERE d.position_id IN (${marks(ids)}) AND ${cond} AND ${HELD_D}${like ? ' AND (d.subject LIKE ? OR d.number LIKE ? OR d.sender_name LIKE ?)' : ''}`,
        params: [...ids, ...(like ? [like, like, like] : [])],
      };
    }
    const access = accessSql('l', s.viewer);
    const tail: SqlPart = {
      sql: ` AND ${access.sql} AND NOT EXISTS (SELECT 1 FROM letter_holdings_ended e WHERE e.letter_id = l.id AND e.office_id = ?)${text ? ' AND (l.subject LIKE ? OR l.number LIKE ?)' : ''}`,
      params: [...access.params, s.officeId ?? 0, ...(text ? [likeContains(text), likeContains(text)] : [])],
    };
    const head = (date: string) => `SELECT l.id AS sort_id, l.urgency + 0 AS sort_rank, ${date} AS sort_at, ${LETTER_COLS}`;
    switch (queue) {
      case 'review':
        return {
          sql: `${head('l.updated_at')}, r.position_id AS queue_position_id FROM letters l
            JOIN letter_reviews r ON r.letter_id = l.id AND r.round = l.review_round AND r.step = l.current_step
            WHERE l.office_id IN (SELECT office_id FROM positions WHERE id IN (${marks(ids)})) AND l.status = 'IN_REVIEW' AND r.position_id IN (${marks(ids)})${tail.sql}`,
          params: [...ids, ...ids, ...tail.params],
        };
      case 'signature':
        return {
          sql: `${head('l.updated_at')}, l.signer_position_id AS queue_position_id FROM letters l WHERE l.signer_position_id IN (${marks(ids)}) AND l.status = 'APPROVED'${tail.sql}`,
          params: [...ids, ...tail.params],
        };
      case 'returned':
        return {
          sql: `${head('l.updated_at')}, l.drafter_position_id AS queue_position_id FROM letters l WHERE l.drafter_position_id IN (${marks(ids)}) AND l.status = 'RETURNED'${tail.sql}`,
          params: [...ids, ...tail.params],
        };
      case 'ready-to-send': {
        // the sender may be its drafter or signer (or Plt/Plh), or a registrar of the sending office (SendService.sender)
        const registrar = s.roles.includes('REGISTRAR') && s.officeId !== null;
        const branches = [
          `SELECT id FROM letters WHERE drafter_position_id IN (${marks(ids)}) AND status = 'SIGNED'`,
          `SELECT id FROM letters WHERE signer_position_id IN (${marks(ids)}) AND status = 'SIGNED'`,
          ...(registrar ? ["SELECT id FROM letters WHERE office_id = ? AND status = 'SIGNED'"] : []),
        ];
        return {
          sql: `${head('l.signed_at')}, NULL AS queue_position_id FROM (${branches.join(' UNION ')}) s JOIN letters l ON l.id = s.id
            WHERE l.document_file_id IS NOT NULL AND l.document_sha256 IS NOT NULL AND l.signature IS NOT NULL${tail.sql}`,
          params: [...ids, ...ids, ...(registrar ? [s.officeId] : []), ...tail.params],
        };
      }
    }
  }
}

const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function letterItem(r: Record<string, unknown>, mine: number[]): WorkItem {
  const drafter = Number(r.drafter_position_id);
  const signer = n(r.signer_position_id);
  const position = n(r.queue_position_id) ?? (mine.includes(drafter) ? drafter : signer !== null && mine.includes(signer) ? signer : null);
  return {
    ...BLANK_ITEM, id: String(r.id), kind: 'LETTER', letterId: String(r.id), subject: String(r.subject), number: (r.number as string) ?? null,
    typeCode: String(r.type_code), urgency: r.urgency as Urgency, securityClass: String(r.security_class), status: String(r.status), date: r.sort_at as Date, positionId: position,
  };
}

function deliveryItem(r: Record<string, unknown>): WorkItem {
  return {
    ...BLANK_ITEM, id: String(r.id), kind: 'DELIVERY', letterId: String(r.letter_id), deliveryId: String(r.id), subject: String(r.subject), number: (r.number as string) ?? null,
    typeCode: String(r.type_code), urgency: r.urgency as Urgency, securityClass: String(r.security_class), status: String(r.status), date: r.sort_at as Date,
    positionId: Number(r.position_id), from: String(r.sender_name),
  };
}

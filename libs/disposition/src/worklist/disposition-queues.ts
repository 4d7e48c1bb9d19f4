import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, toIsoDate } from '@naskah/core';
import { cursorOf, keysetPage, likeContains, SqlPart } from '@naskah/db';
import { BLANK_ITEM, cappedCount, QueueCount, WORKLIST_COUNT_CAP, WorkItem, WorkPage, WorkPageQuery, WorkScope } from '@naskah/correspondence';
import { HolidayCalendarService } from '../calendar/holiday-calendar.service';
import { addWorkingDays, IsoDate } from '../calendar/working-days';
import { DUE_SOON_WORKING_DAYS } from '../queries/dispositions-query.service';

export const DISPOSITION_QUEUES = ['no-follow-up', 'dispositions'] as const;
export type DispositionQueue = (typeof DISPOSITION_QUEUES)[number];
/** Sub-lists of "disposisi masuk". */
export type DispositionFilter = 'unread' | 'due-soon' | 'overdue';

/**
 * "Belum ditindaklanjuti" looks back this many days: a received letter's follow-up (a disposition)
 * is known only by looking for one, so the count reads the position's deliveries of the window
 * (ix_deliveries_inbox_date), never its whole history. Older letters stay in the inbox.
 */
export const FOLLOW_UP_WINDOW_DAYS = 90;

const marks = (xs: unknown[]) => xs.map(() => '?').join(',');
const OPEN = "x.status IN ('UNREAD','READ','IN_PROGRESS')";

/**
 * The disposition context's queues, per position acted for (own + Plt/Plh):
 *  - belum ditindaklanjuti: letters addressed (TO, not to be forwarded) to my positions in the last
 *    FOLLOW_UP_WINDOW_DAYS, not forwarded or returned, with no disposition that is not cancelled;
 *  - disposisi masuk: open dispositions to my positions (ix_dispositions_recipient), with the
 *    sub-counts unread, due soon (deadline within DUE_SOON_WORKING_DAYS working days) and overdue —
 *    the same rules as GET /api/dispositions/received?dueSoon / ?overdue.
 * Only while the office holds the letter (a destroyed copy answers 410 when opened).
 */
@Injectable()
export class DispositionQueuesQuery {
  /** "Belum ditindaklanjuti" is counted up to this many (WORKLIST_COUNT_CAP). */
  countCap = WORKLIST_COUNT_CAP;

  constructor(
    private readonly ds: DataSource,
    private readonly calendar: HolidayCalendarService,
    private readonly clock: Clock,
  ) {}

  async counts(s: WorkScope): Promise<Record<DispositionQueue, QueueCount>> {
    const since = this.since();
    if (!s.viewer.positionIds.length) return { 'no-follow-up': { count: 0, since }, dispositions: { count: 0, sub: { unread: 0, 'due-soon': 0, overdue: 0 } } };
    const now = this.clock.now();
    const horizon = await this.horizon();
    const nf = this.source('no-follow-up', s);
    const dp = this.source('dispositions', s);
    const [r] = await (s.db ?? this.ds).query(
      `SELECT a.nf, b.n, b.unread, b.due_soon, b.overdue FROM (SELECT COUNT(*) AS nf FROM (${nf.sql} LIMIT ${this.countCap + 1}) q) a
       CROSS JOIN (SELECT COUNT(*) AS n, COALESCE(SUM(q.status = 'UNREAD'), 0) AS unread, COALESCE(SUM(q.due_at > ? AND q.deadline <= ?), 0) AS due_soon,
         COALESCE(SUM(q.due_at <= ?), 0) AS overdue FROM (${dp.sql}) q) b`,
      [...nf.params, now, horizon, now, ...dp.params],
    );
    return {
      'no-follow-up': { ...cappedCount(Number(r.nf), this.countCap), since },
      dispositions: { count: Number(r.n), sub: { unread: Number(r.unread), 'due-soon': Number(r.due_soon), overdue: Number(r.overdue) } },
    };
  }

  async list(queue: DispositionQueue, s: WorkScope, page: WorkPageQuery & { filter?: DispositionFilter }): Promise<WorkPage> {
    if (!s.viewer.positionIds.length) return { items: [], hasMore: false, nextCursor: null };
    const now = this.clock.now();
    const q = keysetPage(this.source(queue, s, page.q, page.filter ? { filter: page.filter, now, horizon: await this.horizon() } : undefined), page.sort, page.cursor, page.limit);
    const rows: Record<string, unknown>[] = await this.ds.query(q.sql, q.params);
    const hasMore = rows.length > page.limit;
    const kept = rows.slice(0, page.limit);
    return { items: kept.map((r) => (queue === 'dispositions' ? dispositionItem(r, now) : deliveryItem(r))), hasMore, nextCursor: hasMore ? cursorOf(kept[kept.length - 1]) : null };
  }

  source(queue: DispositionQueue, s: WorkScope, text?: string, f?: { filter: DispositionFilter; now: Date; horizon: IsoDate }): SqlPart {
    const ids = s.viewer.positionIds;
    const like = text ? likeContains(text) : null;
    if (queue === 'no-follow-up') {
      return {
        sql: `SELECT d.id AS sort_id, d.urgency + 0 AS sort_rank, d.created_at AS sort_at, d.id, d.letter_id, d.status, d.position_id, d.sender_name, d.subject, d.number,
            d.type_code, d.urgency, d.security_class
          FROM deliveries d FORCE INDEX (ix_deliveries_inbox_date) WHERE d.position_id IN (${marks(ids)}) AND d.created_at >= ? AND d.kind = 'TO' AND d.to_be_forwarded = 0 AND d.status IN ('DELIVERED','READ')
            AND NOT EXISTS (SELECT 1 FROM dispositions x WHERE x.delivery_id = d.id AND x.status <> 'CANCELLED')
            AND NOT EXISTS (SELECT 1 FROM letter_holdings_ended e WHERE e.letter_id = d.letter_id AND e.office_id = d.office_id)
            ${like ? 'AND (d.subject LIKE ? OR d.number LIKE ? OR d.sender_name LIKE ?)' : ''}`,
        params: [...ids, dayStart(this.since()), ...(like ? [like, like, like] : [])],
      };
    }
    const filter: SqlPart = !f
      ? { sql: '', params: [] }
      : f.filter === 'unread'
        ? { sql: " AND x.status = 'UNREAD'", params: [] }
        : f.filter === 'overdue'
          ? { sql: ' AND x.due_at <= ?', params: [f.now] }
          : { sql: ' AND x.due_at > ? AND x.deadline <= ?', params: [f.now, f.horizon] };
    return {
      sql: `SELECT x.id AS sort_id, x.priority + 0 AS sort_rank, x.created_at AS sort_at, x.id, x.letter_id, x.delivery_id, x.status, x.priority, x.deadline, x.due_at,
          x.recipient_position_id, l.number, l.subject, l.type_code, l.security_class, ap.title AS author_title
        FROM dispositions x JOIN letters l ON l.id = x.letter_id JOIN positions ap ON ap.id = x.author_position_id
        WHERE x.recipient_position_id IN (${marks(ids)}) AND ${OPEN}${filter.sql}
          AND NOT EXISTS (SELECT 1 FROM letter_holdings_ended e WHERE e.letter_id = x.letter_id AND e.office_id = x.office_id)
          ${like ? 'AND (l.subject LIKE ? OR l.number LIKE ?)' : ''}`,
      params: [...ids, ...filter.params, ...(like ? [like, like] : [])],
    };
  }

  /** The first Jakarta day of the follow-up window. */
  private since(): IsoDate {
    const [y, m, d] = this.calendar.today().split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d) - FOLLOW_UP_WINDOW_DAYS * 86_400_000).toISOString().slice(0, 10);
  }

  private async horizon(): Promise<IsoDate> {
    return addWorkingDays(this.calendar.today(), DUE_SOON_WORKING_DAYS, await this.calendar.calendar());
  }
}

/** The UTC instant a Jakarta (UTC+7) calendar day starts. */
const dayStart = (day: IsoDate) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) - 7 * 3_600_000);
};

function deliveryItem(r: Record<string, unknown>): WorkItem {
  return {
    ...BLANK_ITEM, id: String(r.id), kind: 'DELIVERY', letterId: String(r.letter_id), deliveryId: String(r.id), subject: String(r.subject), number: (r.number as string) ?? null,
    typeCode: String(r.type_code), urgency: r.urgency as WorkItem['urgency'], securityClass: String(r.security_class), status: String(r.status), date: r.sort_at as Date,
    positionId: Number(r.position_id), from: String(r.sender_name),
  };
}

function dispositionItem(r: Record<string, unknown>, now: Date): WorkItem {
  return {
    ...BLANK_ITEM, id: String(r.id), kind: 'DISPOSITION', letterId: String(r.letter_id), deliveryId: String(r.delivery_id), dispositionId: String(r.id),
    subject: String(r.subject), number: (r.number as string) ?? null, typeCode: String(r.type_code), urgency: r.priority as WorkItem['urgency'],
    securityClass: String(r.security_class), status: String(r.status), date: r.sort_at as Date, positionId: Number(r.recipient_position_id),
    from: String(r.author_title), deadline: toIsoDate(r.deadline), overdue: r.due_at !== null && new Date(r.due_at as Date) <= now,
  };
}

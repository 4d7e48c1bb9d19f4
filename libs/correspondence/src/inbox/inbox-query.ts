/**
 * The inbox query, built as SQL that stays fast with millions of deliveries: one ordered index
 * range per position (ix_deliveries_inbox / ix_deliveries_inbox_unread, newest first), merged with
 * UNION ALL, so a page reads about pageSize rows per position instead of sorting an inbox. No
 * COUNT(*): the page says whether more follow (`hasMore`).
 *  - A date range is left to the optimizer, which picks ix_deliveries_inbox_date (position,
 *    delivered at) for a narrow range and the id-ordered index for a wide one.
 *  - Text search (`q`, LIKE '%…%', no index can help) examines at most SEARCH_WINDOW deliveries per
 *    position per request, newest first: when the window ends before the page is full, the page
 *    says `hasMore` and `nextBefore` continues the search below the window. No request scans a
 *    whole inbox.
 *  - The page is read in ONE round trip (`inboxPageQuery`); page + 1 rows tell whether more follow.
 */
import { INBOX_COLUMNS, INBOX_JOINS } from './delivery-view';

export interface InboxFilters {
  unread?: boolean;
  typeCode?: string;
  urgency?: 'BIASA' | 'SEGERA' | 'AMAT_SEGERA';
  /** Delivered on or after this Jakarta calendar day (YYYY-MM-DD). */
  from?: string;
  /** Delivered on or before this Jakarta calendar day (YYYY-MM-DD). */
  to?: string;
  /** Text in subject, number or sender name. */
  q?: string;
  /** Only copies (CC) or only addressed (TO). */
  kind?: 'TO' | 'CC';
  /** Keyset pagination: deliveries older than this delivery id. Takes precedence over page. */
  before?: string;
  page?: number;
  pageSize?: number;
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
/** 2,500 rows keep the worst search page (nothing matches) near 20 ms here, 5,000 took 45–50 ms on a busy day. */
export const SEARCH_WINDOW = 2_500;
const JAKARTA_OFFSET_MS = 7 * 3600 * 1000;

/** The UTC instant at which a Jakarta calendar day starts. */
export function jakartaDayStart(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) - JAKARTA_OFFSET_MS);
}

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface InboxSql {
  sql: string;
  params: unknown[];
  pageSize: number;
  offset: number;
}

/**
 * For a text search: per position, the id of the SEARCH_WINDOW-th newest delivery below `before`
 * (an index-only walk); positions with fewer rows are absent. The search then looks at ids >= the
 * highest of these, so every position is searched completely down to the same point.
 */
export function searchWindowQuery(positionIds: number[], before?: string): { sql: string; params: unknown[] } {
  const part = `(SELECT ? AS position_id, d.id FROM deliveries d FORCE INDEX (ix_deliveries_inbox) WHERE d.position_id = ?${before ? ' AND d.id < ?' : ''} ORDER BY d.id DESC LIMIT 1 OFFSET ${SEARCH_WINDOW - 1})`;
  return { sql: positionIds.map(() => part).join(' UNION ALL '), params: positionIds.flatMap((p) => (before ? [p, p, before] : [p, p])) };
}

interface InboxWhere {
  pageSize: number;
  offset: number;
  /** Conditions after `d.position_id = ?`, with their parameters. */
  cond: string;
  params: unknown[];
  /** The FORCE INDEX clause ('' for a date range: left to the optimizer). */
  index: string;
}

function inboxWhere(f: InboxFilters, floorId?: string): InboxWhere {
  const pageSize = Math.min(Math.max(f.pageSize ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const offset = f.before ? 0 : (Math.max(f.page ?? 1, 1) - 1) * pageSize;
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.unread) where.push('d.read_at IS NULL');
  if (f.typeCode) (where.push('d.type_code = ?'), params.push(f.typeCode));
  if (f.urgency) (where.push('d.urgency = ?'), params.push(f.urgency));
  if (f.kind) (where.push('d.kind = ?'), params.push(f.kind));
  if (f.from) (where.push('d.created_at >= ?'), params.push(jakartaDayStart(f.from)));
  if (f.to) (where.push('d.created_at < ?'), params.push(new Date(jakartaDayStart(f.to).getTime() + 24 * 3600 * 1000)));
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    where.push('(d.subject LIKE ? OR d.number LIKE ? OR d.sender_name LIKE ?)');
    params.push(like, like, like);
  }
  if (f.before) (where.push('d.id < ?'), params.push(f.before));
  if (floorId) (where.push('d.id >= ?'), params.push(floorId));
  const dated = Boolean(f.from || f.to);
  const index = dated ? '' : ` FORCE INDEX (${f.unread ? 'ix_deliveries_inbox_unread' : 'ix_deliveries_inbox'})`;
  return { pageSize, offset, cond: where.length ? ` AND ${where.join(' AND ')}` : '', params, index };
}

/** The ids of one page (+1 to tell whether more follow), newest first, for the given positions; `floorId` bounds a text search. */
export function inboxIdsQuery(positionIds: number[], f: InboxFilters, floorId?: string): InboxSql {
  if (!positionIds.length) throw new Error('inbox query needs at least one position');
  const { pageSize, offset, cond, params, index } = inboxWhere(f, floorId);
  const want = offset + pageSize + 1;
  const parts = positionIds.map(
    () => `(SELECT d.id FROM deliveries d${index} WHERE d.position_id = ?${cond} ORDER BY d.id DESC LIMIT ${want})`,
  );
  const sql = positionIds.length === 1 ? parts[0] : `SELECT id FROM (${parts.join(' UNION ALL ')}) u ORDER BY id DESC LIMIT ${want}`;
  return { sql, params: positionIds.flatMap((p) => [p, ...params]), pageSize, offset };
}

/**
 * The whole page in one statement; more rows than `pageSize` means more follow.
 *  - One position from the top or from a keyset cursor, filtered at most by what its index holds
 *    (the common case: the first page, unread, the next page by `before`): the rows straight from
 *    the position's ordered index range, joined as they are read (STRAIGHT_JOIN keeps deliveries
 *    first, so the index order serves ORDER BY and reading stops after pageSize + 1 rows).
 *  - Otherwise (several positions, an offset from `page`, a date range left to the optimizer, a
 *    filter on other columns or a text search that may read thousands of rows to find a page):
 *    the ids query above as a derived table, cut to the page plus one row, then joined to the
 *    rows, so skipped rows are never joined (a scan inside a join costs ~10 % more per row).
 */
export function inboxPageQuery(positionIds: number[], f: InboxFilters, floorId?: string): InboxSql {
  const w = inboxWhere(f, floorId);
  const indexOnly = !f.q && !f.typeCode && !f.urgency && !f.kind && !floorId;
  if (positionIds.length === 1 && w.offset === 0 && w.index && indexOnly) {
    return {
      sql: `SELECT STRAIGHT_JOIN ${INBOX_COLUMNS} FROM deliveries d${w.index} ${INBOX_JOINS} WHERE d.position_id = ?${w.cond} ORDER BY d.id DESC LIMIT ${w.pageSize + 1}`,
      params: [positionIds[0], ...w.params],
      pageSize: w.pageSize,
      offset: 0,
    };
  }
  const ids = inboxIdsQuery(positionIds, f, floorId);
  const page = `SELECT id FROM (${ids.sql}) u ORDER BY id DESC LIMIT ${ids.pageSize + 1} OFFSET ${ids.offset}`;
  return { ...ids, sql: `SELECT ${INBOX_COLUMNS} FROM (${page}) pg JOIN deliveries d ON d.id = pg.id ${INBOX_JOINS} ORDER BY d.id DESC` };
}

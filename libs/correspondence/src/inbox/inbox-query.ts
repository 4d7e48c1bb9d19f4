/**
 * The inbox query, built as SQL that stays fast with millions of deliveries: one ordered index
 * range per position (ix_deliveries_inbox / ix_deliveries_inbox_unread, newest first), merged with
 * UNION ALL, so a page reads about pageSize rows per position instead of sorting an inbox. No
 * COUNT(*): the page says whether more follow (`hasMore`).
 */
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

/** The ids of one page (+1 to tell whether more follow), newest first, for the given positions. */
export function inboxIdsQuery(positionIds: number[], f: InboxFilters): InboxSql {
  if (!positionIds.length) throw new Error('inbox query needs at least one position');
  const pageSize = Math.min(Math.max(f.pageSize ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const offset = f.before ? 0 : (Math.max(f.page ?? 1, 1) - 1) * pageSize;
  const want = offset + pageSize + 1;
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
  const index = f.unread ? 'ix_deliveries_inbox_unread' : 'ix_deliveries_inbox';
  const cond = where.length ? ` AND ${where.join(' AND ')}` : '';
  const parts = positionIds.map(
    () => `(SELECT d.id FROM deliveries d FORCE INDEX (${index}) WHERE d.position_id = ?${cond} ORDER BY d.id DESC LIMIT ${want})`,
  );
  const sql = positionIds.length === 1 ? parts[0] : `SELECT id FROM (${parts.join(' UNION ALL ')}) u ORDER BY id DESC LIMIT ${want}`;
  return { sql, params: positionIds.flatMap((p) => [p, ...params]), pageSize, offset };
}

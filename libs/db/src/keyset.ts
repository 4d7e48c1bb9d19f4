import { DomainError } from '@naskah/core';

/**
 * Keyset pages over a "work queue source": a SELECT whose rows carry `sort_rank` (urgency as a
 * number, higher = more urgent), `sort_at` (the queue's date, DATETIME) and `sort_id` (unique in
 * the source). The count of a queue and its pages read the same source, so the count is the
 * number of rows the pages walk through.
 *  - `date`: newest first (sort_at DESC, sort_id DESC);
 *  - `urgency`: most urgent first, then newest (sort_rank DESC, sort_at DESC, sort_id DESC).
 * The cursor is opaque to clients: base64url of the last row's keys.
 */
export type WorkSort = 'date' | 'urgency';
export const WORK_SORTS: WorkSort[] = ['date', 'urgency'];

export interface WorkCursor {
  rank: number;
  at: Date;
  id: string;
}

export interface SqlPart {
  sql: string;
  params: unknown[];
}

export function encodeCursor(c: WorkCursor): string {
  return Buffer.from(JSON.stringify([c.rank, c.at.getTime(), c.id])).toString('base64url');
}

const badCursor = () =>
  new DomainError('VALIDATION_FAILED', 'VALIDATION', 'cursor: kursor halaman tidak dikenal; pakai nextCursor dari halaman sebelumnya (unknown cursor)', {
    fields: [{ field: 'cursor', reason: 'not a cursor given by this list' }],
  });

export function decodeCursor(text: string): WorkCursor {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) throw badCursor();
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(v) || v.length !== 3) throw badCursor();
  const [rank, at, id] = v;
  if (!Number.isInteger(rank) || rank < 0 || rank > 9 || !Number.isSafeInteger(at) || at < 0 || typeof id !== 'string' || !/^[1-9]\d{0,18}$/.test(id)) throw badCursor();
  return { rank, at: new Date(at), id };
}

/** The cursor of a row read from a source (`sort_rank`, `sort_at`, `sort_id`). */
export function cursorOf(row: Record<string, unknown>): string {
  return encodeCursor({ rank: Number(row.sort_rank ?? 0), at: new Date(row.sort_at as Date), id: String(row.sort_id) });
}

const ORDER: Record<WorkSort, string> = {
  date: 'q.sort_at DESC, q.sort_id DESC',
  urgency: 'q.sort_rank DESC, q.sort_at DESC, q.sort_id DESC',
};

/** `SELECT COUNT(*) AS n` over a source. */
export function countOf(source: SqlPart): SqlPart {
  return { sql: `SELECT COUNT(*) AS n FROM (${source.sql}) q`, params: source.params };
}

/** One page (+1 row, to tell whether more follow) of a source after `cursor`, in the sort's order. */
export function keysetPage(source: SqlPart, sort: WorkSort, cursor: WorkCursor | null, limit: number): SqlPart {
  const after: SqlPart = !cursor
    ? { sql: '', params: [] }
    : sort === 'date'
      ? { sql: 'WHERE (q.sort_at < ? OR (q.sort_at = ? AND q.sort_id < ?))', params: [cursor.at, cursor.at, cursor.id] }
      : {
          sql: 'WHERE (q.sort_rank < ? OR (q.sort_rank = ? AND (q.sort_at < ? OR (q.sort_at = ? AND q.sort_id < ?))))',
          params: [cursor.rank, cursor.rank, cursor.at, cursor.at, cursor.id],
        };
  return { sql: `SELECT q.* FROM (${source.sql}) q ${after.sql} ORDER BY ${ORDER[sort]} LIMIT ${Math.max(1, Math.floor(limit)) + 1}`, params: [...source.params, ...after.params] };
}

/** The same order and cursor test in memory, for a queue computed in code (its rows are few). */
export function keysetInMemory<T extends { sortRank: number; sortAt: Date; sortId: string }>(rows: T[], sort: WorkSort, cursor: WorkCursor | null, limit: number): { rows: T[]; hasMore: boolean } {
  const id = (x: string) => BigInt(x);
  const cmp = (a: { sortRank: number; sortAt: Date; sortId: string }, b: { sortRank: number; sortAt: Date; sortId: string }) =>
    (sort === 'urgency' ? b.sortRank - a.sortRank : 0) || b.sortAt.getTime() - a.sortAt.getTime() || (id(b.sortId) > id(a.sortId) ? 1 : id(b.sortId) < id(a.sortId) ? -1 : 0);
  const sorted = [...rows].sort(cmp);
  const rest = cursor ? sorted.filter((r) => cmp({ sortRank: cursor.rank, sortAt: cursor.at, sortId: cursor.id }, r) < 0) : sorted;
  return { rows: rest.slice(0, limit), hasMore: rest.length > limit };
}

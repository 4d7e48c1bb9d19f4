/**
 * The inbox query, built as SQL that stays fast with millions of deliveries: one ordered index
 * range per position (ix_deliveries_inbox / ix_deliveries_inbox_unread, newest first), merged with
 * UNION ALL, so a page reads about pageSize rows per position instead of sorting an inbox. No
 * COUNT(*): the page says whether more follow (`hasMore`).
 *  - A date range is left to the optimizer, which picks ix_deliveries_inbox_date (position,
 *    delivered at) for a narrow range and the id-ordered index for a wide one.
 *  - The page is read in ONE round trip (`inboxPageQuery`); page + 1 rows tell whether more follow.
 *
 * Text search (`q`) finds the deliveries whose subject, number or sender name contains the text
 * as typed, starting at the beginning of a word (`searchPattern`: "rapat koor" finds "Undangan
 * rapat koordinasi", "gistik" does not find "logistik"), case-insensitively; every character of
 * the text is literal (no LIKE wildcards, no FULLTEXT operators). It reaches every delivery of
 * the caller's positions, however old:
 *  - the newest SEARCH_SCAN_ROWS deliveries below the cursor are examined directly (a common word
 *    fills the page there, reading a few hundred rows), and up to SEARCH_MORE_ROWS more when the
 *    matches seen there say that fills the page;
 *  - below them, the FULLTEXT index ft_deliveries_search (migration 1764001400000) finds the
 *    candidates: its words are prefixed with their delivery's position (`p152_rapat`), so
 *    `+p152_rapat*` reads position 152's deliveries with a word starting with "rapat" and nothing
 *    of other positions; every word of the text is asked as such a prefix, and the exact rule
 *    above is applied to the candidates. Cost: the posting lists of those words in the caller's
 *    positions, plus one row read per candidate below the scanned rows.
 *  - A text without a letter or digit ("%", "(-)") has no word to ask the index: it is searched
 *    at most SEARCH_WINDOW deliveries per position per request; a page that ends its window early
 *    says `hasMore` and `nextBefore` continues below it (the web UI follows it).
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
  /** Text in subject, number or sender name, from the beginning of a word. */
  q?: string;
  /** Only copies (CC) or only addressed (TO). */
  kind?: 'TO' | 'CC';
  /** Keyset pagination: deliveries older than this delivery id. Takes precedence over page; only with the default sort. */
  before?: string;
  /** The order (INBOX_SORTS); `-receivedAt` (newest first) when absent. */
  sort?: InboxSort;
  page?: number;
  pageSize?: number;
}

/**
 * The orders of the inbox: received (newest / oldest first), urgency (most urgent first or last),
 * sender name (A–Z / Z–A). Ties go newest first (the id) in `-urgency` and `sender`, so every order
 * is total and stable; `urgency` and `-sender` are their exact reverses (ties oldest first), so
 * every order is one index range read forwards or backwards, never a sort of the inbox.
 * `-receivedAt` pages by keyset (`before`); the others by `page` (offset), read from an index that
 * holds the key after the position (ix_deliveries_inbox_urgency, ix_deliveries_inbox_sender,
 * migration 1764002700000), so a page reads offset + pageSize + 1 index entries per position.
 */
export const INBOX_SORTS = ['-receivedAt', 'receivedAt', '-urgency', 'urgency', 'sender', '-sender'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];
export const DEFAULT_INBOX_SORT: InboxSort = '-receivedAt';

interface SortSpec {
  /** The key column after the position (null: the id alone). */
  key: 'urgency' | 'sender_name' | null;
  dir: 'ASC' | 'DESC';
  idDir: 'ASC' | 'DESC';
  index: string;
}

export function sortSpec(sort: InboxSort = DEFAULT_INBOX_SORT): SortSpec {
  switch (sort) {
    case '-receivedAt': return { key: null, dir: 'DESC', idDir: 'DESC', index: 'ix_deliveries_inbox' };
    case 'receivedAt': return { key: null, dir: 'ASC', idDir: 'ASC', index: 'ix_deliveries_inbox' };
    case '-urgency': return { key: 'urgency', dir: 'DESC', idDir: 'DESC', index: 'ix_deliveries_inbox_urgency' };
    case 'urgency': return { key: 'urgency', dir: 'ASC', idDir: 'ASC', index: 'ix_deliveries_inbox_urgency' };
    case 'sender': return { key: 'sender_name', dir: 'ASC', idDir: 'DESC', index: 'ix_deliveries_inbox_sender' };
    case '-sender': return { key: 'sender_name', dir: 'DESC', idDir: 'ASC', index: 'ix_deliveries_inbox_sender' };
  }
}

/** ORDER BY of a sort over alias `a` ('' for a derived table's own columns; `k` = the key selected as k: urgency as its ordinal, which a UNION keeps in the enum's order). */
function orderBy(s: SortSpec, a: string, selectedKey = false): string {
  const p = a ? `${a}.` : '';
  const key = s.key ? `${selectedKey ? 'k' : p + s.key} ${s.dir}, ` : '';
  return `${key}${p}id ${s.idDir}`;
}

/** A delivery whose letter its office still holds (a copy destroyed under the retention schedule is left out, as the letter answers 410). */
export const HELD_D = 'NOT EXISTS (SELECT 1 FROM letter_holdings_ended e WHERE e.letter_id = d.letter_id AND e.office_id = d.office_id)';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
/** A text with no word for the index: rows examined per position per request (2,500 kept the page near 20 ms here). */
export const SEARCH_WINDOW = 2_500;
/** An indexed text: the newest rows examined directly before the index is asked (a word in 1 of 25 rows fills a page of 20 here). */
export const SEARCH_SCAN_ROWS = 500;
/** At most this many more rows examined directly when the first ones held matches, too few for a page (see InboxService). */
export const SEARCH_MORE_ROWS = 2_000;
const JAKARTA_OFFSET_MS = 7 * 3600 * 1000;

/** The UTC instant at which a Jakarta calendar day starts. */
export function jakartaDayStart(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) - JAKARTA_OFFSET_MS);
}

/** InnoDB's word characters (its FULLTEXT parser splits at anything else). */
const WORD = /[\p{L}\p{N}_]+/gu;
const WORD_CHAR = /^[\p{L}\p{N}_]$/u;

/** The token lengths the server indexes (innodb_ft_min_token_size / innodb_ft_max_token_size). */
export interface FullTextLimits {
  minToken: number;
  maxToken: number;
}
export const DEFAULT_FT_LIMITS: FullTextLimits = { minToken: 3, maxToken: 84 };

/** How the index spells a word of a position's delivery (the generated column search_words). */
export const positionWord = (positionId: number, word: string) => `p${positionId}_${word}`;

/**
 * The words of a search text the index can be asked for, longest (likely rarest) first; [] when
 * none. A word is left out when, with a position's prefix, it is longer than the index's longest
 * token (the index would not hold it; the exact rule still applies).
 */
export function indexedWords(q: string, positionIds: number[], limits: FullTextLimits = DEFAULT_FT_LIMITS): string[] {
  const words = new Set((q.toLowerCase().match(WORD) ?? []).filter((w) =>
    positionIds.every((p) => {
      const n = [...positionWord(p, w)].length;
      return n >= limits.minToken && n <= limits.maxToken;
    }),
  ));
  return [...words].sort((a, b) => b.length - a.length);
}

/**
 * The boolean-mode query: every word as a prefix within the caller's positions. Words are made of
 * word characters only, so no operator of the user's text survives.
 */
export function fullTextQuery(words: string[], positionIds: number[]): string {
  return words
    .map((w) => (positionIds.length === 1 ? `+${positionWord(positionIds[0], w)}*` : `+(${positionIds.map((p) => `${positionWord(p, w)}*`).join(' ')})`))
    .join(' ');
}

/**
 * The exact rule as a regular expression (PCRE in MariaDB, ICU in MySQL): the text, every
 * character literal (the metacharacters escaped; no extended mode, so spaces and # are literal),
 * case-insensitive, not preceded by a word character when it starts with one.
 */
export function searchPattern(q: string): string {
  const literal = q.replace(/[\\^$.|?*+()[\]{}]/g, (c) => `\\${c}`);
  return `(?i)${WORD_CHAR.test([...q][0] ?? '') ? '(?<![\\p{L}\\p{N}_])' : ''}${literal}`;
}

export interface InboxSql {
  sql: string;
  params: unknown[];
  pageSize: number;
  offset: number;
}

/**
 * For a text search: per position, the id of the `rows`-th newest delivery below `before` (an
 * index-only walk); positions with fewer rows are absent. The direct part of the search looks at
 * ids >= the highest of these, so every position is searched completely down to the same point.
 */
export function searchWindowQuery(positionIds: number[], before?: string, rows = SEARCH_WINDOW): { sql: string; params: unknown[] } {
  const part = `(SELECT ? AS position_id, d.id FROM deliveries d FORCE INDEX (ix_deliveries_inbox) WHERE d.position_id = ?${before ? ' AND d.id < ?' : ''} ORDER BY d.id DESC LIMIT 1 OFFSET ${rows - 1})`;
  return { sql: positionIds.map(() => part).join(' UNION ALL '), params: positionIds.flatMap((p) => (before ? [p, p, before] : [p, p])) };
}

interface InboxWhere {
  pageSize: number;
  offset: number;
  /** Conditions after `d.position_id = ?` (or the FULLTEXT match), with their parameters. */
  cond: string;
  params: unknown[];
  /** The FORCE INDEX clause ('' for a date range: left to the optimizer). */
  index: string;
}

export function pageOf(f: InboxFilters): { pageSize: number; offset: number } {
  const pageSize = Math.min(Math.max(f.pageSize ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  return { pageSize, offset: f.before ? 0 : (Math.max(f.page ?? 1, 1) - 1) * pageSize };
}

function inboxWhere(f: InboxFilters, floorId?: string, held = true): InboxWhere {
  const { pageSize, offset } = pageOf(f);
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.unread) where.push('d.read_at IS NULL');
  if (f.typeCode) (where.push('d.type_code = ?'), params.push(f.typeCode));
  if (f.urgency) (where.push('d.urgency = ?'), params.push(f.urgency));
  if (f.kind) (where.push('d.kind = ?'), params.push(f.kind));
  if (f.from) (where.push('d.created_at >= ?'), params.push(jakartaDayStart(f.from)));
  if (f.to) (where.push('d.created_at < ?'), params.push(new Date(jakartaDayStart(f.to).getTime() + 24 * 3600 * 1000)));
  if (f.q) {
    const pattern = searchPattern(f.q);
    where.push('(d.subject REGEXP ? OR d.number REGEXP ? OR d.sender_name REGEXP ?)');
    params.push(pattern, pattern, pattern);
  }
  if (f.before) (where.push('d.id < ?'), params.push(f.before));
  if (floorId) (where.push('d.id >= ?'), params.push(floorId));
  if (held) where.push(HELD_D);
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

/**
 * A text search through the FULLTEXT index: the rows of the matches below `f.before` (the part
 * the direct scan did not cover), newest first, at most `limit` after skipping `offset`. The
 * index gives the candidates of the caller's positions; position_id and the exact rule are
 * checked on each (the index is a filter that may let through more, never fewer).
 */
export function inboxIndexedSearchQuery(positionIds: number[], f: InboxFilters, words: string[], limit: number, offset = 0): { sql: string; params: unknown[] } {
  if (!positionIds.length) throw new Error('inbox query needs at least one position');
  if (!f.q || !words.length) throw new Error('indexed search needs a text with indexed words');
  const { cond, params } = inboxWhere(f);
  const ids = `SELECT d.id FROM deliveries d WHERE MATCH (d.search_words) AGAINST (? IN BOOLEAN MODE)
    AND d.position_id IN (${positionIds.map(() => '?').join(', ')})${cond} ORDER BY d.id DESC LIMIT ${limit} OFFSET ${offset}`;
  return {
    sql: `SELECT ${INBOX_COLUMNS} FROM (${ids}) pg JOIN deliveries d ON d.id = pg.id ${INBOX_JOINS} ORDER BY d.id DESC`,
    params: [fullTextQuery(words, positionIds), ...positionIds, ...params],
  };
}

/** The key of a sort as a selected column `k` (urgency as its ordinal number). */
const keyColumn = (s: SortSpec) => (s.key === 'urgency' ? ', d.urgency + 0 AS k' : s.key ? `, d.${s.key} AS k` : '');

/**
 * A page in an order other than newest first (`sort`), by offset: per position the first
 * offset + pageSize + 1 rows of its range in that order (the sort's index, unless a date range or
 * "unread" leaves the choice to the optimizer), merged, cut to the page plus one row and joined.
 * A text search with indexed words takes its candidates from the FULLTEXT index (every match, in
 * that order); a text without one is matched row by row over the positions' ranges.
 */
export function inboxSortedPageQuery(positionIds: number[], f: InboxFilters, words: string[] = []): InboxSql {
  if (!positionIds.length) throw new Error('inbox query needs at least one position');
  const s = sortSpec(f.sort);
  const { pageSize, offset, cond, params } = inboxWhere({ ...f, before: undefined });
  let page: string;
  let pageParams: unknown[];
  if (f.q && words.length) {
    page = `SELECT d.id${keyColumn(s)} FROM deliveries d WHERE MATCH (d.search_words) AGAINST (? IN BOOLEAN MODE)
      AND d.position_id IN (${positionIds.map(() => '?').join(', ')})${cond} ORDER BY ${orderBy(s, 'd')} LIMIT ${pageSize + 1} OFFSET ${offset}`;
    pageParams = [fullTextQuery(words, positionIds), ...positionIds, ...params];
  } else {
    const index = f.from || f.to || f.unread ? '' : ` FORCE INDEX (${s.index})`;
    const want = offset + pageSize + 1;
    const part = `(SELECT d.id${keyColumn(s)} FROM deliveries d${index} WHERE d.position_id = ?${cond} ORDER BY ${orderBy(s, 'd')} LIMIT ${want})`;
    page = `SELECT id${s.key ? ', k' : ''} FROM (${positionIds.map(() => part).join(' UNION ALL ')}) u ORDER BY ${orderBy(s, '', true)} LIMIT ${pageSize + 1} OFFSET ${offset}`;
    pageParams = positionIds.flatMap((p) => [p, ...params]);
  }
  return {
    sql: `SELECT ${INBOX_COLUMNS} FROM (${page}) pg JOIN deliveries d ON d.id = pg.id ${INBOX_JOINS} ORDER BY ${orderBy(s, 'd')}`,
    params: pageParams,
    pageSize,
    offset,
  };
}

/**
 * How many deliveries match the filters (every page together; `before` and `page` ignored), as
 * the list shows them: what the positions' index ranges hold (read from the index alone when only
 * "unread" or a date range filters), less those of letters whose holding the office has ended
 * (few, reached from letter_holdings_ended by letter) — checking the holding row by row would
 * read every delivery's row. A text search counts the FULLTEXT candidates that pass the exact
 * rule (a text with no indexed word: every row of the positions).
 */
export function inboxCountQuery(positionIds: number[], f: InboxFilters, words: string[] = [], limit?: number): { sql: string; params: unknown[] } {
  if (!positionIds.length) throw new Error('inbox query needs at least one position');
  const { cond, params } = inboxWhere({ ...f, before: undefined, page: undefined }, undefined, false);
  const marks = positionIds.map(() => '?').join(', ');
  const match = f.q && words.length ? 'MATCH (d.search_words) AGAINST (? IN BOOLEAN MODE) AND ' : '';
  const matchParams = match ? [fullTextQuery(words, positionIds)] : [];
  // `limit`: count no further than that many rows (the index range read stops there)
  const rows = `SELECT 1 FROM deliveries d WHERE ${match}d.position_id IN (${marks})${cond}`;
  return {
    sql: limit === undefined ? `SELECT COUNT(*) AS n FROM (${rows}) c` : `SELECT COUNT(*) AS n FROM (${rows} LIMIT ${Math.max(0, Math.floor(limit))}) c`,
    params: [...matchParams, ...positionIds, ...params],
  };
}

/** The destroyed copies among the rows `inboxCountQuery` counts (a few: read through the holdings-ended table). */
export function inboxDestroyedCountQuery(positionIds: number[], f: InboxFilters): { sql: string; params: unknown[] } {
  if (!positionIds.length) throw new Error('inbox query needs at least one position');
  const { cond, params } = inboxWhere({ ...f, before: undefined, page: undefined }, undefined, false);
  const marks = positionIds.map(() => '?').join(', ');
  return {
    sql: `SELECT COUNT(*) AS n FROM letter_holdings_ended e JOIN deliveries d FORCE INDEX (ix_deliveries_letter) ON d.letter_id = e.letter_id AND d.office_id = e.office_id
      WHERE d.position_id IN (${marks})${cond}`,
    params: [...positionIds, ...params],
  };
}

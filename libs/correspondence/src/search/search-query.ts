/**
 * Search across the letters a user may see (issue 12, item 5), as SQL that stays fast with a
 * million deliveries. Raw SQL for the path `npm run bench -- --only letter-search-p99` measures.
 *
 * Who: the access rule (access-policy.ts `accessSql`) is applied to every candidate, so the search
 * never finds more than a read would show; within it, letters not yet sent only when the caller
 * is on them (drafter, reviewer, signer: "drafts they are on"), never a cancelled letter, and
 * nothing of a letter whose holding by the caller's office has ended (destroyed under the
 * retention schedule: the read answers 410, the search does not find it).
 *
 * Where candidates come from, newest first (ids descending), so a page reads about a page:
 *  - the window: the newest `rows` letter_access rows of the caller's office (every position of
 *    the office, so the caller's own grants, the office's B letters and the T letters of the
 *    positions below the caller) and of the caller's positions in other offices (Plt/Plh), and
 *    the T letters below those; every filter and the exact text rule are applied to them;
 *  - below the window, for a text with an indexed word: the FULLTEXT indexes (letters' subject,
 *    number, body and external sender; external addressees' names) and, when the text names a few
 *    offices, the letters those offices sent or received — national candidates, each checked
 *    against the access rule and the filters;
 *  - otherwise (no text, or a text without an indexed word): further windows, at most
 *    SEARCH_WINDOW rows a request; a page that ends its window early says where to go on
 *    (`hasMore`, `nextBefore`).
 */
import { escapeLike } from '@naskah/db';
import { accessSql, AccessViewer, SecurityClass } from '../access/access-policy';
import { jakartaDayStart, searchPattern } from '../inbox/inbox-query';

export type SearchBox = 'sent' | 'received' | 'drafts';
export const SEARCH_BOXES: SearchBox[] = ['sent', 'received', 'drafts'];

export interface LetterSearchFilters {
  /** Text in subject, number, body, sender or addressee name, from the beginning of a word, every character literal. */
  q?: string;
  /** The letter's date (sent or registered; created for a draft) on or after this Jakarta day. */
  from?: string;
  /** … on or before this Jakarta day. */
  to?: string;
  typeCode?: string;
  /** A classification code and the codes below it ("PY.01" finds PY.01 and PY.01.1, not PY.010). */
  classificationCode?: string;
  securityClass?: SecurityClass;
  box?: SearchBox;
  /** Keyset: letters with an id below this one (the previous page's nextBefore). */
  before?: string;
  pageSize?: number;
}

/** Who searches: the access viewer plus what the window reads. */
export interface SearchScope {
  viewer: AccessViewer;
  /** Positions whose letter_access rows the window reads besides the office's: own/delegated positions in other offices and those below them. */
  otherPositionIds: number[];
  /** Every office whose name matches the text (more than MAX_NAME_OFFICES: too many to ask for their letters). */
  nameOfficeIds: number[];
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
/** letter_access rows per source examined directly before the indexes are asked (a common word fills a page there). */
export const SEARCH_SCAN_ROWS = 500;
/** Without an indexed word: rows per source examined per request before the page says where to go on. */
export const SEARCH_WINDOW = 5_000;
/** A text naming more offices than this ("KPU", "Kabupaten") is not asked through the offices' letters. */
export const MAX_NAME_OFFICES = 10;

const UNSENT = `'DRAFT','IN_REVIEW','RETURNED','APPROVED','SIGNED'`;
const ON_DRAFT = `'DRAFTER','REVIEWER','SIGNER'`;
const RECEIVED = `'ADDRESSEE','RECIPIENT','FORWARDER','REGISTRAR','DISPOSEE'`;
const ADDRESSED = `'ADDRESSEE','RECIPIENT'`;
const MIN_TOKEN = 3;
const WORD = /[\p{L}\p{N}_]+/gu;

export const ph = (xs: unknown[]) => (xs.length ? xs.map(() => '?').join(', ') : 'NULL');

export interface Sql {
  sql: string;
  params: unknown[];
}

export function pageSizeOf(f: LetterSearchFilters): number {
  return Math.min(Math.max(f.pageSize ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
}

/** The words of a text the FULLTEXT index can be asked for (each as a prefix); [] when none. */
export function letterIndexWords(q: string, minToken = MIN_TOKEN): string[] {
  const words = new Set((q.toLowerCase().match(WORD) ?? []).filter((w) => [...w].length >= minToken && [...w].length <= 84));
  return [...words].sort((a, b) => b.length - a.length);
}

/** Boolean mode: every word required, as a prefix; only word characters survive, so no operator of the text does. */
export const letterFullTextQuery = (words: string[]) => words.map((w) => `+${w}*`).join(' ');

/** The pattern that finds the offices a text names (their names searched like every field). */
export function officeNameQuery(q: string): Sql {
  return { sql: 'SELECT id FROM offices WHERE name REGEXP ? ORDER BY id', params: [searchPattern(q)] };
}

/**
 * Per source, the letter id of its `rows`-th newest letter_access row below `before` (an index-only
 * walk). The window covers ids ≥ the highest of these, so every source is read completely down to
 * the same point; a source with fewer rows is absent (read to its end).
 */
export function windowFloorQuery(scope: SearchScope, before: string | undefined, rows: number): Sql {
  const parts: string[] = [];
  const params: unknown[] = [];
  const lim = `ORDER BY letter_id DESC LIMIT 1 OFFSET ${rows - 1}`;
  if (scope.viewer.officeId !== null) {
    parts.push(`(SELECT letter_id FROM letter_access FORCE INDEX (ix_letter_access_office) WHERE office_id = ?${before ? ' AND letter_id < ?' : ''} ${lim})`);
    params.push(scope.viewer.officeId, ...(before ? [before] : []));
  }
  for (const p of scope.otherPositionIds) {
    parts.push(`(SELECT letter_id FROM letter_access FORCE INDEX (ix_letter_access_position) WHERE position_id = ?${before ? ' AND letter_id < ?' : ''} ${lim})`);
    params.push(p, ...(before ? [before] : []));
  }
  return { sql: parts.join(' UNION ALL '), params };
}

/** The window's candidate letter ids: the sources' rows in [floor, before). */
function windowCandidates(scope: SearchScope, before?: string, floor?: string): Sql {
  const parts: string[] = [];
  const params: unknown[] = [];
  const range = `${before ? ' AND letter_id < ?' : ''}${floor ? ' AND letter_id >= ?' : ''}`;
  const bounds = [...(before ? [before] : []), ...(floor ? [floor] : [])];
  if (scope.viewer.officeId !== null) {
    parts.push(`SELECT letter_id AS id FROM letter_access FORCE INDEX (ix_letter_access_office) WHERE office_id = ?${range}`);
    params.push(scope.viewer.officeId, ...bounds);
  }
  if (scope.otherPositionIds.length) {
    parts.push(`SELECT letter_id AS id FROM letter_access FORCE INDEX (ix_letter_access_position) WHERE position_id IN (${ph(scope.otherPositionIds)})${range}`);
    params.push(...scope.otherPositionIds, ...bounds);
  }
  if (!parts.length) return { sql: 'SELECT NULL AS id FROM DUAL WHERE 0', params: [] };
  return { sql: parts.join(' UNION '), params };
}

/** National candidates for a text below `before`: the FULLTEXT indexes and, for a text naming a few offices, their letters. */
function indexedCandidates(scope: SearchScope, words: string[], before?: string): Sql {
  const lt = before ? ' AND id < ?' : '';
  const ltl = before ? ' AND letter_id < ?' : '';
  const b = before ? [before] : [];
  const ft = letterFullTextQuery(words);
  const parts = [
    `SELECT id FROM letters WHERE MATCH (subject, number, body, external_sender) AGAINST (? IN BOOLEAN MODE)${lt}`,
    `SELECT letter_id AS id FROM letter_recipients WHERE MATCH (external_name) AGAINST (? IN BOOLEAN MODE)${ltl}`,
  ];
  const params: unknown[] = [ft, ...b, ft, ...b];
  const m = scope.nameOfficeIds;
  if (m.length && m.length <= MAX_NAME_OFFICES) {
    const mine = scope.viewer.positionIds;
    parts.push(
      // sent by those offices
      `SELECT id FROM letters FORCE INDEX (ix_letters_office) WHERE office_id IN (${ph(m)}) AND status IN ('SENT', ${UNSENT})${lt}`,
      // received by them
      `SELECT letter_id AS id FROM letter_access FORCE INDEX (ix_letter_access_office) WHERE office_id IN (${ph(m)}) AND reason IN (${ADDRESSED})${ltl}`,
      // the caller's unsent drafts (their addressees are not granted before sending)
      `SELECT id FROM letters FORCE INDEX (ix_letters_drafter) WHERE drafter_position_id IN (${ph(mine)}) AND status IN (${UNSENT})${lt}`,
      `SELECT id FROM letters FORCE INDEX (ix_letters_signer) WHERE signer_position_id IN (${ph(mine)}) AND status IN (${UNSENT})${lt}`,
      `SELECT letter_id AS id FROM letter_reviews WHERE position_id IN (${ph(mine)})${ltl}`,
    );
    params.push(...m, ...b, ...m, ...b, ...mine, ...b, ...mine, ...b, ...mine, ...b);
  }
  return { sql: parts.join(' UNION '), params };
}

/** Every condition on a candidate `l`: access, what the search shows, filters, the exact text rule. */
export function searchConditions(scope: SearchScope, f: LetterSearchFilters): Sql {
  const v = scope.viewer;
  const mine = v.positionIds.length ? v.positionIds : [0];
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...ps: unknown[]) => (where.push(sql), params.push(...ps));
  const access = accessSql('l', v);
  add(access.sql, ...access.params);
  add('NOT EXISTS (SELECT 1 FROM letter_holdings_ended e WHERE e.letter_id = l.id AND e.office_id = ?)', v.officeId ?? 0);
  const onDraft = `(l.status IN (${UNSENT}) AND EXISTS (SELECT 1 FROM letter_access la WHERE la.letter_id = l.id AND la.position_id IN (${ph(mine)}) AND la.reason IN (${ON_DRAFT})))`;
  const box = boxConditions(v);
  if (f.box === 'drafts') add(onDraft, ...mine);
  else if (f.box === 'sent') add(box.sent.sql, ...box.sent.params);
  else if (f.box === 'received') add(box.received.sql, ...box.received.params);
  else add(`(l.status = 'SENT' OR ${onDraft})`, ...mine);
  if (f.securityClass) add('l.security_class = ?', f.securityClass);
  const rest = letterFilterSql(f, scope.nameOfficeIds);
  if (rest.sql) add(rest.sql, ...rest.params);
  return { sql: where.join(' AND '), params };
}

/** The filters the search shares with the outbox boxes, on `l`: type, classification (and below), the letter's date, the exact text rule. '' when none. */
export function letterFilterSql(f: Pick<LetterSearchFilters, 'q' | 'from' | 'to' | 'typeCode' | 'classificationCode'>, nameOfficeIds: number[]): Sql {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...ps: unknown[]) => (where.push(sql), params.push(...ps));
  if (f.typeCode) add('l.type_code = ?', f.typeCode);
  if (f.classificationCode) add(`(l.classification_code = ? OR l.classification_code LIKE ?)`, f.classificationCode, `${escapeLike(f.classificationCode)}.%`);
  if (f.from) add('COALESCE(l.sent_at, l.created_at) >= ?', jakartaDayStart(f.from));
  if (f.to) add('COALESCE(l.sent_at, l.created_at) < ?', new Date(jakartaDayStart(f.to).getTime() + 24 * 3600 * 1000));
  if (f.q) {
    const t = textCondition(f.q, nameOfficeIds);
    add(t.sql, ...t.params);
  }
  return { sql: where.join(' AND '), params };
}

/** The exact text rule on `l`: subject, number, body, sender (external or the sending office), addressees (external names, offices, positions' offices). */
export function textCondition(q: string, nameOfficeIds: number[]): Sql {
  const p = searchPattern(q);
  const parts = ['l.subject REGEXP ?', 'l.number REGEXP ?', 'l.body REGEXP ?', 'l.external_sender REGEXP ?'];
  const params: unknown[] = [p, p, p, p];
  parts.push('EXISTS (SELECT 1 FROM letter_recipients r WHERE r.letter_id = l.id AND r.external_name REGEXP ?)');
  params.push(p);
  const m = nameOfficeIds;
  if (m.length) {
    parts.push(
      `(l.origin = 'INTERNAL' AND l.office_id IN (${ph(m)}))`,
      `EXISTS (SELECT 1 FROM letter_recipients r LEFT JOIN positions rp ON rp.id = r.position_id WHERE r.letter_id = l.id AND (r.office_id IN (${ph(m)}) OR rp.office_id IN (${ph(m)})))`,
      `EXISTS (SELECT 1 FROM letter_access la WHERE la.letter_id = l.id AND la.office_id IN (${ph(m)}) AND la.reason IN (${ADDRESSED}))`,
    );
    params.push(...m, ...m, ...m, ...m);
  }
  return { sql: `(${parts.join(' OR ')})`, params };
}

/** Which box a letter is in for the viewer: sent by their office (or by them), received at their office or positions. */
export function boxConditions(v: AccessViewer): { sent: Sql; received: Sql } {
  const mine = v.positionIds.length ? v.positionIds : [0];
  return {
    sent: {
      sql: `(l.status = 'SENT' AND l.origin = 'INTERNAL' AND (l.office_id = ? OR l.drafter_position_id IN (${ph(mine)}) OR l.signer_position_id IN (${ph(mine)})))`,
      params: [v.officeId ?? 0, ...mine, ...mine],
    },
    received: {
      sql: `(l.status = 'SENT' AND EXISTS (SELECT 1 FROM letter_access la WHERE la.letter_id = l.id AND la.reason IN (${RECEIVED}) AND (la.office_id = ? OR la.position_id IN (${ph(mine)}))))`,
      params: [v.officeId ?? 0, ...mine],
    },
  };
}

export const SEARCH_COLUMNS = `l.id, l.origin, l.office_id, o.name AS office_name, l.external_sender, l.type_code, l.subject, l.number, l.classification_code,
  l.security_class, l.urgency, l.status, l.sent_at, l.created_at`;

/**
 * A necessary condition of the access rule, on a candidate id `u.id`: a grant of the caller's office
 * or of their positions elsewhere (every letter the rule shows has one). One index lookup, before
 * the letter's row is read: national candidates the caller may not see cost little.
 */
function reachable(scope: SearchScope): Sql {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (scope.viewer.officeId !== null) (parts.push('EXISTS (SELECT 1 FROM letter_access g WHERE g.office_id = ? AND g.letter_id = u.id)'), params.push(scope.viewer.officeId));
  if (scope.otherPositionIds.length) {
    parts.push(`EXISTS (SELECT 1 FROM letter_access g WHERE g.letter_id = u.id AND g.position_id IN (${ph(scope.otherPositionIds)}))`);
    params.push(...scope.otherPositionIds);
  }
  return { sql: parts.length ? `(${parts.join(' OR ')})` : '0', params };
}

function pageOver(candidates: Sql, scope: SearchScope, f: LetterSearchFilters, limit: number, prefilter = false): Sql {
  const c = searchConditions(scope, f);
  const box = boxConditions(scope.viewer);
  const pre = prefilter ? reachable(scope) : { sql: '', params: [] };
  return {
    sql: `SELECT ${SEARCH_COLUMNS}, ${box.sent.sql} AS in_sent, ${box.received.sql} AS in_received
      FROM (SELECT DISTINCT id FROM (${candidates.sql}) u${pre.sql ? ` WHERE ${pre.sql}` : ''}) c STRAIGHT_JOIN letters l ON l.id = c.id JOIN offices o ON o.id = l.office_id
      WHERE ${c.sql} ORDER BY l.id DESC LIMIT ${limit}`,
    params: [...box.sent.params, ...box.received.params, ...candidates.params, ...pre.params, ...c.params],
  };
}

/** One window's matches (ids in [floor, before)), newest first, at most `limit`. */
export function windowPageQuery(scope: SearchScope, f: LetterSearchFilters, limit: number, before?: string, floor?: string): Sql {
  return pageOver(windowCandidates(scope, before, floor), scope, f, limit);
}

/** The indexed matches below `before`, newest first, at most `limit`. */
export function indexedPageQuery(scope: SearchScope, f: LetterSearchFilters, words: string[], limit: number, before?: string): Sql {
  if (!f.q || !words.length) throw new Error('indexed search needs a text with indexed words');
  return pageOver(indexedCandidates(scope, words, before), scope, f, limit, true);
}

/** True when the indexed candidates cover every match of the text (its words are indexed; the offices it names are few). */
export function indexCovers(scope: SearchScope, words: string[]): boolean {
  return words.length > 0 && scope.nameOfficeIds.length <= MAX_NAME_OFFICES;
}

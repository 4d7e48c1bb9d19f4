import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Queryable, ReadReplicas } from '@naskah/db';
import { DomainError } from '@naskah/core';
import { Principal } from '@naskah/identity';
import { LetterAccessService } from '../access/letter-access.service';
import {
  DEFAULT_FT_LIMITS, DEFAULT_INBOX_SORT, FullTextLimits, InboxFilters, inboxCountQuery, inboxDestroyedCountQuery, inboxIndexedSearchQuery, inboxPageQuery, inboxSortedPageQuery, InboxSort, indexedWords, pageOf,
  SEARCH_MORE_ROWS, SEARCH_SCAN_ROWS, SEARCH_WINDOW, searchWindowQuery,
} from './inbox-query';
import { InboxItem, toInboxItem } from './delivery-view';

export interface InboxPage {
  items: InboxItem[];
  page: number;
  pageSize: number;
  hasMore: boolean;
  /** Pass as `before` to read the next page by keyset (fast at any depth). */
  nextBefore: string | null;
  positionIds: number[];
  /** The order of the items (INBOX_SORTS). */
  sort: InboxSort;
  /** How many items match the filters over every page; counted on the first page only (null on the following ones). */
  total: number | null;
  /** true: more than `total` items match (the count stopped at INBOX_TOTAL_CAP). */
  totalCapped: boolean;
}

type Row = Record<string, unknown>;

/** Naskah masuk: what reached the caller's positions (own and held by delegation), newest first. */
/** How far an inbox's total is counted: a clerk reads "lebih dari 1.000 naskah" beyond it. */
export const INBOX_TOTAL_CAP = 1000;
/** Rows counted past the cap, so the few destroyed copies subtracted still leave the answer exact. */
const DESTROYED_SLACK = 100;

@Injectable()
export class InboxService {
  /** The total is counted up to this many items; beyond it the page says "more than" (INBOX_TOTAL_CAP). */
  totalCap = INBOX_TOTAL_CAP;
  private ftLimits?: Promise<FullTextLimits>;

  constructor(
    private readonly ds: DataSource,
    private readonly access: LetterAccessService,
    private readonly replicas: ReadReplicas,
  ) {}

  async list(p: Principal, filters: InboxFilters & { positionId?: number }): Promise<InboxPage> {
    const viewer = await this.access.viewerOf(p);
    let positionIds = viewer.positionIds;
    if (filters.positionId !== undefined) {
      if (!positionIds.includes(filters.positionId)) {
        throw new DomainError('NOT_YOUR_POSITION', 'FORBIDDEN', 'positionId: Anda tidak memegang jabatan ini (not a position you act for)', { fields: [{ field: 'positionId', reason: 'not yours' }] });
      }
      positionIds = [filters.positionId];
    }
    const sort = filters.sort ?? DEFAULT_INBOX_SORT;
    if (filters.before !== undefined && sort !== DEFAULT_INBOX_SORT) {
      throw new DomainError('VALIDATION_FAILED', 'VALIDATION', `before: hanya untuk urutan ${DEFAULT_INBOX_SORT}; urutan lain memakai page (keyset only for the default sort)`, { fields: [{ field: 'before', reason: `only with sort ${DEFAULT_INBOX_SORT}` }] });
    }
    const f: InboxFilters = { ...filters, sort, q: filters.q?.trim() || undefined };
    const { pageSize, offset } = pageOf(f);
    const page = f.before ? 1 : Math.max(f.page ?? 1, 1);
    if (!positionIds.length) return { items: [], page, pageSize, hasMore: false, nextBefore: null, positionIds, sort, total: 0, totalCapped: false };
    const words = f.q ? indexedWords(f.q, positionIds, await this.fullTextLimits()) : [];
    // a list tolerates a few seconds of staleness: a healthy replica answers it (the positions it
    // covers were read from the primary above), unless this user wrote a moment ago
    const db = await this.replicas.reader(p);
    const counted = !f.before && page === 1 ? await this.count(db, positionIds, f, words) : null;
    const total = counted?.total ?? null;
    const totalCapped = counted?.capped ?? false;
    if (sort !== DEFAULT_INBOX_SORT) {
      const sorted = await this.query(db, inboxSortedPageQuery(positionIds, f, words));
      const more = sorted.length > pageSize;
      return { items: (more ? sorted.slice(0, pageSize) : sorted).map(toInboxItem), page, pageSize, hasMore: more, nextBefore: null, positionIds, sort, total, totalCapped };
    }
    let rows: Row[];
    // Only a text with no word for the index leaves a window behind: the page says where to go on.
    let windowFloor: string | undefined;
    if (!f.q) rows = await this.query(db, inboxPageQuery(positionIds, f));
    else if (words.length) rows = await this.indexedSearch(db, positionIds, f, words, pageSize, offset);
    else {
      windowFloor = await this.searchFloor(db, positionIds, f.before, SEARCH_WINDOW);
      rows = await this.query(db, inboxPageQuery(positionIds, f, windowFloor));
    }
    const full = rows.length > pageSize;
    const items = (full ? rows.slice(0, pageSize) : rows).map(toInboxItem);
    const nextBefore = full ? items[items.length - 1].id : (windowFloor ?? null);
    return { items, page, pageSize, hasMore: nextBefore !== null, nextBefore, positionIds, sort, total, totalCapped };
  }

  /**
   * The total, counted no further than `totalCap` (a count reads every row it counts: an inbox of
   * 10,000 letters made every first page pay for 10,000 index entries), in one round trip with the
   * destroyed copies (a few). The held rows are counted up to cap + 1 + DESTROYED_SLACK, so the answer
   * is exact — the number, or "more than the cap" — unless more copies than the slack were destroyed;
   * then what is said (more than the rows counted less the destroyed) is still true.
   */
  private async count(db: Queryable, positionIds: number[], f: InboxFilters, words: string[]): Promise<{ total: number; capped: boolean }> {
    const limit = this.totalCap + 1 + DESTROYED_SLACK;
    const held = inboxCountQuery(positionIds, f, words, limit);
    const gone = inboxDestroyedCountQuery(positionIds, f);
    const [r] = await db.query(`SELECT (${held.sql}) AS n, (${gone.sql}) AS destroyed`, [...held.params, ...gone.params]);
    const n = Number(r?.n ?? 0);
    const destroyed = Number(r?.destroyed ?? 0);
    // n < limit: every held row was counted; n = limit: at least n - destroyed are held
    const total = Math.max(0, n - destroyed);
    if (n < limit) return total > this.totalCap ? { total: this.totalCap, capped: true } : { total, capped: false };
    return { total: Math.min(this.totalCap, Math.max(0, total - 1)), capped: true };
  }

  /**
   * Every match below the cursor, newest first: the newest SEARCH_SCAN_ROWS deliveries read
   * directly (a common word fills the page there); when they held some matches but too few, up to
   * SEARCH_MORE_ROWS more are read directly where the rate seen says they will fill the page (a
   * frequent word would make the index hand over thousands of candidates); the rest comes from the
   * FULLTEXT index. A page number (offset) asks the index alone.
   */
  private async indexedSearch(db: Queryable, positionIds: number[], f: InboxFilters, words: string[], pageSize: number, offset: number): Promise<Row[]> {
    if (offset) return this.query(db, inboxIndexedSearchQuery(positionIds, f, words, pageSize + 1, offset));
    const want = pageSize + 1;
    let floor = await this.searchFloor(db, positionIds, f.before, SEARCH_SCAN_ROWS);
    let rows = await this.query(db, inboxPageQuery(positionIds, f, floor));
    if (floor === undefined || rows.length >= want) return rows;
    const more = rows.length ? Math.ceil((1.5 * (want - rows.length) * SEARCH_SCAN_ROWS) / rows.length) : Infinity;
    if (more <= SEARCH_MORE_ROWS) {
      const below = floor;
      floor = await this.searchFloor(db, positionIds, below, more);
      rows = rows.concat(await this.query(db, inboxPageQuery(positionIds, { ...f, before: below, pageSize: want - rows.length }, floor)));
      if (floor === undefined || rows.length >= want) return rows.slice(0, want);
    }
    return rows.concat(await this.query(db, inboxIndexedSearchQuery(positionIds, { ...f, before: floor }, words, want - rows.length)));
  }

  private query(db: Queryable, q: { sql: string; params: unknown[] }): Promise<Row[]> {
    return db.query(q.sql, q.params);
  }

  /** The lowest id the direct part of a text search looks at (undefined: every position has fewer rows than that). */
  private async searchFloor(db: Queryable, positionIds: number[], before: string | undefined, rows: number): Promise<string | undefined> {
    const w = searchWindowQuery(positionIds, before, rows);
    const found: { id: string }[] = await db.query(w.sql, w.params);
    if (!found.length) return undefined;
    return found.map((r) => BigInt(r.id)).reduce((a, b) => (a > b ? a : b)).toString();
  }

  /** The server's indexed token lengths, read once per process (a word outside them is not in the index). */
  private fullTextLimits(): Promise<FullTextLimits> {
    this.ftLimits ??= this.ds
      .query('SELECT @@innodb_ft_min_token_size AS lo, @@innodb_ft_max_token_size AS hi')
      .then(([r]: { lo: unknown; hi: unknown }[]) => ({ minToken: Number(r.lo) || DEFAULT_FT_LIMITS.minToken, maxToken: Number(r.hi) || DEFAULT_FT_LIMITS.maxToken }))
      .catch(() => {
        this.ftLimits = undefined;
        return DEFAULT_FT_LIMITS;
      });
    return this.ftLimits;
  }
}

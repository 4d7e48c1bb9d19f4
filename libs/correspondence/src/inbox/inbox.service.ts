import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@naskah/core';
import { Principal } from '@naskah/identity';
import { LetterAccessService } from '../access/letter-access.service';
import { InboxFilters, inboxIdsQuery, searchWindowQuery } from './inbox-query';
import { INBOX_COLUMNS, INBOX_JOINS, InboxItem, toInboxItem } from './delivery-view';

export interface InboxPage {
  items: InboxItem[];
  page: number;
  pageSize: number;
  hasMore: boolean;
  /** Pass as `before` to read the next page by keyset (fast at any depth). */
  nextBefore: string | null;
  positionIds: number[];
}

/** Naskah masuk: what reached the caller's positions (own and held by delegation), newest first. */
@Injectable()
export class InboxService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: LetterAccessService,
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
    const empty = { items: [], page: filters.page ?? 1, pageSize: filters.pageSize ?? 20, hasMore: false, nextBefore: null, positionIds };
    if (!positionIds.length) return empty;
    const floor = filters.q ? await this.searchFloor(positionIds, filters.before) : undefined;
    const q = inboxIdsQuery(positionIds, filters, floor);
    const ids: { id: string }[] = await this.ds.query(q.sql, q.params);
    const pageIds = ids.slice(q.offset, q.offset + q.pageSize).map((r) => r.id);
    const full = ids.length > q.offset + q.pageSize;
    // A search window ended before the page filled: more may match below it; continue from there.
    const hasMore = full || floor !== undefined;
    const nextBefore = full ? pageIds[pageIds.length - 1] : (floor ?? null);
    if (!pageIds.length) return { ...empty, pageSize: q.pageSize, hasMore, nextBefore };
    const rows = await this.ds.query(
      `SELECT ${INBOX_COLUMNS} FROM deliveries d ${INBOX_JOINS} WHERE d.id IN (${pageIds.map(() => '?').join(', ')}) ORDER BY d.id DESC`,
      pageIds,
    );
    return {
      items: rows.map(toInboxItem),
      page: filters.before ? 1 : Math.max(filters.page ?? 1, 1),
      pageSize: q.pageSize,
      hasMore,
      nextBefore,
      positionIds,
    };
  }

  /** The lowest id a text search may look at in this request (undefined: every position fits in one window). */
  private async searchFloor(positionIds: number[], before?: string): Promise<string | undefined> {
    const w = searchWindowQuery(positionIds, before);
    const rows: { id: string }[] = await this.ds.query(w.sql, w.params);
    if (!rows.length) return undefined;
    return rows.map((r) => BigInt(r.id)).reduce((a, b) => (a > b ? a : b)).toString();
  }
}

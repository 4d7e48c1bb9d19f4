import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@naskah/core';
import { Principal } from '@naskah/identity';
import { LetterAccessService } from '../access/letter-access.service';
import { InboxFilters, inboxPageQuery, searchWindowQuery } from './inbox-query';
import { InboxItem, toInboxItem } from './delivery-view';

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
    const q = inboxPageQuery(positionIds, filters, floor);
    const rows: Record<string, unknown>[] = await this.ds.query(q.sql, q.params);
    const full = rows.length > q.pageSize;
    const items = (full ? rows.slice(0, q.pageSize) : rows).map(toInboxItem);
    // A search window ended before the page filled: more may match below it; continue from there.
    const hasMore = full || floor !== undefined;
    const nextBefore = full ? items[items.length - 1].id : (floor ?? null);
    if (!items.length) return { ...empty, pageSize: q.pageSize, hasMore, nextBefore };
    return {
      items,
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

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Queryable, ReadReplicas } from '@naskah/db';
import { escapeLike } from '@naskah/db';
import { Principal } from '@naskah/identity';
import { AccessViewer, SecurityClass } from '../access/access-policy';
import { LetterAccessService } from '../access/letter-access.service';
import type { LetterStatus, Urgency } from '../letters/letter.types';
import {
  indexCovers, indexedPageQuery, LetterSearchFilters, letterIndexWords, officeNameQuery, pageSizeOf, ph, SEARCH_SCAN_ROWS, SEARCH_WINDOW, SearchBox, SearchScope,
  Sql, windowFloorQuery, windowPageQuery,
} from './search-query';

/** One letter found. */
export interface LetterSearchItem {
  id: string;
  subject: string;
  number: string | null;
  typeCode: string;
  classificationCode: string | null;
  securityClass: SecurityClass;
  urgency: Urgency;
  status: LetterStatus;
  origin: 'INTERNAL' | 'EXTERNAL';
  /** The sending office, or the external sender's name (officeId null) for registered mail. */
  sender: { officeId: number | null; name: string };
  /** Sent (registered, for external mail), or created for a letter not yet sent: what from/to filter. */
  date: Date;
  sentAt: Date | null;
  createdAt: Date;
  /** Where the letter is for the caller: sent by their office or by them, received at their office or positions, a draft they are on. */
  boxes: SearchBox[];
}

export interface LetterSearchPage {
  items: LetterSearchItem[];
  pageSize: number;
  hasMore: boolean;
  /** Pass as `before` for the next page (also when a page ends its window early with fewer items). */
  nextBefore: string | null;
}

type Row = Record<string, unknown>;

/**
 * Search across the letters a user may see (sent, received, drafts they are on). How it stays
 * fast and complete: search-query.ts. The figure: bench/product/letter-search.ts.
 */
@Injectable()
export class LetterSearchService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: LetterAccessService,
    private readonly replicas: ReadReplicas,
  ) {}

  async search(p: Principal, filters: LetterSearchFilters): Promise<LetterSearchPage> {
    const f: LetterSearchFilters = { ...filters, q: filters.q?.trim() || undefined };
    const pageSize = pageSizeOf(f);
    const want = pageSize + 1;
    const viewer = await this.access.viewerOf(p);
    if (viewer.officeId === null && !viewer.positionIds.length) return { items: [], pageSize, hasMore: false, nextBefore: null };
    // the positions searched are read from the primary (they decide what is seen); the letters, a
    // list that tolerates a few seconds of staleness, from a healthy replica unless this user wrote a moment ago
    const db = await this.replicas.reader(p);
    const scope = await this.scopeOf(db, viewer, f.q);
    const words = f.q ? letterIndexWords(f.q) : [];
    const indexed = Boolean(f.q) && indexCovers(scope, words);

    let rows: Row[] = [];
    let before = f.before;
    let scanned = 0;
    let size = SEARCH_SCAN_ROWS;
    let nextBefore: string | null = null;
    for (;;) {
      const floor = await this.floor(db, scope, before, size);
      rows = rows.concat(await this.query(db, windowPageQuery(scope, f, want - rows.length, before, floor)));
      if (rows.length >= want || floor === undefined) break;
      scanned += size;
      before = floor;
      if (indexed) {
        rows = rows.concat(await this.query(db, indexedPageQuery(scope, f, words, want - rows.length, floor)));
        break;
      }
      if (scanned >= SEARCH_WINDOW) {
        nextBefore = floor;
        break;
      }
      size = Math.min(SEARCH_WINDOW - scanned, size * 4);
    }
    const full = rows.length > pageSize;
    const items = rows.slice(0, pageSize).map(toItem);
    if (full) nextBefore = items[items.length - 1].id;
    return { items, pageSize, hasMore: nextBefore !== null, nextBefore };
  }

  /** The window's other sources (positions outside the caller's office: Plt/Plh and those below them) and the offices the text names. */
  private async scopeOf(db: Queryable, viewer: AccessViewer, q: string | undefined): Promise<SearchScope> {
    const mine = viewer.positionIds;
    const paths = viewer.positionPaths;
    const positions: { id: number; office_id: number }[] = mine.length
      ? await this.ds.query(
          `SELECT id, office_id FROM positions WHERE id IN (${ph(mine)})${paths.map(() => ' OR path LIKE ?').join('')}`,
          [...mine, ...paths.map((x) => `${escapeLike(x)}%`)],
        )
      : [];
    const otherPositionIds = positions.filter((r) => Number(r.office_id) !== viewer.officeId).map((r) => Number(r.id));
    const nameOfficeIds = q ? (await this.query(db, officeNameQuery(q))).map((r) => Number(r.id)) : [];
    return { viewer, otherPositionIds, nameOfficeIds };
  }

  private async floor(db: Queryable, scope: SearchScope, before: string | undefined, rows: number): Promise<string | undefined> {
    const w = windowFloorQuery(scope, before, rows);
    if (!w.sql) return undefined;
    const found: { letter_id: string }[] = await db.query(w.sql, w.params);
    if (!found.length) return undefined;
    return found.map((r) => BigInt(r.letter_id)).reduce((a, b) => (a > b ? a : b)).toString();
  }

  private query(db: Queryable, q: Sql): Promise<Row[]> {
    return db.query(q.sql, q.params);
  }
}

const UNSENT_STATUSES = new Set(['DRAFT', 'IN_REVIEW', 'RETURNED', 'APPROVED', 'SIGNED']);

function toItem(r: Row): LetterSearchItem {
  const external = r.origin === 'EXTERNAL';
  const boxes: SearchBox[] = [];
  if (Number(r.in_sent)) boxes.push('sent');
  if (Number(r.in_received)) boxes.push('received');
  if (UNSENT_STATUSES.has(String(r.status))) boxes.push('drafts');
  return {
    id: String(r.id), subject: String(r.subject), number: (r.number as string) ?? null, typeCode: String(r.type_code),
    classificationCode: (r.classification_code as string) ?? null, securityClass: r.security_class as SecurityClass, urgency: r.urgency as Urgency,
    status: r.status as LetterStatus, origin: external ? 'EXTERNAL' : 'INTERNAL',
    sender: external ? { officeId: null, name: String(r.external_sender ?? '') } : { officeId: Number(r.office_id), name: String(r.office_name) },
    date: ((r.sent_at as Date) ?? r.created_at) as Date, sentAt: (r.sent_at as Date) ?? null, createdAt: r.created_at as Date, boxes,
  };
}

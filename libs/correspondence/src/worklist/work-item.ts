import type { Role } from '@naskah/identity';
import type { Queryable, WorkCursor, WorkSort } from '@naskah/db';
import type { AccessViewer } from '../access/access-policy';
import type { Urgency } from '../letters/letter.types';

/**
 * The work queues (issue 12): what waits for a signed-in user in every position they act for today.
 * One spelling per queue, used in URLs and responses.
 */
export const WORK_QUEUES = ['review', 'signature', 'returned', 'ready-to-send', 'to-forward', 'unread', 'no-follow-up', 'dispositions', 'proposals', 'unfiled'] as const;
export type WorkQueue = (typeof WORK_QUEUES)[number];

/** Who asks: the scope every queue query takes (own position + today's Plt/Plh, the office, the roles). */
export interface WorkScope {
  userId: number;
  officeId: number | null;
  roles: Role[];
  viewer: AccessViewer;
  /** Where counts are read (ReadReplicas.reader: a healthy replica or the primary); absent: the primary. */
  db?: Queryable;
}

/** A page request: sort, keyset cursor, size, optional text (escaped for LIKE by the queries). */
export interface WorkPageQuery {
  sort: WorkSort;
  cursor: WorkCursor | null;
  limit: number;
  q?: string;
}


/** One row of any queue, in one shape for the web app (fields that do not apply are null). */
export interface WorkItem {
  /** Unique within its queue: the id of what it is (letter, delivery, disposition, proposal). */
  id: string;
  kind: 'LETTER' | 'DELIVERY' | 'DISPOSITION' | 'PROPOSAL';
  letterId: string | null;
  deliveryId: string | null;
  dispositionId: string | null;
  proposalId: string | null;
  /** The letter's subject (hal) or the proposal's title; null when the reader may not see it. */
  subject: string | null;
  number: string | null;
  typeCode: string | null;
  urgency: Urgency;
  securityClass: string | null;
  status: string;
  /** The date the queue sorts by: updated (drafts), signed (ready to send), delivered, disposed, submitted (proposals). */
  date: Date;
  /** The position whose queue holds it (own or acted for as Plt/Plh); null for office-wide queues. */
  positionId: number | null;
  /** Sender (deliveries) or author (dispositions). */
  from: string | null;
  deadline: string | null;
  overdue: boolean;
  proposalKind: string | null;
  approvalStep: string | null;
  itemCount: number | null;
  recordKind: 'OUTGOING' | 'INCOMING' | null;
  /** Unfiled records: the dossier the filing screen would suggest first. */
  suggestion: { dossierId: string; title: string; classificationCode: string; reason: string } | null;
}

/** Every WorkItem field a context does not set. */
export const BLANK_ITEM: Omit<WorkItem, 'id' | 'kind' | 'urgency' | 'status' | 'date'> = {
  letterId: null, deliveryId: null, dispositionId: null, proposalId: null, subject: null, number: null, typeCode: null, securityClass: null,
  positionId: null, from: null, deadline: null, overdue: false, proposalKind: null, approvalStep: null, itemCount: null, recordKind: null, suggestion: null,
};

export interface WorkPage {
  items: WorkItem[];
  hasMore: boolean;
  /** Pass as `cursor` for the next page (same sort and text). */
  nextCursor: string | null;
}

/** A count, with the sub-counts some queues have (dispositions: unread, due soon, overdue) and the window of history queues. */
export interface QueueCount {
  count: number;
  sub?: Record<string, number>;
  /** First day (YYYY-MM-DD, WIB) a history queue looks back to. */
  since?: string;
  /** History queues are counted up to WORKLIST_COUNT_CAP: true when more than `count` wait. */
  capped?: boolean;
}

/**
 * The history queues (belum ditindaklanjuti, belum diberkaskan) are counted no further than this:
 * a count reads every item it counts, and an office's backlog can run to tens of thousands (an
 * archivist with 21,228 unfiled records made every Beranda pay 143 ms for the exact figure). The
 * counter then says "lebih dari 1.000"; the list pages through all of them. The inbox total is
 * capped the same way (INBOX_TOTAL_CAP).
 */
export const WORKLIST_COUNT_CAP = 1000;

/** A count read up to cap + 1 rows as the counter shows it. */
export function cappedCount(n: number, cap: number): Pick<QueueCount, 'count' | 'capped'> {
  return n > cap ? { count: cap, capped: true } : { count: n, capped: false };
}

import { Injectable } from '@nestjs/common';
import { Clock, DomainError } from '@naskah/core';
import { decodeCursor, ReadReplicas, WorkSort } from '@naskah/db';
import type { Principal } from '@naskah/identity';
import { LETTER_QUEUES, LetterAccessService, LetterQueue, LetterQueuesQuery, QueueCount, WORK_QUEUES, WorkPage, WorkQueue, WorkScope } from '@naskah/correspondence';
import { DISPOSITION_QUEUES, DispositionFilter, DispositionQueue, DispositionQueuesQuery } from '@naskah/disposition';
import { RECORDS_QUEUES, RecordsQueue, RecordsQueuesQuery, RecordsViewerService } from '@naskah/records';

/** Labels the web app shows (Bahasa Indonesia), in the order it shows them. */
export const QUEUE_LABELS: Record<WorkQueue, string> = {
  review: 'Perlu paraf',
  signature: 'Perlu tanda tangan',
  returned: 'Dikembalikan',
  'ready-to-send': 'Siap dikirim',
  'to-forward': 'Perlu diteruskan',
  unread: 'Surat masuk belum dibaca',
  'no-follow-up': 'Belum ditindaklanjuti',
  dispositions: 'Disposisi masuk',
  proposals: 'Usulan menunggu persetujuan saya',
  unfiled: 'Belum diberkaskan',
};

export interface QueueSummary extends QueueCount {
  queue: WorkQueue;
  label: string;
  /** false: not a queue of this user (e.g. "belum diberkaskan" for someone who is not the office's archivist); its count is 0. */
  applies: boolean;
}

export interface WorklistCounts {
  asOf: Date;
  /** The positions the queues are read for: own and held today as Plt/Plh. */
  positionIds: number[];
  /** Sum of the counts (an item may wait in two queues, e.g. unread and not yet followed up). */
  total: number;
  queues: QueueSummary[];
}

export interface WorkListRequest {
  sort?: WorkSort;
  cursor?: string;
  pageSize?: number;
  q?: string;
  filter?: DispositionFilter;
}

export const DEFAULT_PAGE_SIZE = 20;

const isIn = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);
const invalid = (field: string, reason: string) => new DomainError('VALIDATION_FAILED', 'VALIDATION', `${field}: ${reason}`, { fields: [{ field, reason }] });

/**
 * Everyone finds their work (issue 12): the signed-in user's queues in every position they act for
 * today. It asks each context through its public query (correspondence: drafting chain and inbox;
 * disposition: follow-up and dispositions; records: proposals and filing) and writes nothing.
 * Counts are one round trip per context (a few index ranges each, see the queries); lists are keyset
 * pages of the very rows a count counts.
 */
@Injectable()
export class WorklistService {
  constructor(
    private readonly access: LetterAccessService,
    private readonly letters: LetterQueuesQuery,
    private readonly dispositions: DispositionQueuesQuery,
    private readonly records: RecordsQueuesQuery,
    private readonly recordsViewers: RecordsViewerService,
    private readonly clock: Clock,
    private readonly replicas: ReadReplicas,
  ) {}

  async counts(p: Principal): Promise<WorklistCounts> {
    // who acts for which position comes from the primary; the counts tolerate a few seconds of
    // staleness and are read from a healthy replica unless this user wrote a moment ago
    const [scope, rv, db] = await Promise.all([this.scope(p), this.recordsViewers.viewerOf(p), this.replicas.reader(p)]);
    const [l, d, r] = await Promise.all([this.letters.counts({ ...scope, db }), this.dispositions.counts({ ...scope, db }), this.records.counts(rv, db)]);
    const applies = this.records.applies(rv);
    const any = scope.viewer.positionIds.length > 0;
    const all: Record<WorkQueue, QueueCount> = { ...l, ...d, ...r };
    const queues = WORK_QUEUES.map((queue) => ({
      queue, label: QUEUE_LABELS[queue], applies: isIn(RECORDS_QUEUES, queue) ? applies[queue] : any, ...all[queue],
    }));
    return { asOf: this.clock.now(), positionIds: scope.viewer.positionIds, total: queues.reduce((a, q) => a + q.count, 0), queues };
  }

  async list(p: Principal, queue: string, req: WorkListRequest): Promise<WorkPage & { queue: WorkQueue; sort: WorkSort }> {
    if (!isIn(WORK_QUEUES, queue)) throw invalid('queue', `antrean tidak dikenal; pilih salah satu: ${WORK_QUEUES.join(', ')}`);
    if (req.filter && queue !== 'dispositions') throw invalid('filter', 'hanya untuk antrean dispositions');
    const sort = req.sort ?? 'date';
    const page = { sort, cursor: req.cursor ? decodeCursor(req.cursor) : null, limit: Math.min(Math.max(req.pageSize ?? DEFAULT_PAGE_SIZE, 1), 100), q: req.q?.trim() || undefined };
    let result: WorkPage;
    if (isIn(LETTER_QUEUES, queue)) result = await this.letters.list(queue as LetterQueue, await this.scope(p), page);
    else if (isIn(DISPOSITION_QUEUES, queue)) result = await this.dispositions.list(queue as DispositionQueue, await this.scope(p), { ...page, filter: req.filter });
    else result = await this.records.list(queue as RecordsQueue, await this.recordsViewers.viewerOf(p), page);
    return { queue, sort, ...result };
  }

  private async scope(p: Principal): Promise<WorkScope> {
    return { userId: p.userId, officeId: p.officeId, roles: p.roles, viewer: await this.access.viewerOf(p) };
  }
}

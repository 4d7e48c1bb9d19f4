import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { cursorOf, keysetInMemory, keysetPage, likeContains, Queryable, SqlPart } from '@naskah/db';
import { BLANK_ITEM, cappedCount, QueueCount, WORKLIST_COUNT_CAP, WorkItem, WorkPage, WorkPageQuery } from '@naskah/correspondence';
import { isArchivistOf, RecordsViewer } from '../access/dossier-access';
import { nextStep, requiredSteps, stepsHeldBy, ApprovalStep } from '../retention/approval-requirements';
import type { ProposalKind } from '../retention/proposal-eligibility';
import { jakartaDate } from '../retention/calendar';
import { Clock } from '@naskah/core';
import { DOSSIER_COLS, toDossierRow } from '../dossiers/dossiers.repository';
import { codesFitting, rankSuggestions } from '../dossiers/dossier-suggestion';

export const RECORDS_QUEUES = ['proposals', 'unfiled'] as const;
export type RecordsQueue = (typeof RECORDS_QUEUES)[number];

/**
 * "Belum diberkaskan" looks back this many days (the office's sent letters by sent date,
 * ix_letters_office_sent; its deliveries by date, ix_deliveries_office_date): an archivist's
 * backlog, not the office's whole history. Older records are filed from the dossier screens.
 */
export const UNFILED_WINDOW_DAYS = 90;

const marks = (xs: unknown[]) => xs.map(() => '?').join(',');

interface ProposalWaiting {
  id: string;
  officeId: number;
  kind: ProposalKind;
  title: string | null;
  step: ApprovalStep;
  sortRank: number;
  sortAt: Date;
  sortId: string;
}

/**
 * The records context's queues:
 *  - usulan menunggu persetujuan saya: submitted proposals of the offices where a position I act for
 *    holds an approval step, whose next step (nextStep over requiredSteps) is one I hold
 *    (ix_records_proposals_office; a few rows per office, decided in code with the rule itself);
 *  - belum diberkaskan, for the office's archivists only: the office's sent letters and received
 *    letters of the last UNFILED_WINDOW_DAYS not filed in any of its dossiers, one row per letter
 *    (the office files a letter once), with the dossier the filing screen would suggest. The subject
 *    of a Rahasia / Sangat Rahasia letter is shown only to the positions involved (the archivist files
 *    by number): the same widening as the dossier view (mayReadItemContent).
 */
@Injectable()
export class RecordsQueuesQuery {
  /** "Belum diberkaskan" is counted up to this many (WORKLIST_COUNT_CAP). */
  countCap = WORKLIST_COUNT_CAP;

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Whether the viewer has these queues at all (approvers; archivists). */
  applies(v: RecordsViewer): Record<RecordsQueue, boolean> {
    return { proposals: this.approvalOffices(v).length > 0, unfiled: v.officeId !== null && isArchivistOf(v, v.officeId) };
  }

  /** `db`: where the counts are read (ReadReplicas.reader); the primary when absent. */
  async counts(v: RecordsViewer, db: Queryable = this.ds): Promise<Record<RecordsQueue, QueueCount>> {
    const since = this.since();
    const applies = this.applies(v);
    const [proposals, unfiled] = await Promise.all([
      applies.proposals ? this.waitingProposals(v, undefined, db) : [],
      applies.unfiled ? db.query(this.unfiledCountSql(v, this.countCap).sql, this.unfiledCountSql(v, this.countCap).params) : [{ n: 0 }],
    ]);
    return { proposals: { count: proposals.length }, unfiled: { ...cappedCount(Number(unfiled[0].n), this.countCap), since } };
  }

  async list(queue: RecordsQueue, v: RecordsViewer, page: WorkPageQuery): Promise<WorkPage> {
    const applies = this.applies(v);
    if (!applies[queue]) return { items: [], hasMore: false, nextCursor: null };
    if (queue === 'proposals') {
      const { rows, hasMore } = keysetInMemory(await this.waitingProposals(v, page.q), page.sort, page.cursor, page.limit);
      const counts: { proposal_id: string; n: number }[] = rows.length
        ? await this.ds.query(`SELECT proposal_id, COUNT(*) AS n FROM records_proposal_items WHERE proposal_id IN (${marks(rows)}) GROUP BY proposal_id`, rows.map((r) => r.id))
        : [];
      const itemCount = new Map(counts.map((c) => [String(c.proposal_id), Number(c.n)]));
      const last = rows[rows.length - 1];
      return {
        items: rows.map((r) => ({
          ...BLANK_ITEM, id: r.id, kind: 'PROPOSAL' as const, proposalId: r.id, subject: r.title, urgency: 'BIASA' as const, status: 'SUBMITTED', date: r.sortAt,
          proposalKind: r.kind, approvalStep: r.step, itemCount: itemCount.get(r.id) ?? 0,
        })),
        hasMore,
        nextCursor: hasMore && last ? cursorOf({ sort_rank: last.sortRank, sort_at: last.sortAt, sort_id: last.sortId }) : null,
      };
    }
    const q = keysetPage(this.unfiledSource(v, page.q), page.sort, page.cursor, page.limit);
    const rows: Record<string, unknown>[] = await this.ds.query(q.sql, q.params);
    const hasMore = rows.length > page.limit;
    const kept = rows.slice(0, page.limit);
    const suggestions = await this.suggestions(v.officeId!, kept);
    return {
      items: kept.map((r, i) => ({
        ...BLANK_ITEM, id: String(r.letter_id), kind: r.record_kind === 'OUTGOING' ? ('LETTER' as const) : ('DELIVERY' as const), letterId: String(r.letter_id),
        deliveryId: r.delivery_id === null ? null : String(r.delivery_id), subject: (r.subject as string) ?? null, number: (r.number as string) ?? null, typeCode: String(r.type_code),
        urgency: r.urgency as WorkItem['urgency'], securityClass: String(r.security_class), status: String(r.status), date: r.sort_at as Date,
        recordKind: r.record_kind as 'OUTGOING' | 'INCOMING', suggestion: suggestions[i],
      })),
      hasMore,
      nextCursor: hasMore ? cursorOf(kept[kept.length - 1]) : null,
    };
  }

  /** Offices where a position the viewer acts for holds an approval step. */
  private approvalOffices(v: RecordsViewer): number[] {
    return [...new Set(v.positions.filter((p) => stepsHeldBy(p, p.officeId).length > 0).map((p) => p.officeId))];
  }

  private async waitingProposals(v: RecordsViewer, text?: string, db: Queryable = this.ds): Promise<ProposalWaiting[]> {
    const offices = this.approvalOffices(v);
    if (!offices.length) return [];
    const rows: Record<string, unknown>[] = await db.query(
      `SELECT p.id, p.office_id, p.kind, p.title, COALESCE(p.submitted_at, p.created_at) AS at,
         (SELECT COALESCE(MAX(i.retention_years), 0) FROM records_proposal_items i WHERE i.proposal_id = p.id AND i.outcome <> 'REJECTED') AS max_years,
         (SELECT GROUP_CONCAT(a.step) FROM records_proposal_approvals a WHERE a.proposal_id = p.id AND a.decision = 'APPROVED') AS approved
       FROM records_proposals p WHERE p.office_id IN (${marks(offices)}) AND p.status = 'SUBMITTED'${text ? ' AND p.title LIKE ?' : ''}`,
      [...offices, ...(text ? [likeContains(text)] : [])],
    );
    const out: ProposalWaiting[] = [];
    for (const r of rows) {
      const officeId = Number(r.office_id);
      const step = nextStep(requiredSteps(r.kind as ProposalKind, Number(r.max_years)), r.approved ? (String(r.approved).split(',') as ApprovalStep[]) : []);
      if (!step || !v.positions.some((p) => stepsHeldBy(p, officeId).includes(step))) continue;
      out.push({ id: String(r.id), officeId, kind: r.kind as ProposalKind, title: (r.title as string) ?? null, step, sortRank: 1, sortAt: r.at as Date, sortId: String(r.id) });
    }
    return out;
  }

  /**
   * The two halves of "belum diberkaskan", shared by the list and the count so a count is the
   * length of its list: the office's sent letters (ix_letters_office_sent) and its received letters,
   * one per letter (its first delivery at the office, ix_deliveries_office_date); each not filed in
   * any of the office's dossiers and still held.
   */
  private unfiledParts(v: RecordsViewer) {
    const office = v.officeId!;
    const since = dayStart(this.since());
    const unfiled = 'NOT EXISTS (SELECT 1 FROM dossier_items i WHERE i.office_id = ? AND i.letter_id = l.id) AND NOT EXISTS (SELECT 1 FROM letter_holdings_ended e WHERE e.letter_id = l.id AND e.office_id = ?)';
    return {
      outgoing: {
        from: 'letters l FORCE INDEX (ix_letters_office_sent)',
        where: `l.office_id = ? AND l.status = 'SENT' AND l.sent_at >= ? AND l.origin = 'INTERNAL' AND ${unfiled}`,
        params: [office, since, office, office],
      },
      incoming: {
        firsts: 'SELECT letter_id, MIN(id) AS id FROM deliveries FORCE INDEX (ix_deliveries_office_date) WHERE office_id = ? AND created_at >= ? GROUP BY letter_id',
        firstsParams: [office, since],
        where: `NOT (l.office_id = ? AND l.origin = 'INTERNAL') AND ${unfiled}`,
        params: [office, office, office],
      },
    };
  }

  /** The office's unfiled records of the window, one row per letter; `text` filters the shown subject and the number. */
  unfiledSource(v: RecordsViewer, text?: string): SqlPart {
    const { outgoing, incoming } = this.unfiledParts(v);
    const mine = v.positionIds.length ? v.positionIds : [0];
    const subject = (col: string) =>
      `CASE WHEN l.security_class IN ('B','T') OR EXISTS (SELECT 1 FROM letter_access la WHERE la.letter_id = l.id AND la.position_id IN (${marks(mine)})) THEN ${col} ELSE NULL END`;
    const like = text ? likeContains(text) : null;
    return {
      sql: `SELECT u.* FROM (
          SELECT l.id AS sort_id, l.urgency + 0 AS sort_rank, l.sent_at AS sort_at, 'OUTGOING' AS record_kind, l.id AS letter_id, NULL AS delivery_id, ${subject('l.subject')} AS subject,
            l.number, l.type_code, l.urgency, l.security_class, l.status, l.classification_code, pd.unit_id
          FROM ${outgoing.from} LEFT JOIN positions pd ON pd.id = l.drafter_position_id
          WHERE ${outgoing.where}
          UNION ALL
          SELECT l.id, d.urgency + 0, d.created_at, 'INCOMING', l.id, d.id, ${subject('d.subject')}, d.number, d.type_code, d.urgency, d.security_class, d.status, l.classification_code, pp.unit_id
          FROM (${incoming.firsts}) f
          JOIN deliveries d ON d.id = f.id JOIN letters l ON l.id = d.letter_id LEFT JOIN positions pp ON pp.id = d.position_id
          WHERE ${incoming.where}
        ) u${like ? ' WHERE (u.subject LIKE ? OR u.number LIKE ?)' : ''}`,
      params: [...mine, ...outgoing.params, ...mine, ...incoming.firstsParams, ...incoming.params, ...(like ? [like, like] : [])],
    };
  }

  /**
   * How many rows `unfiledSource` (without text) has, counted up to `cap` + 1 per half: the rows of
   * each half are read only until the cap is passed, and nothing of what the list shows (subject,
   * suggestion's unit) is computed.
   */
  private unfiledCountSql(v: RecordsViewer, cap: number): SqlPart {
    const { outgoing, incoming } = this.unfiledParts(v);
    const n = cap + 1;
    return {
      sql: `SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM ${outgoing.from} WHERE ${outgoing.where} LIMIT ${n}) a)
        + (SELECT COUNT(*) FROM (SELECT 1 FROM (${incoming.firsts}) f JOIN letters l ON l.id = f.letter_id WHERE ${incoming.where} LIMIT ${n}) b) AS n`,
      params: [...outgoing.params, ...incoming.firstsParams, ...incoming.params],
    };
  }

  /** The first suggestion for each record (dossier-suggestion.ts), from one read of the office's open dossiers that fit any of them. */
  private async suggestions(officeId: number, rows: Record<string, unknown>[]): Promise<WorkItem['suggestion'][]> {
    if (!rows.length) return [];
    const codes = rows.map((r) => (r.classification_code as string | null) ?? null);
    const fitting = [...new Set(codes.flatMap((c) => codesFitting(c)))];
    const anyCode = codes.some((c) => c === null);
    if (!fitting.length && !anyCode) return rows.map(() => null);
    const dossiers = (
      await this.ds.query(
        `SELECT ${DOSSIER_COLS} FROM dossiers d WHERE d.office_id = ? AND d.status = 'ACTIVE'${anyCode ? '' : ` AND d.classification_code IN (${marks(fitting)})`} ORDER BY d.id DESC LIMIT 500`,
        [officeId, ...(anyCode ? [] : fitting)],
      )
    ).map(toDossierRow);
    return rows.map((r) => {
      const best = rankSuggestions({ classificationCode: (r.classification_code as string | null) ?? null, unitId: r.unit_id === null ? null : Number(r.unit_id) }, dossiers)[0];
      return best ? { dossierId: best.id, title: best.title, classificationCode: best.classificationCode, reason: best.reason } : null;
    });
  }

  private since(): string {
    const [y, m, d] = jakartaDate(this.clock.now()).split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d) - UNFILED_WINDOW_DAYS * 86_400_000).toISOString().slice(0, 10);
  }
}

/** The UTC instant a Jakarta (UTC+7) calendar day starts. */
const dayStart = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) - 7 * 3_600_000);
};

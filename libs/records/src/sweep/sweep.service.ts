import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@naskah/core';
import { AuditService, SYSTEM_ACTOR } from '@naskah/audit';
import { IsoDate, jakartaDate, toIsoDate } from '../retention/calendar';
import { dueProposalKind, dueSql, ProposalKind } from '../retention/proposal-eligibility';
import type { DossierStatus, FinalAction } from '../retention/retention-dates';

export interface SweepResult {
  runId: string;
  /** The office swept, or null for a national run (every office). */
  officeId: number | null;
  asOf: IsoDate;
  scanned: number;
  proposed: number;
  batches: number;
  byKind: Record<ProposalKind, number>;
}

interface DueRow {
  id: string;
  office_id: number;
  status: DossierStatus;
  final_action: FinalAction | null;
  hold_count: number;
  active_until: unknown;
  inactive_until: unknown;
  sweep_due: unknown;
  retention_years: number | null;
}

/**
 * The retention sweep: walks dossiers whose `sweep_due` has come — of one office, or of every
 * office for a national run — in keyset batches on (sweep_due, id), and adds each to its office's open sweep draft of the right kind (usul pindah /
 * musnah / serah / nilai kembali). One transaction per batch: rows are locked, updated by id
 * (sweep_due := NULL, so a second run finds nothing to propose) and their proposal items
 * inserted; one audit event per batch. Held dossiers are not proposed for destruction or handover
 * and stay due, so they are proposed once their holds are lifted.
 */
@Injectable()
export class SweepService {
  private readonly logger = new Logger('RetentionSweep');
  /** Test seam: awaited between a batch's read and its guarded update. */
  static afterRead: ((dossierIds: string[], locking: boolean) => Promise<void>) | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Registers a run of one office (`officeId`) or a national one (null); for "run now" the job id is derived from its id. */
  async requestRun(em: EntityManager, trigger: 'SCHEDULE' | 'MANUAL', requestedBy: number | null, officeId: number | null = null): Promise<string> {
    const res = await em.query('INSERT INTO records_sweep_runs (trigger_kind, office_id, requested_by, requested_at) VALUES (?, ?, ?, ?)', [trigger, officeId, requestedBy, this.clock.now()]);
    return String(res.insertId);
  }

  /**
   * Runs a registered run (`runId`: its office comes from its row, never from the caller) or a new
   * one of `officeId` (default: national, as the daily schedule runs it).
   */
  async run(opts: { runId?: string | null; trigger?: 'SCHEDULE' | 'MANUAL'; batchSize?: number; officeId?: number | null } = {}): Promise<SweepResult> {
    const asOf = jakartaDate(this.clock.now());
    const batchSize = opts.batchSize ?? 1000;
    let runId = opts.runId ?? null;
    let officeId = opts.officeId ?? null;
    if (runId) {
      const [r] = await this.ds.query('SELECT office_id, finished_at, scanned, proposed, batches, as_of FROM records_sweep_runs WHERE id = ?', [runId]);
      if (!r) {
        this.logger.warn({ runId }, 'sweep run does not exist; nothing to do');
        return { runId, officeId, asOf, scanned: 0, proposed: 0, batches: 0, byKind: emptyKinds() };
      }
      officeId = r.office_id === null ? null : Number(r.office_id);
      if (r.finished_at) return { runId, officeId, asOf: toIsoDate(r.as_of)!, scanned: Number(r.scanned), proposed: Number(r.proposed), batches: Number(r.batches), byKind: emptyKinds() };
    }
    runId ??= await this.requestRun(this.ds.manager, opts.trigger ?? 'SCHEDULE', null, officeId);
    await this.ds.query('UPDATE records_sweep_runs SET started_at = ?, as_of = ? WHERE id = ?', [this.clock.now(), asOf, runId]);
    const result: SweepResult = { runId, officeId, asOf, scanned: 0, proposed: 0, batches: 0, byKind: emptyKinds() };
    const drafts = { epoch: -1, ids: new Map<string, string>() };
    let cursor: { due: IsoDate; id: string } = { due: '0001-01-01', id: '0' };
    for (;;) {
      const attempt = (locking: boolean) => this.ds.transaction('READ COMMITTED', (em) => this.batch(em, { runId: runId!, officeId }, asOf, cursor, batchSize, drafts, locking));
      const step = await attempt(false).catch((err) => {
        if (!(err instanceof StaleBatch)) throw err;
        drafts.epoch = -1; // drafts created by the rolled-back attempt are gone
        return attempt(true);
      });
      if (!step) break;
      cursor = step.cursor;
      result.scanned += step.scanned;
      result.proposed += step.proposed;
      result.batches++;
      for (const [k, n] of Object.entries(step.byKind)) result.byKind[k as ProposalKind] += n;
      if (step.scanned < batchSize) break;
    }
    await this.ds.query('UPDATE records_sweep_runs SET finished_at = ?, scanned = ?, proposed = ?, batches = ? WHERE id = ?', [this.clock.now(), result.scanned, result.proposed, result.batches, runId]);
    this.logger.log({ ...result }, 'retention sweep finished');
    return result;
  }

  /**
   * One batch. Optimistic by default: a plain keyset read, then per kind one UPDATE by id guarded by
   * that kind's due condition (dueSql), which locks the rows and re-checks them on their latest
   * committed version. If any row changed meanwhile the counts differ and the batch is rolled back
   * and redone with a locking read (`locking`), so nothing is ever proposed from stale data.
   */
  private async batch(em: EntityManager, run: { runId: string; officeId: number | null }, asOf: IsoDate, cursor: { due: IsoDate; id: string }, limit: number, drafts: DraftCache, locking: boolean) {
    // the sweep lock first (shared): lock order everywhere is sweep lock → dossiers → proposals
    const [lock] = await em.query('SELECT epoch FROM records_sweep_lock WHERE id = 1 LOCK IN SHARE MODE');
    if (Number(lock?.epoch ?? 0) !== drafts.epoch) (drafts.ids.clear(), (drafts.epoch = Number(lock?.epoch ?? 0)));
    // MariaDB turns the row constructor (due, id) > (?, ?) into a range on `due` alone: expanded form (bench/README.md).
    // An office's run walks ix_dossiers_office_sweep (office_id, sweep_due, id): the same keyset, inside the office.
    const scoped = run.officeId !== null;
    const rows: DueRow[] = await em.query(
      `SELECT id, office_id, status, final_action, hold_count, active_until, inactive_until, sweep_due, retention_years
       FROM dossiers FORCE INDEX (${scoped ? 'ix_dossiers_office_sweep' : 'ix_dossiers_sweep'})
       WHERE ${scoped ? 'office_id = ? AND ' : ''}sweep_due <= ? AND (sweep_due > ? OR (sweep_due = ? AND id > ?)) ORDER BY sweep_due, id LIMIT ?${locking ? ' FOR UPDATE' : ''}`,
      [...(scoped ? [run.officeId] : []), asOf, cursor.due, cursor.due, cursor.id, limit],
    );
    if (!rows.length) return null;
    const last = rows[rows.length - 1];
    const next = { due: toIsoDate(last.sweep_due)!, id: String(last.id) };
    const picks: { row: DueRow; kind: ProposalKind }[] = [];
    for (const row of rows) {
      const kind = dueProposalKind(
        { status: row.status, activeUntil: toIsoDate(row.active_until), inactiveUntil: toIsoDate(row.inactive_until), finalAction: row.final_action, holdCount: Number(row.hold_count), inOpenProposal: false },
        asOf,
      );
      if (kind) picks.push({ row, kind });
    }
    const byKind = emptyKinds();
    if (!picks.length) return { cursor: next, scanned: rows.length, proposed: 0, byKind };
    await SweepService.afterRead?.(picks.map((p) => String(p.row.id)), locking);
    const proposalOf = await this.draftsFor(em, picks.map((p) => [Number(p.row.office_id), p.kind] as const), drafts);
    // into its office's draft of the kind and out of the sweep; a dossier due for re-appraisal turns REVIEW
    for (const kind of ['TRANSFER', 'DESTROY', 'HANDOVER', 'REVIEW'] as const) {
      const ids = picks.filter((p) => p.kind === kind).map((p) => p.row.id);
      if (!ids.length) continue;
      const res = await em.query(
        `UPDATE dossiers d SET ${kind === 'REVIEW' ? "d.status = 'REVIEW', " : ''}d.sweep_due = NULL,
           d.open_proposal_id = (SELECT p.id FROM records_proposals p WHERE p.office_id = d.office_id AND p.kind = ? AND p.sweep_draft = 1)
         WHERE d.id IN (${ids.map(() => '?').join(',')}) AND ${dueSql(kind)}`,
        [kind, ...ids, asOf],
      );
      if (Number(res.affectedRows) !== ids.length) {
        if (locking) throw new Error(`sweep: ${ids.length - Number(res.affectedRows)} locked dossiers no longer due for ${kind}`);
        throw new StaleBatch();
      }
    }
    picks.sort((a, b) => Number(proposalOf.get(`${a.row.office_id}|${a.kind}`)) - Number(proposalOf.get(`${b.row.office_id}|${b.kind}`)) || Number(a.row.id) - Number(b.row.id));
    const now = this.clock.now();
    const perProposal: Record<string, string[]> = {};
    const values: unknown[] = [];
    for (const p of picks) {
      const proposalId = proposalOf.get(`${p.row.office_id}|${p.kind}`)!;
      (perProposal[proposalId] ??= []).push(String(p.row.id));
      values.push(proposalId, p.row.id, Number(p.row.retention_years ?? 0), now);
      byKind[p.kind]++;
    }
    await em.query(`INSERT INTO records_proposal_items (proposal_id, dossier_id, outcome, retention_years, added_at) VALUES ${picks.map(() => "(?, ?, 'PENDING', ?, ?)").join(', ')}`, values);
    await this.audit.record(em, SYSTEM_ACTOR, { action: 'RECORDS_SWEEP_PROPOSED', entityType: 'records_sweep_run', entityId: run.runId, officeId: run.officeId, after: { asOf, proposals: perProposal } });
    return { cursor: next, scanned: rows.length, proposed: picks.length, byKind };
  }

  /**
   * The open sweep draft of each (office, kind), created when missing. Each batch shares the sweep
   * lock row (taken in batch()); whatever ends a draft (submit, cancel, the last re-appraisal of a
   * list) takes it exclusively and bumps its epoch, so a draft that left DRAFT is never added to:
   * the cache is dropped when the epoch moved.
   */
  private async draftsFor(em: EntityManager, pairs: (readonly [number, ProposalKind])[], cache: DraftCache): Promise<Map<string, string>> {
    const keys = [...new Set(pairs.map(([o, k]) => `${o}|${k}`))];
    const out = new Map<string, string>();
    for (const k of keys) if (cache.ids.has(k)) out.set(k, cache.ids.get(k)!);
    const missing = keys.filter((k) => !out.has(k)).map((k) => k.split('|') as [string, ProposalKind]);
    if (missing.length) {
      const now = this.clock.now();
      await em.query(
        `INSERT INTO records_proposals (office_id, kind, origin, sweep_draft, created_at) VALUES ${missing.map(() => "(?, ?, 'SWEEP', 1, ?)").join(', ')} ON DUPLICATE KEY UPDATE sweep_draft = sweep_draft`,
        missing.flatMap(([o, k]) => [o, k, now]),
      );
      const found = await em.query(
        `SELECT id, office_id, kind FROM records_proposals WHERE sweep_draft = 1 AND (office_id, kind) IN (${missing.map(() => '(?, ?)').join(', ')}) FOR UPDATE`,
        missing.flat(),
      );
      for (const r of found) out.set(`${r.office_id}|${r.kind}`, String(r.id));
    }
    for (const [k, id] of out) cache.ids.set(k, id);
    return out;
  }
}

/** A row changed between the batch's read and its guarded update: redo the batch with a locking read. */
class StaleBatch extends Error {}

interface DraftCache {
  epoch: number;
  ids: Map<string, string>;
}

function emptyKinds(): Record<ProposalKind, number> {
  return { TRANSFER: 0, DESTROY: 0, HANDOVER: 0, REVIEW: 0 };
}

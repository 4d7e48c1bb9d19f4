import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { SecurityClass } from '@naskah/correspondence';
import { dossierNotFound } from '../records.errors';
import { RecordsViewer, mayViewDossier } from '../access/dossier-access';
import { IsoDate, toIsoDate } from '../retention/calendar';
import type { DossierStatus, FinalAction } from '../retention/retention-dates';

export interface DossierRow {
  id: string;
  officeId: number;
  unitId: number;
  classificationCode: string;
  title: string;
  description: string | null;
  periodStart: IsoDate;
  periodEnd: IsoDate | null;
  location: string | null;
  securityClass: SecurityClass;
  status: DossierStatus;
  createdAt: Date;
  closedAt: Date | null;
  /** The day the retention clock started: the Jakarta day of closedAt, or the past date a legacy dossier was closed on. */
  closedOn: IsoDate | null;
  /** Set when the dossier was closed on a past date (legacy records): why, in the archivist's words. */
  backdateReason: string | null;
  eventDate: IsoDate | null;
  eventNote: string | null;
  ruleId: number;
  triggerDate: IsoDate | null;
  activeUntil: IsoDate | null;
  inactiveUntil: IsoDate | null;
  finalAction: FinalAction | null;
  retentionYears: number | null;
  extraYears: number;
  finalActionOverride: FinalAction | null;
  reappraisalNeeded: boolean;
  sweepDue: IsoDate | null;
  openProposalId: string | null;
  /** A rejected proposal keeps the dossier out of the sweep until this day (exclusive of earlier days). */
  notProposedBefore: IsoDate | null;
  rejectedProposalId: string | null;
  rejectedAt: Date | null;
  holdCount: number;
  itemCount: number;
  transferredAt: Date | null;
  destroyedAt: Date | null;
  handedOverAt: Date | null;
  version: number;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function toDossierRow(r: Record<string, unknown>): DossierRow {
  return {
    id: String(r.id), officeId: Number(r.office_id), unitId: Number(r.unit_id), classificationCode: String(r.classification_code), title: String(r.title),
    description: (r.description as string) ?? null, periodStart: toIsoDate(r.period_start)!, periodEnd: toIsoDate(r.period_end), location: (r.location as string) ?? null,
    securityClass: r.security_class as SecurityClass, status: r.status as DossierStatus, createdAt: r.created_at as Date, closedAt: (r.closed_at as Date) ?? null,
    closedOn: toIsoDate(r.closed_on), backdateReason: (r.backdate_reason as string) ?? null, eventDate: toIsoDate(r.event_date), eventNote: (r.event_note as string) ?? null, ruleId: Number(r.rule_id),
    triggerDate: toIsoDate(r.trigger_date), activeUntil: toIsoDate(r.active_until), inactiveUntil: toIsoDate(r.inactive_until),
    finalAction: (r.final_action as FinalAction) ?? null, retentionYears: num(r.retention_years), extraYears: Number(r.extra_years ?? 0),
    finalActionOverride: (r.final_action_override as FinalAction) ?? null, reappraisalNeeded: Boolean(Number(r.reappraisal_needed)), sweepDue: toIsoDate(r.sweep_due),
    openProposalId: r.open_proposal_id && String(r.open_proposal_id) !== '0' ? String(r.open_proposal_id) : null,
    notProposedBefore: toIsoDate(r.not_proposed_before), rejectedProposalId: r.rejected_proposal_id ? String(r.rejected_proposal_id) : null, rejectedAt: (r.rejected_at as Date) ?? null,
    holdCount: Number(r.hold_count ?? 0), itemCount: Number(r.item_count ?? 0), transferredAt: (r.transferred_at as Date) ?? null,
    destroyedAt: (r.destroyed_at as Date) ?? null, handedOverAt: (r.handed_over_at as Date) ?? null, version: Number(r.version),
  };
}

/** The closing day: the past date of a back-dated closing, else the Jakarta day of the stored UTC instant. */
export const DOSSIER_COLS = `d.*, COALESCE(d.backdated_closed_on, DATE(CONVERT_TZ(d.closed_at, '+00:00', '+07:00'))) AS closed_on`;

/** Reads dossier rows; every read that reaches a user takes the caller's scope (RecordsViewer). */
@Injectable()
export class DossiersRepository {
  constructor(private readonly ds: DataSource) {}

  /** Loads a dossier the viewer may see (404 otherwise), optionally locking it for the transaction. */
  async loadVisible(v: RecordsViewer, id: string, em: EntityManager = this.ds.manager, lock = false): Promise<DossierRow> {
    const d = await this.find(id, em, lock);
    if (!d || !mayViewDossier(v, d)) throw dossierNotFound(id);
    return d;
  }

  async find(id: string, em: EntityManager = this.ds.manager, lock = false): Promise<DossierRow | null> {
    if (!/^\d{1,19}$/.test(id)) return null;
    const [r] = await em.query(`SELECT ${DOSSIER_COLS} FROM dossiers d WHERE d.id = ?${lock ? ' FOR UPDATE' : ''}`, [id]);
    return r ? toDossierRow(r) : null;
  }

  /**
   * The viewer's visibility rule as SQL on dossiers `d` (see dossier-access.ts): the whole office
   * for its archivists and approvers, otherwise the viewer's units plus Biasa dossiers.
   */
  visibilitySql(v: RecordsViewer, officeId: number, seesAll: boolean): { sql: string; params: unknown[] } {
    if (seesAll) return { sql: 'd.office_id = ?', params: [officeId] };
    const units = v.positions.filter((p) => p.officeId === officeId && p.unitId !== null).map((p) => p.unitId!);
    const unitCond = units.length ? ` OR d.unit_id IN (${units.map(() => '?').join(',')})` : '';
    return { sql: `d.office_id = ? AND (d.security_class = 'B'${unitCond})`, params: [officeId, ...units] };
  }
}

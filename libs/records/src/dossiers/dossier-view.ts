import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { InvolvedPosition } from '@naskah/correspondence';
import { mayReadItemContent, RecordsViewer } from '../access/dossier-access';
import { IsoDate, jakartaDate } from '../retention/calendar';
import { computeRetention, RetentionDates, RetroactiveClosing, ruleAtScheduling } from '../retention/retention-dates';
import { RetentionRulesService } from '../schedule/retention-rules.service';
import { DossierRow } from './dossiers.repository';

export interface DossierItemView {
  id: string;
  kind: 'OUTGOING' | 'INCOMING';
  letterId: string;
  deliveryId: string | null;
  number: string | null;
  date: Date | null;
  securityClass: string;
  classificationCode: string | null;
  /** Null when the viewer may not read this record's content (R/SR not involved). */
  subject: string | null;
  restricted: boolean;
  attachments: number;
  /** Dispositions the office made on a received letter (they are part of its record). */
  dispositions: number;
  filedAt: Date;
  contentDestroyedAt: Date | null;
}

/** A rejected proposal's mark on the dossier (issue 11, item 19). */
export interface DossierRejectionView {
  proposalId: string;
  kind: string | null;
  rejectedOn: IsoDate;
  notBefore: IsoDate;
  note: string | null;
  /** notBefore is still ahead: the sweep leaves the dossier alone until then. */
  inForce: boolean;
  text: string;
}

/** A back-dated closing as the retention rule's input (null for an ordinary one). */
export function retroactiveClosing(d: Pick<DossierRow, 'backdateReason' | 'closedAt'>): RetroactiveClosing | null {
  return d.backdateReason && d.closedAt ? { recordedOn: jakartaDate(d.closedAt), reason: d.backdateReason } : null;
}

/** Builds what a dossier shows: its dates and why, its records (content per the access rule), holds and open proposal. */
@Injectable()
export class DossierViewBuilder {
  constructor(
    private readonly ds: DataSource,
    private readonly rules: RetentionRulesService,
  ) {}

  /** The computed dates and why. An open dossier shows the provisional schedule it would get if closed today. */
  async retention(d: DossierRow, em: EntityManager = this.ds.manager): Promise<RetentionDates & { provisional: boolean }> {
    const pinned = await this.rules.ruleById(em, d.ruleId);
    const adj = { extraYears: d.extraYears, finalActionOverride: d.finalActionOverride };
    if (d.status === 'ACTIVE') {
      const today = this.rules.today();
      const { rule } = ruleAtScheduling(pinned, await this.rules.ruleInForce(em, d.classificationCode, today));
      return { ...computeRetention(rule, { closedOn: null, eventDate: d.eventDate }, adj), provisional: true };
    }
    return { ...computeRetention(pinned, { closedOn: d.closedOn, eventDate: d.eventDate, retroactive: retroactiveClosing(d) }, adj), provisional: false };
  }

  /** The last rejection of a proposal holding this dossier, and the day before which the sweep does not propose it again. */
  async rejection(d: DossierRow): Promise<DossierRejectionView | null> {
    if (!d.rejectedProposalId || !d.rejectedAt || !d.notProposedBefore) return null;
    const [r] = await this.ds.query(
      `SELECT p.kind, (SELECT a.note FROM records_proposal_approvals a WHERE a.proposal_id = p.id AND a.decision = 'REJECTED' ORDER BY a.decided_at DESC LIMIT 1) AS note
       FROM records_proposals p WHERE p.id = ?`,
      [d.rejectedProposalId],
    );
    const rejectedOn = jakartaDate(d.rejectedAt);
    return {
      proposalId: d.rejectedProposalId, kind: r ? String(r.kind) : null, rejectedOn, notBefore: d.notProposedBefore, note: (r?.note as string) ?? null,
      inForce: d.notProposedBefore > this.rules.today(),
      text: `ditolak pada ${rejectedOn}, tidak diusulkan lagi sebelum ${d.notProposedBefore}`,
    };
  }

  async items(v: RecordsViewer, d: DossierRow): Promise<DossierItemView[]> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT i.id, i.kind, i.letter_id, i.delivery_id, i.filed_at, i.content_destroyed_at, l.number, l.subject, l.security_class, l.classification_code,
         COALESCE(l.signed_at, l.sent_at, l.created_at) AS letter_date, (SELECT COUNT(*) FROM letter_attachments a WHERE a.letter_id = l.id) AS attachments,
         (SELECT COUNT(*) FROM dispositions x WHERE x.letter_id = l.id AND x.office_id = i.office_id) AS dispositions
       FROM dossier_items i JOIN letters l ON l.id = i.letter_id WHERE i.dossier_id = ? ORDER BY i.id LIMIT 5000`,
      [d.id],
    );
    const involvedOf = await this.involvedByLetter(rows.map((r) => String(r.letter_id)));
    const out: DossierItemView[] = [];
    for (const r of rows) {
      const involved = involvedOf.get(String(r.letter_id)) ?? [];
      const readable = mayReadItemContent(v, d.officeId, { securityClass: r.security_class as never, involved });
      out.push({
        id: String(r.id), kind: r.kind as DossierItemView['kind'], letterId: String(r.letter_id), deliveryId: r.delivery_id === null ? null : String(r.delivery_id),
        number: (r.number as string) ?? null, date: (r.letter_date as Date) ?? null, securityClass: String(r.security_class),
        classificationCode: (r.classification_code as string) ?? null, subject: readable ? String(r.subject) : null, restricted: !readable,
        attachments: Number(r.attachments), dispositions: Number(r.dispositions), filedAt: r.filed_at as Date, contentDestroyedAt: (r.content_destroyed_at as Date) ?? null,
      });
    }
    return out;
  }

  /** The positions involved in each letter (the letter access rule's input), in one query. */
  private async involvedByLetter(letterIds: string[]): Promise<Map<string, InvolvedPosition[]>> {
    const out = new Map<string, InvolvedPosition[]>();
    if (!letterIds.length) return out;
    const rows = await this.ds.query(
      `SELECT DISTINCT la.letter_id, la.position_id, la.office_id, p.path FROM letter_access la JOIN positions p ON p.id = la.position_id WHERE la.letter_id IN (${letterIds.map(() => '?').join(',')})`,
      letterIds,
    );
    for (const r of rows) {
      const key = String(r.letter_id);
      out.set(key, [...(out.get(key) ?? []), { positionId: Number(r.position_id), officeId: Number(r.office_id), path: String(r.path) }]);
    }
    return out;
  }

  async holds(dossierId: string): Promise<{ id: number; caseName: string; status: string }[]> {
    const rows = await this.ds.query(
      `SELECT h.id, h.case_name, h.status FROM records_hold_assignments a JOIN records_holds h ON h.id = a.hold_id WHERE a.dossier_id = ? AND h.status <> 'LIFTED' ORDER BY h.id`,
      [dossierId],
    );
    return rows.map((r: Record<string, unknown>) => ({ id: Number(r.id), caseName: String(r.case_name), status: String(r.status) }));
  }

  async openProposal(dossierId: string, em: EntityManager = this.ds.manager): Promise<{ id: string; kind: string; status: string } | null> {
    const [r] = await em.query(
      'SELECT p.id, p.kind, p.status FROM dossiers d JOIN records_proposals p ON p.id = d.open_proposal_id WHERE d.id = ?',
      [dossierId],
    );
    return r ? { id: String(r.id), kind: String(r.kind), status: String(r.status) } : null;
  }
}

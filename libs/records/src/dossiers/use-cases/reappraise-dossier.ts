import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, DomainError } from '@naskah/core';
import { AuditService } from '@naskah/audit';
import { DelegationsService, Principal } from '@naskah/identity';
import { field, notAllowed, versionConflict, wrongStatus } from '../../records.errors';
import { actorOf, positionForStep, RecordsViewerService } from '../../access/records-viewer.service';
import { computeRetention, FinalAction, RuleVersion, sweepDueOf } from '../../retention/retention-dates';
import { RetentionRulesService } from '../../schedule/retention-rules.service';
import { DossiersRepository } from '../dossiers.repository';
import { retroactiveClosing } from '../dossier-view';

export type ReappraisalDecision = 'EXTEND' | 'CHANGE_FINAL_ACTION' | 'APPLY_RULE';

export interface ReappraisalInput {
  decision: ReappraisalDecision;
  /** EXTEND: years added to the inactive period. */
  extraYears?: number;
  /** CHANGE_FINAL_ACTION: the new final action. */
  finalAction?: FinalAction;
  reason: string;
  version?: number;
}

/**
 * Re-appraisal (penilaian kembali), recorded by the appraisal committee: extend retention, change
 * the final action, or move the dossier to the rule version in force today — the only way a new
 * schedule version may shorten an existing dossier's retention. Closes the dossier's item in an
 * open re-appraisal list; a REVIEW dossier goes back to INACTIVE with its new dates.
 */
@Injectable()
export class ReappraiseDossierUseCase {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: DossiersRepository,
    private readonly viewers: RecordsViewerService,
    private readonly rules: RetentionRulesService,
    private readonly delegations: DelegationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async run(p: Principal, dossierId: string, input: ReappraisalInput) {
    const v = await this.viewers.viewerOf(p);
    if (input.decision === 'EXTEND' && !(Number.isInteger(input.extraYears) && input.extraYears! >= 1 && input.extraYears! <= 100)) throw field('extraYears', 'bilangan bulat 1–100');
    if (input.decision === 'CHANGE_FINAL_ACTION' && !input.finalAction) throw field('finalAction', 'wajib untuk CHANGE_FINAL_ACTION');
    return this.ds.transaction('READ COMMITTED', async (em) => {
      // the sweep lock first (it may close a re-appraisal list the sweep adds to): lock order sweep lock → dossiers → proposals
      await em.query('UPDATE records_sweep_lock SET epoch = epoch + 1 WHERE id = 1');
      const d = await this.repo.loadVisible(v, dossierId, em, true);
      const positionId = positionForStep(v, p.positionId, d.officeId, 'APPRAISAL_COMMITTEE');
      if (!positionId) throw notAllowed('NOT_APPRAISAL_COMMITTEE', 'Penilaian kembali dicatat oleh Panitia Penilai Arsip satker ini');
      if (input.version !== undefined && d.version !== input.version) throw versionConflict(d.version);
      if (!['CLOSED', 'INACTIVE', 'REVIEW'].includes(d.status)) throw wrongStatus('Berkas', d.status, ['CLOSED', 'INACTIVE', 'REVIEW']);
      const [open] = d.openProposalId ? await em.query('SELECT id, kind FROM records_proposals WHERE id = ? FOR UPDATE', [d.openProposalId]) : [];
      if (open && open.kind !== 'REVIEW') throw new DomainError('IN_OPEN_PROPOSAL', 'CONFLICT', `Berkas sedang dalam usulan ${open.id}; keluarkan dahulu dari usulan itu`, { proposalId: String(open.id) });

      let rule: RuleVersion = await this.rules.ruleById(em, d.ruleId);
      let extraYears = d.extraYears;
      let override = d.finalActionOverride;
      if (input.decision === 'EXTEND') extraYears += input.extraYears!;
      if (input.decision === 'CHANGE_FINAL_ACTION') override = input.finalAction!;
      if (input.decision === 'APPLY_RULE') {
        const inForce = await this.rules.ruleInForce(em, d.classificationCode, this.rules.today());
        if (!inForce || inForce.ruleId === rule.ruleId) throw new DomainError('RULE_UNCHANGED', 'CONFLICT', 'Berkas sudah memakai aturan retensi yang berlaku');
        rule = inForce;
        extraYears = 0;
        override = null;
      }
      const dates = computeRetention(rule, { closedOn: d.closedOn, eventDate: d.eventDate, retroactive: retroactiveClosing(d) }, { extraYears, finalActionOverride: override });
      // the viewer may come from a cache a few moments old: the database has the last word on who acts for the position
      const capacity = await this.delegations.capacityFor(p.userId, positionId, em);
      if (!capacity) throw notAllowed('NOT_AN_APPRAISER', 'Anda tidak (lagi) memegang jabatan penilai ini (you no longer act for this position)');
      const status = d.status === 'REVIEW' ? 'INACTIVE' : d.status;
      if (d.status === 'REVIEW' && dates.finalAction === 'DINILAI_KEMBALI' && dates.inactiveUntil! <= this.rules.today()) {
        throw new DomainError('REVIEW_NEEDS_OUTCOME', 'UNPROCESSABLE', 'Hasil penilaian kembali harus memperpanjang retensi atau menetapkan nasib akhir MUSNAH / PERMANEN');
      }
      const before = { ruleId: d.ruleId, activeUntil: d.activeUntil, inactiveUntil: d.inactiveUntil, finalAction: d.finalAction, extraYears: d.extraYears, status: d.status };
      const after = { ruleId: rule.ruleId, activeUntil: dates.activeUntil, inactiveUntil: dates.inactiveUntil, finalAction: dates.finalAction, extraYears, status };
      await em.query(
        `UPDATE dossiers SET rule_id = ?, extra_years = ?, final_action_override = ?, trigger_date = ?, active_until = ?, inactive_until = ?, final_action = ?, retention_years = ?,
           status = ?, sweep_due = ?, open_proposal_id = 0, reappraisal_needed = 0, version = version + 1 WHERE id = ?`,
        [rule.ruleId, extraYears, override, dates.triggerDate, dates.activeUntil, dates.inactiveUntil, dates.finalAction, dates.retentionYears, status, sweepDueOf(status, dates, d.notProposedBefore), d.id],
      );
      const res = await em.query(
        `INSERT INTO records_reappraisals (dossier_id, proposal_id, decision, extra_years, final_action, rule_id, reason, before_state, after_state, decided_by, decided_position_id, decided_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [d.id, open?.id ?? null, input.decision, input.extraYears ?? null, input.finalAction ?? null, input.decision === 'APPLY_RULE' ? rule.ruleId : null, input.reason,
          JSON.stringify(before), JSON.stringify(after), p.userId, positionId, this.clock.now()],
      );
      if (open) {
        await em.query(`UPDATE records_proposal_items SET outcome = 'DONE' WHERE proposal_id = ? AND dossier_id = ?`, [open.id, d.id]);
        await em.query(
          `UPDATE records_proposals SET status = 'EXECUTED', sweep_draft = NULL, executed_at = ?, version = version + 1
           WHERE id = ? AND NOT EXISTS (SELECT 1 FROM records_proposal_items i WHERE i.proposal_id = ? AND i.outcome = 'PENDING')`,
          [this.clock.now(), open.id, open.id],
        );
      }
      await this.audit.record(em, actorOf(p, positionId, capacity), {
        action: 'DOSSIER_REAPPRAISED', entityType: 'dossier', entityId: d.id, officeId: d.officeId, before, after: { ...after, decision: input.decision, reason: input.reason, reappraisalId: String(res.insertId) },
      });
      return { reappraisalId: String(res.insertId), dossierId: d.id, decision: input.decision, before, after, why: dates.why };
    });
  }
}

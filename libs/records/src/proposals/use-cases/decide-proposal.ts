import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, DomainError } from '@naskah/core';
import { AuditService } from '@naskah/audit';
import { DelegationsService, Principal } from '@naskah/identity';
import { field, notAllowed, wrongStatus } from '../../records.errors';
import { jakartaDate } from '../../retention/calendar';
import { rejectionPause } from '../../retention/closing-date';
import { actorOf, positionForStep, RecordsViewerService } from '../../access/records-viewer.service';
import { STEP_LABEL, stepsHeldBy } from '../../retention/approval-requirements';
import { ProposalsRepository } from '../proposals.repository';
import { releaseDossiers } from '../proposals.service';
import { ProposalNotices } from '../../worklist/proposal-notices';

/**
 * One approval step of a submitted proposal, in the required order (approval-requirements.ts).
 * Acting out of order answers 409 naming the step still missing; a rejection ends the proposal
 * and returns its dossiers to the sweep — not before `notBefore` (chosen by the rejecting
 * approver, one year by default: retention/closing-date.ts rejectionPause), so a list rejected as
 * "masih dipakai" is not proposed again by the very next sweep.
 */
@Injectable()
export class DecideProposalUseCase {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: ProposalsRepository,
    private readonly viewers: RecordsViewerService,
    private readonly delegations: DelegationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly notices: ProposalNotices,
  ) {}

  async run(p: Principal, id: string, input: { decision: 'APPROVED' | 'REJECTED'; note?: string; notBefore?: string }) {
    if (input.decision !== 'REJECTED' && input.notBefore !== undefined) throw field('notBefore', 'hanya untuk penolakan (decision REJECTED)');
    const today = jakartaDate(this.clock.now());
    const pause = input.decision === 'REJECTED' ? rejectionPause(input.notBefore, today) : null;
    if (pause && !pause.ok) throw field('notBefore', pause.reason);
    const notBefore = pause?.ok ? pause.notBefore : null;
    const v = await this.viewers.viewerOf(p);
    let officeId = 0;
    await this.ds.transaction('READ COMMITTED', async (em) => {
      const row = await this.repo.loadVisible(v, id, em, true);
      const mine = [...new Set(v.positions.flatMap((x) => stepsHeldBy(x, row.officeId)))];
      if (!mine.length) throw notAllowed('NOT_AN_APPROVER', 'Anda bukan pejabat penyetuju usulan ini');
      if (row.status !== 'SUBMITTED') throw wrongStatus('Usulan', row.status, ['SUBMITTED']);
      const state = await this.repo.approvalState(row, em);
      const step = state.next;
      if (!step) throw wrongStatus('Usulan', row.status, ['SUBMITTED']);
      if (!mine.includes(step)) {
        if (mine.some((s) => state.missing.includes(s))) {
          throw new DomainError('APPROVAL_OUT_OF_ORDER', 'CONFLICT', `Menunggu persetujuan ${STEP_LABEL[step]} terlebih dahulu`, { missing: [step] });
        }
        throw notAllowed('NOT_AN_APPROVER', `Langkah berikutnya adalah ${STEP_LABEL[step]}`);
      }
      const positionId = positionForStep(v, p.positionId, row.officeId, step)!;
      // the viewer may come from a cache a few moments old: the database has the last word on who acts for the position
      const capacity = await this.delegations.capacityFor(p.userId, positionId, em);
      if (!capacity) throw notAllowed('NOT_AN_APPROVER', 'Anda tidak (lagi) memegang jabatan penyetuju ini (you no longer act for this position)');
      const now = this.clock.now();
      await em.query(
        'INSERT INTO records_proposal_approvals (proposal_id, step, decision, user_id, position_id, capacity, note, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [row.id, step, input.decision, p.userId, positionId, capacity, input.note ?? null, now],
      );
      let status: string = row.status;
      if (input.decision === 'REJECTED') {
        status = 'REJECTED';
        const items = await em.query(`SELECT dossier_id FROM records_proposal_items WHERE proposal_id = ? AND outcome = 'PENDING'`, [row.id]);
        await em.query(`UPDATE records_proposal_items SET outcome = 'REJECTED' WHERE proposal_id = ? AND outcome = 'PENDING'`, [row.id]);
        const ids = items.map((i: { dossier_id: string }) => String(i.dossier_id));
        if (ids.length) {
          await em.query(`UPDATE dossiers SET not_proposed_before = ?, rejected_proposal_id = ?, rejected_at = ? WHERE id IN (${ids.map(() => '?').join(',')})`, [notBefore, row.id, now, ...ids]);
        }
        await releaseDossiers(em, ids);
      } else if (state.missing.length === 1) {
        status = 'APPROVED';
      }
      await em.query('UPDATE records_proposals SET status = ?, decided_at = IF(? IN (\'APPROVED\', \'REJECTED\'), ?, decided_at), version = version + 1 WHERE id = ?', [status, status, now, row.id]);
      await this.audit.record(em, actorOf(p, positionId, capacity), {
        action: input.decision === 'APPROVED' ? 'PROPOSAL_APPROVED' : 'PROPOSAL_REJECTED', entityType: 'records_proposal', entityId: row.id, officeId: row.officeId,
        before: { status: row.status }, after: { step, decision: input.decision, note: input.note ?? null, status, ...(notBefore ? { notBefore } : {}) },
      });
      if (status === 'SUBMITTED') await this.notices.nextStepRequested(em, row); // steps remain: the next one is asked
      officeId = row.officeId;
    });
    await this.notices.settled(officeId, this.ds.manager);
    return this.repo.loadVisible(v, id).then(async (row) => ({ ...row, ...(await this.repo.approvalState(row)) }));
  }
}

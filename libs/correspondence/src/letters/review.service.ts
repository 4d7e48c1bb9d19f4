import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { conflict, DomainError, forbidden } from '@naskah/core';
import { AuditService } from '@naskah/audit';
import { DelegationsService, Principal } from '@naskah/identity';
import { letterLabel, PositionNotifier, titleAbout } from '@naskah/notification';
import { OutboxService } from '@naskah/queue';
import { LetterAccessService } from '../access/letter-access.service';
import { LetterWorkNotices } from '../worklist/letter-work-notices';
import { LettersRepository } from './letters.repository';
import { actorFor, contentRefused } from './letters.service';
import { bodyProblemsAtSubmit, validateTypeFields } from './letter-content-validation';
import { checkSignatureLines } from './letter-signature-lines';
import { officePositions, reviewerRefusal, signerRefusal } from './letter-participants';
import type { LetterView } from './letter.types';

/**
 * The review chain: submit → each reviewer in order approves (paraf) or returns with notes → the
 * drafter revises and resubmits (a new round). Only the reviewer of the current step may act.
 * A return tells whoever acts for the drafter's position (DRAFT_RETURNED, born in the outbox); a
 * draft reaching a step tells its reviewer (REVIEW_REQUESTED), the last approval its signer
 * (SIGNATURE_REQUESTED): LetterWorkNotices.
 */
@Injectable()
export class ReviewService {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: LettersRepository,
    private readonly access: LetterAccessService,
    private readonly delegations: DelegationsService,
    private readonly audit: AuditService,
    private readonly notifier: PositionNotifier,
    private readonly outbox: OutboxService,
    private readonly work: LetterWorkNotices,
  ) {}

  async submit(p: Principal, id: string): Promise<LetterView> {
    await this.ds.transaction(async (em) => {
      const viewer = await this.access.viewerOf(p);
      await this.access.assertVisible(id, viewer, em);
      const cur = await this.repo.load(id, em, true);
      if (!viewer.positionIds.includes(cur.drafterPositionId)) throw forbidden('NOT_THE_DRAFTER', 'Hanya konseptor naskah ini yang dapat mengajukannya');
      if (!['DRAFT', 'RETURNED'].includes(cur.status)) throw conflict('LETTER_NOT_SUBMITTABLE', `Naskah berstatus ${cur.status} tidak dapat diajukan`, { status: cur.status });
      // a draft may be saved with its typed fields and body incomplete; what its type requires is checked here (422 naming each field):
      // the typed fields (TYPE_FIELDS_INCOMPLETE, with a missing body among them), else the body alone (BODY_REQUIRED)
      const { problems } = validateTypeFields(cur.typeCode, cur.typeFields, { complete: true });
      const bodyProblems = bodyProblemsAtSubmit(cur.typeCode, cur.bodyDoc);
      if (problems.length) throw contentRefused([...bodyProblems, ...problems], 'TYPE_FIELDS_INCOMPLETE', 'UNPROCESSABLE');
      if (bodyProblems.length) throw contentRefused(bodyProblems, 'BODY_REQUIRED', 'UNPROCESSABLE');
      // who takes part, by the rule the compose page lists them with (letter-participants.ts), again: a
      // reviewer or signer position deactivated since the draft was saved is refused here, as at save
      const positions = await officePositions(em, cur.officeId);
      const refused = (f: string, reason: string, code: string) => new DomainError(code, 'UNPROCESSABLE', `${f}: ${reason}`, { fields: [{ field: f, reason }] });
      cur.reviewerPositionIds.forEach((pid, i) => {
        const why = reviewerRefusal(positions, cur.drafterPositionId, pid);
        if (why) throw refused(`reviewerPositionIds.${i}`, why, 'INVALID_REVIEWER');
      });
      const signerWhy = signerRefusal(positions, cur.signerPositionId);
      if (signerWhy) throw refused('signerPositionId', signerWhy, 'INVALID_SIGNER');
      await checkSignatureLines(em, cur.officeId, cur.signerPositionId, cur.typeFields, positions);
      const round = cur.reviewRound + 1;
      const hasReviewers = cur.reviewerPositionIds.length > 0;
      if (hasReviewers) {
        await em.query(
          `INSERT INTO letter_reviews (letter_id, round, step, position_id, decision) SELECT letter_id, ?, step, position_id, 'PENDING' FROM letter_reviews WHERE letter_id = ? AND round = 0`,
          [round, id],
        );
      }
      const status = hasReviewers ? 'IN_REVIEW' : 'APPROVED';
      await em.query('UPDATE letters SET status = ?, review_round = ?, current_step = ?, version = version + 1 WHERE id = ?', [status, round, hasReviewers ? 1 : null, id]);
      await this.audit.record(em, actorFor(p), { action: 'LETTER_SUBMITTED', entityType: 'letter', entityId: id, officeId: cur.officeId, before: { status: cur.status }, after: { status, round, revision: cur.revision } });
      await this.work.waitsFor(em, cur, round, hasReviewers ? { step: 1, positionId: cur.reviewerPositionIds[0] } : null);
    });
    return this.settled(id);
  }

  /** After a commit: the notices relayed, the queues told. */
  private async settled(id: string): Promise<LetterView> {
    this.outbox.relaySoon();
    const letter = await this.repo.load(id);
    this.work.changed(letter);
    return letter;
  }

  async review(p: Principal, id: string, decision: 'APPROVE' | 'RETURN', note?: string): Promise<LetterView> {
    if (decision === 'RETURN' && !note?.trim()) {
      throw new DomainError('NOTE_REQUIRED', 'VALIDATION', 'note: catatan wajib diisi saat mengembalikan naskah', { fields: [{ field: 'note', reason: 'required when returning' }] });
    }
    await this.ds.transaction(async (em) => {
      const viewer = await this.access.viewerOf(p);
      await this.access.assertVisible(id, viewer, em);
      const cur = await this.repo.load(id, em, true);
      if (cur.status !== 'IN_REVIEW') throw conflict('LETTER_NOT_IN_REVIEW', `Naskah berstatus ${cur.status}, bukan dalam pemeriksaan`, { status: cur.status });
      const steps = cur.reviews.filter((r) => r.round === cur.reviewRound);
      const current = steps.find((s) => s.step === cur.currentStep)!;
      const capacity = await this.delegations.capacityFor(p.userId, current.positionId);
      if (!capacity) {
        const mine = steps.find((s) => viewer.positionIds.includes(s.positionId));
        if (mine) throw conflict('OUT_OF_REVIEW_ORDER', `Belum giliran Anda: naskah menunggu pemeriksa tahap ${current.step} (out of review order)`, { currentStep: current.step, yourStep: mine.step });
        throw forbidden('NOT_THE_REVIEWER', 'Anda bukan pemeriksa naskah ini');
      }
      // four eyes: the drafter acting (Plt/Plh) for a reviewer position may return the draft — to change
      // its reviewers — but never approve what they wrote themselves
      if (decision === 'APPROVE' && cur.drafterUserId === p.userId) {
        throw forbidden('SELF_REVIEW', 'Konseptor tidak dapat menyetujui naskah yang disusunnya sendiri; kembalikan naskah untuk mengganti pemeriksa (drafter cannot approve own draft)');
      }
      const last = current.step === steps.length;
      await em.query(
        'UPDATE letter_reviews SET decision = ?, acted_by_user_id = ?, acted_capacity = ?, acted_at = CURRENT_TIMESTAMP(3), note = ? WHERE letter_id = ? AND round = ? AND step = ?',
        [decision === 'APPROVE' ? 'APPROVED' : 'RETURNED', p.userId, capacity, note ?? null, id, cur.reviewRound, current.step],
      );
      const status = decision === 'RETURN' ? 'RETURNED' : last ? 'APPROVED' : 'IN_REVIEW';
      const nextStep = decision === 'APPROVE' && !last ? current.step + 1 : null;
      await em.query('UPDATE letters SET status = ?, current_step = ?, version = version + 1 WHERE id = ?', [status, nextStep, id]);
      await this.audit.record(em, actorFor(p, capacity, current.positionId), {
        action: decision === 'APPROVE' ? 'LETTER_REVIEW_APPROVED' : 'LETTER_RETURNED', entityType: 'letter', entityId: id, officeId: cur.officeId,
        before: { status: cur.status, step: current.step }, after: { status, step: nextStep, note: note ?? null },
      });
      if (decision === 'RETURN') {
        await this.notifier.notifyLater(em, {
          positionIds: [cur.drafterPositionId], type: 'DRAFT_RETURNED', key: `letter-${id}-returned-${cur.reviewRound}`,
          ref: { letterId: id, round: String(cur.reviewRound), title: titleAbout('DRAFT_RETURNED', letterLabel(cur)) },
        });
      } else {
        await this.work.waitsFor(em, cur, cur.reviewRound, nextStep ? steps.find((s) => s.step === nextStep)! : null);
      }
    });
    return this.settled(id);
  }
}

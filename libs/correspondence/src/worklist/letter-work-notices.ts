import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { letterLabel, PositionNotifier, titleAbout, WorklistSignal } from '@naskah/notification';
import type { NotificationType } from '@naskah/notification';
import { LetterAccessService } from '../access/letter-access.service';
import { maySee, SecurityClass } from '../access/access-policy';

/** What a notice needs of a letter. */
export interface NoticeLetter {
  id: string;
  officeId: number;
  number: string | null;
  subject: string;
  securityClass: string;
  drafterPositionId: number;
  signerPositionId: number | null;
  reviewerPositionIds?: number[];
}

/**
 * The notifications of the drafting chain, born in the outbox inside the transaction of the change
 * (PositionNotifier) with keys that make a replay silent, and the work-queue hint after the commit:
 *  - REVIEW_REQUESTED when a draft reaches a review step (key: letter, round, step);
 *  - SIGNATURE_REQUESTED when the last reviewer approves, or a draft without reviewers is submitted (key: letter, round);
 *  - READY_TO_SEND when the signed document exists (key: letter), to the drafter and the office's registrars.
 * Titles name the letter (notification-titles.ts letterLabel).
 */
@Injectable()
export class LetterWorkNotices {
  constructor(
    private readonly notifier: PositionNotifier,
    private readonly signal: WorklistSignal,
    private readonly access: LetterAccessService,
  ) {}

  /** The draft now waits at `step` of `round` (reviewer `positionId`), or for its signer when `step` is null. */
  async waitsFor(em: EntityManager, l: NoticeLetter, round: number, step: { step: number; positionId: number } | null): Promise<void> {
    if (step) return this.tell(em, 'REVIEW_REQUESTED', l, [step.positionId], `letter-${l.id}-review-${round}-${step.step}`);
    if (l.signerPositionId) await this.tell(em, 'SIGNATURE_REQUESTED', l, [l.signerPositionId], `letter-${l.id}-signature-${round}`);
  }

  /** The signed document exists and the letter is not sent yet. */
  async readyToSend(em: EntityManager, l: NoticeLetter): Promise<void> {
    const registrars: { id: number; path: string }[] = await em.query("SELECT id, path FROM positions WHERE office_id = ? AND kind = 'PENCATAT' AND is_active = 1", [l.officeId]);
    // only registrars who may open the letter (the access rule, as their queue applies it): a
    // Rahasia letter's number and existence are not told to those it is not for
    const involved = await this.access.involved(l.id, em);
    const mayOpen = registrars.filter((r) => maySee(l.securityClass as SecurityClass, { officeId: l.officeId, positionIds: [Number(r.id)], positionPaths: [String(r.path)] }, involved));
    await this.tell(em, 'READY_TO_SEND', l, [l.drafterPositionId, ...mayOpen.map((r) => Number(r.id))], `letter-${l.id}-ready`);
  }

  /** After the commit: the queues of everyone on the letter may have changed (`officeWide`: the registrars' too). */
  changed(l: NoticeLetter, officeWide = false): void {
    this.signal.changed({
      positionIds: [l.drafterPositionId, ...(l.signerPositionId ? [l.signerPositionId] : []), ...(l.reviewerPositionIds ?? [])],
      officeId: officeWide ? l.officeId : null,
    });
  }

  private async tell(em: EntityManager, type: NotificationType, l: NoticeLetter, positionIds: number[], key: string): Promise<void> {
    await this.notifier.notifyLater(em, {
      positionIds: [...new Set(positionIds)], type, key,
      ref: { letterId: l.id, title: titleAbout(type, letterLabel(l)), securityClass: l.securityClass },
    });
  }
}

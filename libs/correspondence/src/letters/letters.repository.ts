import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig, notFound, toIsoDate } from '@naskah/core';
import { recipientLabel, RecipientGroup } from '../dispatch/recipient-groups';
import type { LetterDelivery, LetterFields, LetterView } from './letter.types';
import { textToBodyDoc } from './letter-content-text';

/** A JSON column as read (mysql2 gives MariaDB's JSON, a LONGTEXT, as a string). */
export function jsonColumn<T>(v: unknown): T | null {
  if (v === null || v === undefined) return null;
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

/** Reads and writes letter rows; every read that reaches a user passes LetterAccessService first. */
@Injectable()
export class LettersRepository {
  constructor(
    private readonly ds: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** The letter's status only (null when there is no such letter). */
  async statusOf(id: string, em: EntityManager = this.ds.manager): Promise<{ status: string } | null> {
    const [r] = /^\d{1,19}$/.test(id) ? await em.query('SELECT status FROM letters WHERE id = ?', [id]) : [];
    return r ? { status: String(r.status) } : null;
  }

  async load(id: string, em: EntityManager = this.ds.manager, lock = false): Promise<LetterView> {
    if (!/^\d+$/.test(id)) throw notFound('Naskah', id, 'LETTER');
    const [r] = await em.query(`SELECT * FROM letters WHERE id = ?${lock ? ' FOR UPDATE' : ''}`, [id]);
    if (!r) throw notFound('Naskah', id, 'LETTER');
    const [recipients, reviews, attachments, plan] = await Promise.all([
      em.query(
        `SELECT r.kind, r.office_id, r.position_id, r.external_name, r.recipient_group, r.province_office_id, r.distribution_list_id,
                o.name AS office_name, p.title AS position_title, po.name AS position_office_name, pr.name AS province_name, dl.name AS list_name
         FROM letter_recipients r LEFT JOIN offices o ON o.id = r.office_id LEFT JOIN positions p ON p.id = r.position_id LEFT JOIN offices po ON po.id = p.office_id
           LEFT JOIN offices pr ON pr.id = r.province_office_id LEFT JOIN distribution_lists dl ON dl.id = r.distribution_list_id
         WHERE r.letter_id = ? ORDER BY r.ordinal`,
        [id],
      ),
      em.query('SELECT round, step, position_id, decision, note, acted_at, acted_by_user_id FROM letter_reviews WHERE letter_id = ? AND round > 0 ORDER BY round, step', [id]),
      em.query('SELECT f.id, f.original_name, f.mime, f.size_bytes, f.sha256 FROM letter_attachments a JOIN files f ON f.id = a.file_id WHERE a.letter_id = ? ORDER BY f.id', [id]),
      em.query('SELECT position_id FROM letter_reviews WHERE letter_id = ? AND round = 0 ORDER BY step', [id]),
    ]);
    return {
      id: String(r.id), origin: r.origin, officeId: Number(r.office_id), drafterUserId: Number(r.drafter_user_id), drafterPositionId: Number(r.drafter_position_id),
      typeCode: r.type_code, subject: r.subject, summary: r.summary, body: r.body ?? '',
      bodyDoc: jsonColumn(r.body_doc) ?? textToBodyDoc(r.body), typeFields: jsonColumn(r.type_fields), securityClass: r.security_class, urgency: r.urgency,
      classificationCode: r.classification_code, signerPositionId: r.signer_position_id === null ? (null as never) : Number(r.signer_position_id),
      recipients: recipients.map((x: Record<string, unknown>) => ({
        kind: x.kind as 'TO' | 'CC',
        ...(x.office_id !== null ? { officeId: Number(x.office_id) } : {}),
        ...(x.position_id !== null ? { positionId: Number(x.position_id) } : {}),
        ...(x.external_name !== null ? { externalName: String(x.external_name) } : {}),
        ...(x.recipient_group !== null ? { group: x.recipient_group as RecipientGroup } : {}),
        ...(x.province_office_id !== null ? { provinceOfficeId: Number(x.province_office_id) } : {}),
        ...(x.distribution_list_id !== null ? { distributionListId: Number(x.distribution_list_id) } : {}),
      })),
      addressees: recipients.map((x: Record<string, unknown>) => ({
        kind: x.kind as 'TO' | 'CC',
        label: recipientLabel({
          officeName: x.office_name as string | null, positionTitle: x.position_title as string | null, positionOfficeName: x.position_office_name as string | null,
          externalName: x.external_name as string | null, group: x.recipient_group as RecipientGroup | null, provinceName: x.province_name as string | null, listName: x.list_name as string | null,
        }),
      })),
      reviewerPositionIds: plan.map((p: { position_id: number }) => Number(p.position_id)),
      status: r.status, revision: Number(r.revision), version: Number(r.version), reviewRound: Number(r.review_round),
      currentStep: r.current_step === null ? null : Number(r.current_step), number: r.number, signedAt: r.signed_at, signedCapacity: r.signed_capacity,
      signerName: r.signer_name, signerTitle: r.signer_title, documentSha256: r.document_sha256,
      documentFileId: r.document_file_id === null ? null : String(r.document_file_id), verificationToken: r.verification_token ?? null, sentAt: r.sent_at,
      external: r.origin === 'EXTERNAL' ? { sender: r.external_sender, number: r.external_number, date: toIsoDate(r.external_date) } : null,
      reviews: reviews.map((x: Record<string, unknown>) => ({
        round: Number(x.round), step: Number(x.step), positionId: Number(x.position_id), decision: String(x.decision), note: (x.note as string) ?? null,
        actedAt: (x.acted_at as Date) ?? null, actedByUserId: x.acted_by_user_id === null ? null : Number(x.acted_by_user_id),
      })),
      attachments: attachments.map((f: Record<string, unknown>) => ({ fileId: String(f.id), name: String(f.original_name), mime: String(f.mime), sizeBytes: Number(f.size_bytes), sha256: String(f.sha256) })),
      createdAt: r.created_at, updatedAt: r.updated_at,
    };
  }

  /** Where the letter's sendings stand (LetterDelivery): one indexed read of its transmissions, ages by the database's clock. */
  async deliveryOf(id: string, em: EntityManager = this.ds.manager): Promise<LetterDelivery | null> {
    const [r] = await em.query(
      `SELECT COUNT(*) AS n, MIN(CASE WHEN dispatched_at IS NULL THEN created_at END) AS waiting_since, MAX(dispatched_at) AS last_dispatched,
              TIMESTAMPDIFF(SECOND, MIN(CASE WHEN dispatched_at IS NULL THEN created_at END), CURRENT_TIMESTAMP(3)) AS age
         FROM transmissions WHERE letter_id = ?`,
      [id],
    );
    if (!r || Number(r.n) === 0) return null;
    const lateAfterSeconds = this.config.PIPELINE_LATE_SECONDS;
    if (r.waiting_since === null) return { state: 'DISPATCHED', since: r.last_dispatched, ageSeconds: null, late: false, lateAfterSeconds };
    const ageSeconds = Math.max(0, Number(r.age));
    return { state: 'WAITING', since: r.waiting_since, ageSeconds, late: ageSeconds > lateAfterSeconds, lateAfterSeconds };
  }

  /**
   * Replaces recipients and the planned reviewer chain (round 0) of a draft. A new letter has none
   * to delete: deleting anyway takes gap locks that make concurrent drafts deadlock.
   */
  async writeParties(em: EntityManager, id: string, f: Pick<LetterFields, 'recipients' | 'reviewerPositionIds'>, fresh = false): Promise<void> {
    if (!fresh) await em.query('DELETE FROM letter_recipients WHERE letter_id = ?', [id]);
    if (f.recipients.length) {
      await em.query(
        `INSERT INTO letter_recipients (letter_id, kind, ordinal, office_id, position_id, external_name, recipient_group, province_office_id, distribution_list_id)
         VALUES ${f.recipients.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        f.recipients.flatMap((x, i) => [
          id, x.kind, i + 1, x.officeId ?? null, x.positionId ?? null, x.externalName ?? null, x.group ?? null, x.provinceOfficeId ?? null, x.distributionListId ?? null,
        ]),
      );
    }
    if (!fresh) await em.query('DELETE FROM letter_reviews WHERE letter_id = ? AND round = 0', [id]);
    if (f.reviewerPositionIds.length) {
      await em.query(
        `INSERT INTO letter_reviews (letter_id, round, step, position_id, decision) VALUES ${f.reviewerPositionIds.map(() => '(?, 0, ?, ?, \'PENDING\')').join(', ')}`,
        f.reviewerPositionIds.flatMap((p, i) => [id, i + 1, p]),
      );
    }
  }

  /**
   * Keeps the revision: the drafter's fields as JSON, and the body document and typed fields as
   * stored (copied from the row, so a body kept as text stays NULL and is derived when read).
   */
  async snapshot(em: EntityManager, letter: LetterView, userId: number): Promise<void> {
    const snap: LetterFields = {
      typeCode: letter.typeCode, subject: letter.subject, summary: letter.summary ?? null, body: letter.body, securityClass: letter.securityClass,
      urgency: letter.urgency, classificationCode: letter.classificationCode, recipients: letter.recipients, reviewerPositionIds: letter.reviewerPositionIds,
      signerPositionId: letter.signerPositionId,
    };
    await em.query(
      'INSERT INTO letter_revisions (letter_id, revision, snapshot, body_doc, type_fields, created_by) SELECT id, ?, ?, body_doc, type_fields, ? FROM letters WHERE id = ?',
      [letter.revision, JSON.stringify(snap), userId, letter.id],
    );
  }
}

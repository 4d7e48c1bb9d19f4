import { SIGNING_KINDS, type LettersService } from '@naskah/correspondence';
import { conflict, toIsoDate } from '@naskah/core';
import type { Principal } from '@naskah/identity';
import { inTransaction } from '@naskah/db';
import { actorAs, DispositionContext } from '../disposition-context';
import { fieldError, ruleError } from '../disposition.errors';
import { asRecipient } from '../disposition-guard';
import { readIfUnread } from './progress-disposition';
import { loadLineage, loadPositions } from '../dispositions.repository';
import { CLOSED_STATUSES } from '../rules/disposition-rules';

export interface ReplyDraftInput {
  typeCode?: string;
  subject?: string;
  body?: string;
  classificationCode?: string;
  signerPositionId?: number;
}

/**
 * "Siapkan jawaban": drafts a reply letter from the disposition (to the sender of the incoming
 * letter, same security class and classification, urgency from the priority, signed by default by
 * the nearest signing official up the disposition tree) and links it to the disposition. The
 * draft then follows the ordinary drafting, review and signing flow.
 */
export async function draftReply(ctx: DispositionContext, letters: LettersService, p: Principal, id: string, input: ReplyDraftInput): Promise<{ dispositionId: string; replyLetterId: string }> {
  const plan = await inTransaction(ctx.ds, async (em) => {
    const { row } = await asRecipient(em, ctx, p, id);
    if (CLOSED_STATUSES.includes(row.status)) throw ruleError({ code: 'DISPOSITION_CLOSED', kind: 'CONFLICT', message: `Disposisi berstatus ${row.status} (the disposition is ${row.status})`, details: { status: row.status } });
    if (row.replyLetterId) throw conflict('REPLY_EXISTS', 'Disposisi ini sudah memiliki konsep jawaban', { replyLetterId: row.replyLetterId });
    const asked = await em.query(`SELECT code FROM disposition_instructions WHERE offers_reply = 1 AND code IN (${row.instructionCodes.map(() => '?').join(',')})`, row.instructionCodes);
    if (!asked.length) throw conflict('REPLY_NOT_ASKED', 'Disposisi ini tidak berisi instruksi menyiapkan jawaban (no "Siapkan jawaban" instruction)');
    const [l] = await em.query(
      `SELECT l.number, l.external_number, l.external_date, l.subject, l.security_class, l.classification_code, l.origin, l.external_sender, d.sender_office_id
       FROM letters l JOIN deliveries d ON d.id = ? WHERE l.id = ?`,
      [row.deliveryId, row.letterId],
    );
    const lineage = await loadLineage(em, row);
    const positions = await loadPositions(em, lineage.map((n) => n.authorPositionId));
    const signer = input.signerPositionId ?? [...lineage].reverse().map((n) => positions.get(n.authorPositionId)!).find((pos) => (SIGNING_KINDS as readonly string[]).includes(pos.kind))?.id;
    if (!signer) throw fieldError('signerPositionId', 'tentukan penandatangan jawaban');
    // an external letter is registered without an archive classification: the reply needs one of its own
    if (!input.classificationCode && !l.classification_code) throw fieldError('classificationCode', 'surat asal tidak berkode klasifikasi; tentukan kode klasifikasi jawaban (the original letter has no classification code)');
    return { row, letter: l, signer };
  });
  const { row, letter, signer } = plan;
  // an external letter is known by its sender's own number and date
  const number = letter.origin === 'EXTERNAL' ? letter.external_number : letter.number;
  const date = letter.origin === 'EXTERNAL' && letter.external_date ? ` tanggal ${toIsoDate(letter.external_date)}` : '';
  const about = `surat ${letter.origin === 'EXTERNAL' && letter.external_sender ? `${letter.external_sender} ` : ''}nomor ${number ?? '-'}${date} perihal ${letter.subject}`;
  const draft = await letters.create(p, {
    typeCode: input.typeCode ?? 'SD',
    subject: (input.subject ?? `Jawaban atas ${about}`).slice(0, 500),
    body: input.body ?? `Menindaklanjuti ${about}, bersama ini kami sampaikan hal-hal sebagai berikut.\n\n…\n\nDemikian disampaikan, atas perhatiannya diucapkan terima kasih.`,
    securityClass: letter.security_class,
    urgency: row.priority,
    classificationCode: input.classificationCode ?? letter.classification_code,
    recipients: [letter.origin === 'EXTERNAL' && letter.external_sender ? { kind: 'TO', externalName: letter.external_sender } : { kind: 'TO', officeId: Number(letter.sender_office_id) }],
    reviewerPositionIds: [],
    signerPositionId: signer,
  }, { asReplyTo: { dispositionId: id } });
  await inTransaction(ctx.ds, async (em) => {
    const { row: cur, capacity } = await asRecipient(em, ctx, p, id);
    if (cur.replyLetterId) throw conflict('REPLY_EXISTS', 'Disposisi ini sudah memiliki konsep jawaban', { replyLetterId: cur.replyLetterId });
    await em.query('UPDATE dispositions SET reply_letter_id = ?, version = version + 1 WHERE id = ?', [draft.id, id]);
    await ctx.audit.record(em, actorAs(p, cur.recipientPositionId, capacity), [
      ...(await readIfUnread(em, ctx, p, cur, 'REPLY_DRAFTED')),
      { action: 'DISPOSITION_REPLY_DRAFTED', entityType: 'letter', entityId: cur.letterId, officeId: cur.officeId, after: { dispositionId: id, replyLetterId: draft.id } },
    ]);
  });
  return { dispositionId: id, replyLetterId: draft.id };
}

import type { EntityManager } from 'typeorm';
import { DomainError } from '@naskah/core';
import type { LetterTypeFields } from './letter-content';
import { officePositions, onBehalfRefusal, type OfficePositions, throughRefusal } from './letter-participants';

const refuse = (field: string, reason: string, code: string) => new DomainError(code, 'VALIDATION', `${field}: ${reason}`, { fields: [{ field, reason }] });

/**
 * a.n. / u.b. (Tata Naskah Dinas): the signer signs on behalf of (atas nama) a superior, possibly
 * for (untuk beliau) the official in between. So `onBehalfOfPositionId` must be an active position
 * of the drafting office that is an ancestor of the signer's position, and `throughPositionId` an
 * ancestor of the signer's position below the a.n. position (e.g. Kabag signs "a.n. Ketua,
 * Sekretaris, u.b."). Checked whenever a draft is saved (so also when the signer changes) and when
 * it is submitted. 400 naming the field. The rule itself is letter-participants.ts (the compose
 * page's list of allowed a.n./u.b. comes from the same functions).
 */
export async function checkSignatureLines(em: EntityManager, officeId: number, signerPositionId: number, fields: LetterTypeFields | null | undefined, positions?: OfficePositions): Promise<void> {
  const onBehalf = fields?.onBehalfOfPositionId;
  const through = fields?.throughPositionId;
  if (onBehalf === undefined && through === undefined) return;
  const byId = positions ?? (await officePositions(em, officeId));
  if (onBehalf !== undefined) {
    const why = onBehalfRefusal(byId, signerPositionId, onBehalf);
    if (why) throw refuse('typeFields.onBehalfOfPositionId', why, 'INVALID_ON_BEHALF_OF');
  }
  if (through !== undefined) {
    const why = throughRefusal(byId, signerPositionId, onBehalf, through);
    if (why) throw refuse('typeFields.throughPositionId', why, 'INVALID_THROUGH');
  }
}

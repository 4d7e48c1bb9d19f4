import type { EntityManager } from 'typeorm';
import { DomainError } from '@naskah/core';
import type { LetterTypeFields } from './letter-content';

const refuse = (field: string, reason: string, code: string) => new DomainError(code, 'VALIDATION', `${field}: ${reason}`, { fields: [{ field, reason }] });

/**
 * a.n. / u.b. (Tata Naskah Dinas): the signer signs on behalf of (atas nama) a superior, possibly
 * for (untuk beliau) the official in between. So `onBehalfOfPositionId` must be an active position
 * of the drafting office that is an ancestor of the signer's position, and `throughPositionId` an
 * ancestor of the signer's position below the a.n. position (e.g. Kabag signs "a.n. Ketua,
 * Sekretaris, u.b."). Checked whenever a draft is saved (so also when the signer changes) and when
 * it is submitted. 400 naming the field.
 */
export async function checkSignatureLines(em: EntityManager, officeId: number, signerPositionId: number, fields: LetterTypeFields | null | undefined): Promise<void> {
  const onBehalf = fields?.onBehalfOfPositionId;
  const through = fields?.throughPositionId;
  if (onBehalf === undefined && through === undefined) return;
  const rows: { id: number; parent_id: number | null; is_active: number }[] = await em.query('SELECT id, parent_id, is_active FROM positions WHERE office_id = ?', [officeId]);
  const byId = new Map(rows.map((r) => [Number(r.id), { parent: r.parent_id === null ? null : Number(r.parent_id), active: Number(r.is_active) === 1 }]));
  // the signer's superiors, nearest first
  const ancestors: number[] = [];
  for (let cur = byId.get(signerPositionId)?.parent ?? null; cur !== null && !ancestors.includes(cur); cur = byId.get(cur)?.parent ?? null) ancestors.push(cur);
  if (onBehalf !== undefined) {
    const f = 'typeFields.onBehalfOfPositionId';
    if (!byId.get(onBehalf)?.active) throw refuse(f, 'a.n. harus jabatan aktif di satker penyusun naskah (a.n. must be an active position of the drafting office)', 'INVALID_ON_BEHALF_OF');
    if (!ancestors.includes(onBehalf)) throw refuse(f, 'a.n. harus atasan penandatangan dalam struktur jabatan (a.n. must be a superior of the signer position)', 'INVALID_ON_BEHALF_OF');
  }
  if (through !== undefined) {
    const f = 'typeFields.throughPositionId';
    if (!byId.get(through)?.active) throw refuse(f, 'u.b. harus jabatan aktif di satker penyusun naskah (u.b. must be an active position of the drafting office)', 'INVALID_THROUGH');
    const i = ancestors.indexOf(through);
    const j = onBehalf === undefined ? -1 : ancestors.indexOf(onBehalf);
    if (i < 0 || j < 0 || i >= j) throw refuse(f, 'u.b. harus atasan penandatangan dan bawahan jabatan a.n. (u.b. must be between the signer and the a.n. position)', 'INVALID_THROUGH');
  }
}

import type { EntityManager } from 'typeorm';

/**
 * Who may take part in a draft: its reviewers (paraf), its signer and the a.n./u.b. positions of the
 * signature block. THE rule, used both when a draft is saved or submitted (LettersService.validate,
 * checkSignatureLines) and when the compose page asks whom it may offer
 * (GET /api/letters/eligible-participants), so the list and the validation cannot disagree.
 *
 * - Reviewer: an active position of the drafting office, not the drafter's own position (nobody
 *   paraf their own konsep), each at most once.
 * - Signer: an active position of the drafting office of a signing kind (Ketua, Sekretaris
 *   Jenderal / Sekretaris, Kepala Biro, Kepala Bagian).
 * - a.n. (atas nama): an active superior of the signer in the drafting office's position tree.
 * - u.b. (untuk beliau): an active superior of the signer below the a.n. position (e.g. a Kabag
 *   signs "a.n. Ketua, Sekretaris, u.b."); only together with a.n.
 */
export const SIGNING_KINDS = ['KETUA', 'SEKRETARIS_JENDERAL', 'SEKRETARIS', 'KEPALA_BIRO', 'KABAG'] as const;

export interface OfficePosition {
  id: number;
  officeId: number;
  parentId: number | null;
  title: string;
  kind: string;
  active: boolean;
  /** Its longest-standing active user (as the organisation's position view); null: vacant. */
  holder: { userId: number; fullName: string } | null;
}

/** The drafting office's positions (active or not), in tree order, keyed by id. */
export type OfficePositions = Map<number, OfficePosition>;

const HOLDER = 'u.id = (SELECT MIN(h.id) FROM users h WHERE h.position_id = p.id AND h.is_active = 1)';

export async function officePositions(em: EntityManager, officeId: number): Promise<OfficePositions> {
  const rows: Record<string, unknown>[] = await em.query(
    `SELECT p.id, p.office_id, p.parent_id, p.title, p.kind, p.is_active, u.id AS holder_id, u.full_name AS holder_name
       FROM positions p LEFT JOIN users u ON ${HOLDER} WHERE p.office_id = ? ORDER BY p.path, p.id`,
    [officeId],
  );
  return new Map(
    rows.map((r) => [
      Number(r.id),
      {
        id: Number(r.id), officeId: Number(r.office_id), parentId: r.parent_id === null ? null : Number(r.parent_id), title: String(r.title), kind: String(r.kind),
        active: Number(r.is_active) === 1, holder: r.holder_id ? { userId: Number(r.holder_id), fullName: String(r.holder_name) } : null,
      },
    ]),
  );
}

export const REASONS = {
  reviewerOffice: 'pemeriksa harus jabatan di satker yang sama',
  reviewerDrafter: 'konseptor tidak dapat menjadi pemeriksa naskahnya sendiri (the drafter cannot review their own draft)',
  signer: 'penandatangan harus pejabat penandatangan (Ketua, Sekretaris/Sekjen, Kepala Biro/Kabag) di satker yang sama',
  onBehalfInactive: 'a.n. harus jabatan aktif di satker penyusun naskah (a.n. must be an active position of the drafting office)',
  onBehalfNotSuperior: 'a.n. harus atasan penandatangan dalam struktur jabatan (a.n. must be a superior of the signer position)',
  throughInactive: 'u.b. harus jabatan aktif di satker penyusun naskah (u.b. must be an active position of the drafting office)',
  throughNotBetween: 'u.b. harus atasan penandatangan dan bawahan jabatan a.n. (u.b. must be between the signer and the a.n. position)',
} as const;

/** Why `positionId` may not review a draft of this office drafted from `drafterPositionId`; null: it may. */
export function reviewerRefusal(positions: OfficePositions, drafterPositionId: number, positionId: number): string | null {
  if (!positions.get(positionId)?.active) return REASONS.reviewerOffice;
  if (positionId === drafterPositionId) return REASONS.reviewerDrafter;
  return null;
}

/** Why `positionId` may not sign a draft of this office; null: it may. */
export function signerRefusal(positions: OfficePositions, positionId: number): string | null {
  const p = positions.get(positionId);
  return p?.active && (SIGNING_KINDS as readonly string[]).includes(p.kind) ? null : REASONS.signer;
}

/** The signer's superiors in the office's tree, nearest first (whatever their state). */
export function superiorsOf(positions: OfficePositions, signerPositionId: number): number[] {
  const out: number[] = [];
  for (let cur = positions.get(signerPositionId)?.parentId ?? null; cur !== null && !out.includes(cur); cur = positions.get(cur)?.parentId ?? null) out.push(cur);
  return out;
}

/** Why `onBehalfOf` may not be the a.n. of a letter signed by `signer`; null: it may. */
export function onBehalfRefusal(positions: OfficePositions, signerPositionId: number, onBehalfOf: number): string | null {
  if (!positions.get(onBehalfOf)?.active) return REASONS.onBehalfInactive;
  if (!superiorsOf(positions, signerPositionId).includes(onBehalfOf)) return REASONS.onBehalfNotSuperior;
  return null;
}

/** Why `through` may not be the u.b. under a.n. `onBehalfOf` (undefined: none) of a letter signed by `signer`; null: it may. */
export function throughRefusal(positions: OfficePositions, signerPositionId: number, onBehalfOf: number | undefined, through: number): string | null {
  if (!positions.get(through)?.active) return REASONS.throughInactive;
  const up = superiorsOf(positions, signerPositionId);
  const i = up.indexOf(through);
  const j = onBehalfOf === undefined ? -1 : up.indexOf(onBehalfOf);
  return i < 0 || j < 0 || i >= j ? REASONS.throughNotBetween : null;
}

export interface EligibleParticipants {
  reviewers: OfficePosition[];
  signers: OfficePosition[];
  /** For the signer asked about: each a.n. it may sign for (nearest superior first), with the u.b. positions allowed under it. */
  onBehalfOf: (OfficePosition & { through: OfficePosition[] })[];
}

/** Everyone the rule above lets take part, by trying each position of the office against it. */
export function eligibleParticipants(positions: OfficePositions, drafterPositionId: number, signerPositionId?: number): EligibleParticipants {
  const all = [...positions.values()];
  const onBehalfOf =
    signerPositionId === undefined
      ? []
      : superiorsOf(positions, signerPositionId)
          .filter((id) => onBehalfRefusal(positions, signerPositionId, id) === null)
          .map((id) => ({
            ...positions.get(id)!,
            through: superiorsOf(positions, signerPositionId)
              .filter((t) => throughRefusal(positions, signerPositionId, id, t) === null)
              .map((t) => positions.get(t)!),
          }));
  return {
    reviewers: all.filter((p) => reviewerRefusal(positions, drafterPositionId, p.id) === null),
    signers: all.filter((p) => signerRefusal(positions, p.id) === null),
    onBehalfOf,
  };
}

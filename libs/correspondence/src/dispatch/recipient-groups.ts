import { DomainError } from '@naskah/core';

/**
 * Group addressees (issue 12, item 3). A draft keeps the group as written; sending expands it into
 * one delivery per member office (to its head), judged by the routing rule member by member.
 *  - ALL_PROVINCES: every KPU Provinsi (38);
 *  - ALL_KABKOTA: every KPU Kab/Kota (514);
 *  - KABKOTA_OF_PROVINCE: the Kab/Kota whose parent is `provinceOfficeId`.
 * The sending office is never its own addressee through a group (a Provinsi writing to "semua KPU
 * Provinsi" reaches the other 37). A saved distribution list (`distributionListId`) is expanded the
 * same way: an office member goes to its head, a position member to that position.
 */
export const RECIPIENT_GROUPS = ['ALL_PROVINCES', 'ALL_KABKOTA', 'KABKOTA_OF_PROVINCE'] as const;
export type RecipientGroup = (typeof RECIPIENT_GROUPS)[number];

/** The words printed after "Yth." for a group; `provinceName` is the province office's name (KABKOTA_OF_PROVINCE). */
export function groupLabel(group: RecipientGroup, provinceName?: string | null): string {
  if (group === 'ALL_PROVINCES') return 'Ketua KPU Provinsi dan KIP Aceh se-Indonesia';
  if (group === 'ALL_KABKOTA') return 'Ketua KPU/KIP Kabupaten/Kota se-Indonesia';
  const name = provinceName ?? '';
  // "KPU Provinsi Nusa Tenggara Barat" → "KPU Kabupaten/Kota se-Provinsi Nusa Tenggara Barat"; "KIP Aceh" → "KIP Kabupaten/Kota se-Aceh"
  const body = /^(KPU|KIP)\s+/.exec(name);
  return body ? `Ketua ${body[1]} Kabupaten/Kota se-${name.slice(body[0].length)}` : `Ketua KPU Kabupaten/Kota se-${name}`;
}

/** A recipient row with the names it needs, as read for the letter view and the PDF. */
export interface LabelledRecipientRow {
  officeName?: string | null;
  positionTitle?: string | null;
  positionOfficeName?: string | null;
  externalName?: string | null;
  group?: RecipientGroup | null;
  provinceName?: string | null;
  listName?: string | null;
}

/** What the letter prints for one recipient: "Ketua <office>", "<position> <office>", the external name, the group or the list's name. */
export function recipientLabel(r: LabelledRecipientRow): string {
  if (r.externalName) return r.externalName;
  if (r.group) return groupLabel(r.group, r.provinceName);
  if (r.listName) return r.listName;
  if (r.positionTitle) return `${r.positionTitle} ${r.positionOfficeName ?? ''}`.trim();
  return `Ketua ${r.officeName ?? ''}`.trim();
}

/** One position named by one recipient of the letter (a single recipient, or a member of a group). */
export interface NamedAddressee {
  /** The recipient's place in the letter's list. */
  index: number;
  kind: 'TO' | 'CC';
  officeId: number;
  positionId: number;
  /** True for a recipient named alone (office, position); false for a member of a group or list. */
  single: boolean;
}

export interface MergedAddressee {
  kind: 'TO' | 'CC';
  officeId: number;
  positionId: number;
  /** The first recipient that named it. */
  index: number;
  /** Every recipient that named it, in order. */
  from: number[];
}

const duplicate = (i: number, first: number) =>
  new DomainError('DUPLICATE_RECIPIENT', 'UNPROCESSABLE', `recipients.${i}: tujuan yang sama sudah ada pada recipients.${first} (duplicate addressee)`, {
    fields: [{ field: `recipients.${i}`, reason: `sama dengan recipients.${first}` }], duplicateOf: first,
  });

/**
 * One delivery per position. Two single recipients naming the same position (the same position,
 * an office and its head) are a drafting mistake: refused (422 DUPLICATE_RECIPIENT) naming both.
 * A position reached through a group or list and also named elsewhere is merged into one
 * addressee: TO when any of the recipients that name it is TO, else CC. Order is kept (the first
 * mention's place). Pure.
 */
export function mergeAddressees(named: NamedAddressee[]): MergedAddressee[] {
  const byPosition = new Map<number, MergedAddressee & { singleAt: number | null }>();
  const out: (MergedAddressee & { singleAt: number | null })[] = [];
  for (const a of named) {
    const had = byPosition.get(a.positionId);
    if (!had) {
      const m = { kind: a.kind, officeId: a.officeId, positionId: a.positionId, index: a.index, from: [a.index], singleAt: a.single ? a.index : null };
      byPosition.set(a.positionId, m);
      out.push(m);
      continue;
    }
    if (a.single && had.singleAt !== null) throw duplicate(a.index, had.singleAt);
    if (a.single) had.singleAt = a.index;
    if (a.kind === 'TO') had.kind = 'TO';
    if (!had.from.includes(a.index)) had.from.push(a.index);
  }
  return out.map(({ singleAt: _s, ...m }) => m);
}

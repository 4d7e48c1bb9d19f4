import type { EntityManager } from 'typeorm';
import { DomainError } from '@naskah/core';
import { officeDirectory, OfficePlace } from './office-directory';
import { groupLabel, mergeAddressees, MergedAddressee, NamedAddressee, RECIPIENT_GROUPS, RecipientGroup } from './recipient-groups';

/**
 * A recipient as written on the letter: a position, an office (→ its head), an external party, a
 * group of offices (`group`, with `provinceOfficeId` for KABKOTA_OF_PROVINCE) or one of the
 * sending office's distribution lists (`distributionListId`). Exactly one of them.
 */
export interface RecipientRef {
  kind: 'TO' | 'CC';
  officeId?: number | null;
  positionId?: number | null;
  externalName?: string | null;
  group?: RecipientGroup | null;
  provinceOfficeId?: number | null;
  distributionListId?: number | null;
}

/** An addressee resolved to a position; `from` lists every recipient (by index) that names it. */
export type ResolvedAddressee = MergedAddressee;

/** How one group or list recipient was expanded. */
export interface GroupExpansion {
  index: number;
  kind: 'TO' | 'CC';
  group: RecipientGroup | null;
  provinceOfficeId: number | null;
  distributionListId: number | null;
  /** What the letter prints for it. */
  label: string;
  /** Positions it names (the sending office left out). */
  members: number;
  /** True when the sending office belonged to the group and was left out. */
  excludedSender: boolean;
  /** Of its members, how many are also named by another recipient (one delivery each, TO winning over CC). */
  merged: number;
}

export interface ResolvedRecipients {
  internal: ResolvedAddressee[];
  external: string[];
  groups: GroupExpansion[];
  /** Addressees named by more than one recipient (a single one and a group, or two groups). */
  merged: ResolvedAddressee[];
}

const badRecipient = (i: number, reason: string, field = `recipients.${i}`) =>
  new DomainError('INVALID_RECIPIENT', 'UNPROCESSABLE', `${field}: ${reason}`, { fields: [{ field, reason }] });

const duplicateGroup = (i: number, first: number) =>
  new DomainError('DUPLICATE_RECIPIENT', 'UNPROCESSABLE', `recipients.${i}: kelompok tujuan yang sama sudah ada pada recipients.${first} (duplicate addressee)`, {
    fields: [{ field: `recipients.${i}`, reason: `sama dengan recipients.${first}` }], duplicateOf: first,
  });

type Shape = 'POSITION' | 'OFFICE' | 'EXTERNAL' | 'GROUP' | 'LIST';

/** Which form a recipient takes; refuses (400) none or more than one, and a province given to another form. */
export function recipientShape(r: RecipientRef, i: number): Shape {
  const given: Shape[] = [];
  if (r.positionId !== undefined && r.positionId !== null) given.push('POSITION');
  else if (r.officeId !== undefined && r.officeId !== null) given.push('OFFICE');
  if (r.externalName !== undefined && r.externalName !== null) given.push('EXTERNAL');
  if (r.group !== undefined && r.group !== null) given.push('GROUP');
  if (r.distributionListId !== undefined && r.distributionListId !== null) given.push('LIST');
  const field = `recipients.${i}`;
  const invalid = (reason: string, f = field) => new DomainError('VALIDATION_FAILED', 'VALIDATION', `${f}: ${reason}`, { fields: [{ field: f, reason }] });
  // a position may name its office too (checked against it); any other pair is two recipients in one
  if (given.length !== 1) throw invalid('isi tepat satu dari officeId, positionId, externalName, group atau distributionListId');
  if (given[0] === 'GROUP') {
    if (!(RECIPIENT_GROUPS as readonly string[]).includes(String(r.group))) throw invalid(`group harus salah satu dari ${RECIPIENT_GROUPS.join(', ')}`, `${field}.group`);
    const needsProvince = r.group === 'KABKOTA_OF_PROVINCE';
    const hasProvince = r.provinceOfficeId !== undefined && r.provinceOfficeId !== null;
    if (needsProvince && !hasProvince) throw invalid('wajib diisi untuk group KABKOTA_OF_PROVINCE', `${field}.provinceOfficeId`);
    if (!needsProvince && hasProvince) throw invalid('hanya untuk group KABKOTA_OF_PROVINCE', `${field}.provinceOfficeId`);
  } else if (r.provinceOfficeId !== undefined && r.provinceOfficeId !== null) {
    throw invalid('hanya untuk group KABKOTA_OF_PROVINCE', `${field}.provinceOfficeId`);
  }
  return given[0];
}

interface ListRow {
  id: number;
  officeId: number;
  name: string;
  live: boolean;
  members: { officeId: number | null; positionId: number | null }[];
}

async function readLists(em: EntityManager, ids: number[], lock: boolean): Promise<Map<number, ListRow>> {
  const out = new Map<number, ListRow>();
  if (!ids.length) return out;
  const marks = ids.map(() => '?').join(', ');
  // a draft that names a list holds a shared lock on it until it commits: a concurrent delete waits, then sees the draft (409)
  const lists = await em.query(`SELECT id, office_id, name, live FROM distribution_lists WHERE id IN (${marks})${lock ? ' LOCK IN SHARE MODE' : ''}`, ids);
  for (const l of lists) out.set(Number(l.id), { id: Number(l.id), officeId: Number(l.office_id), name: String(l.name), live: Number(l.live) === 1, members: [] });
  const members = await em.query(`SELECT list_id, office_id, position_id FROM distribution_list_members WHERE list_id IN (${marks}) ORDER BY list_id, ordinal`, ids);
  for (const m of members) {
    out.get(Number(m.list_id))?.members.push({ officeId: m.office_id === null ? null : Number(m.office_id), positionId: m.position_id === null ? null : Number(m.position_id) });
  }
  return out;
}

/** The member offices of a group, in office order, the sender left out. */
function groupOffices(all: OfficePlace[], group: RecipientGroup, provinceOfficeId: number | null): OfficePlace[] {
  if (group === 'ALL_PROVINCES') return all.filter((o) => o.level === 'PROVINSI');
  if (group === 'ALL_KABKOTA') return all.filter((o) => o.level === 'KABKOTA');
  return all.filter((o) => o.level === 'KABKOTA' && o.parentId === String(provinceOfficeId));
}

/**
 * Resolves recipients to positions in a fixed number of queries whatever their number: a position
 * stays itself; an office goes to its head (the root of its position tree, as
 * OrganisationService.headPosition); a group or distribution list goes to each of its members.
 * External parties are returned apart: they get no delivery. Duplicates: see mergeAddressees.
 *
 * `senderOfficeId` is the office writing the letter: its own distribution lists only, and it is
 * left out of groups. With `expand: false` (a draft being saved) groups and lists are checked but
 * not expanded — who they reach is decided when the letter is sent.
 */
export async function resolveAddressees(
  em: EntityManager,
  recipients: RecipientRef[],
  opts: { senderOfficeId?: number | null; expand?: boolean; lockLists?: boolean } = {},
): Promise<ResolvedRecipients> {
  const expand = opts.expand !== false;
  const shapes = recipients.map((r, i) => recipientShape(r, i));
  const dir = await officeDirectory(em);
  const allOffices = shapes.includes('GROUP') ? dir.all() : [];
  const listIds = [...new Set(recipients.flatMap((r, i) => (shapes[i] === 'LIST' ? [Number(r.distributionListId)] : [])))];
  const lists = await readLists(em, listIds, opts.lockLists ?? false);

  // groups and lists: checked, then (when expanding) turned into office and position members
  const groups: GroupExpansion[] = [];
  const members = new Map<number, { officeIds: number[]; positionIds: number[] }>();
  const seenGroup = new Map<string, number>();
  recipients.forEach((r, i) => {
    if (shapes[i] !== 'GROUP' && shapes[i] !== 'LIST') return;
    const key = shapes[i] === 'GROUP' ? `${r.group}/${r.provinceOfficeId ?? ''}` : `list/${r.distributionListId}`;
    const first = seenGroup.get(key);
    if (first !== undefined) throw duplicateGroup(i, first);
    seenGroup.set(key, i);
    let label: string;
    let officeIds: number[] = [];
    let positionIds: number[] = [];
    if (shapes[i] === 'GROUP') {
      let province: OfficePlace | undefined;
      if (r.group === 'KABKOTA_OF_PROVINCE') {
        province = dir.get(Number(r.provinceOfficeId));
        if (!province || province.level !== 'PROVINSI') throw badRecipient(i, `satker ${r.provinceOfficeId} bukan KPU Provinsi (not a province office)`, `recipients.${i}.provinceOfficeId`);
      }
      label = groupLabel(r.group!, province?.name);
      officeIds = groupOffices(allOffices, r.group!, province ? Number(province.id) : null).map((o) => Number(o.id));
    } else {
      const list = lists.get(Number(r.distributionListId));
      if (!list || !list.live || (opts.senderOfficeId && list.officeId !== opts.senderOfficeId)) {
        throw badRecipient(i, `daftar distribusi ${r.distributionListId} tidak ditemukan di satker Anda (unknown distribution list)`, `recipients.${i}.distributionListId`);
      }
      label = list.name;
      officeIds = list.members.flatMap((m) => (m.officeId !== null ? [m.officeId] : []));
      positionIds = list.members.flatMap((m) => (m.positionId !== null ? [m.positionId] : []));
    }
    const before = officeIds.length + positionIds.length;
    const sender = opts.senderOfficeId ?? null;
    if (shapes[i] === 'GROUP' && sender !== null) officeIds = officeIds.filter((id) => id !== sender);
    groups.push({
      index: i, kind: r.kind, group: r.group ?? null, provinceOfficeId: r.provinceOfficeId ?? null, distributionListId: r.distributionListId ?? null,
      label, members: officeIds.length + positionIds.length, excludedSender: officeIds.length + positionIds.length < before, merged: 0,
    });
    if (expand && officeIds.length + positionIds.length === 0) throw badRecipient(i, `${label}: tidak ada satker tujuan selain satker pengirim (empty group)`);
    members.set(i, { officeIds, positionIds });
  });

  const singlePositions = recipients.flatMap((r, i) => (shapes[i] === 'POSITION' ? [Number(r.positionId)] : []));
  const singleOffices = recipients.flatMap((r, i) => (shapes[i] === 'OFFICE' ? [Number(r.officeId)] : []));
  const positionIds = [...new Set([...singlePositions, ...(expand ? [...members.values()].flatMap((m) => m.positionIds) : [])])];
  const officeIds = [...new Set([...singleOffices, ...(expand ? [...members.values()].flatMap((m) => m.officeIds) : [])])];
  const [positions, heads] = await Promise.all([
    positionIds.length
      ? em.query(`SELECT id, office_id FROM positions WHERE is_active = 1 AND id IN (${positionIds.map(() => '?').join(', ')})`, positionIds)
      : Promise.resolve([]),
    officeIds.length
      ? // the root of each office's tree (depth 0 has no parent), read through ix_positions_parent: ~10x faster for 552 offices
        em.query(`SELECT office_id, MIN(id) AS id FROM positions WHERE parent_id IS NULL AND is_active = 1 AND office_id IN (${officeIds.map(() => '?').join(', ')}) GROUP BY office_id`, officeIds)
      : Promise.resolve([]),
  ]);
  const officeOfPosition = new Map<number, number>(positions.map((r: Record<string, unknown>) => [Number(r.id), Number(r.office_id)]));
  const headOfOffice = new Map<number, number>(heads.map((r: Record<string, unknown>) => [Number(r.office_id), Number(r.id)]));

  const named: NamedAddressee[] = [];
  const external: string[] = [];
  const seenExternal = new Map<string, number>();
  recipients.forEach((r, i) => {
    const shape = shapes[i];
    if (shape === 'POSITION') {
      const officeId = officeOfPosition.get(Number(r.positionId));
      if (officeId === undefined) throw badRecipient(i, `jabatan ${r.positionId} tidak ditemukan atau tidak aktif (unknown position)`);
      if (r.officeId && r.officeId !== officeId) throw badRecipient(i, `jabatan ${r.positionId} bukan di satker ${r.officeId}`);
      named.push({ index: i, kind: r.kind, officeId, positionId: Number(r.positionId), single: true });
    } else if (shape === 'OFFICE') {
      const head = headOfOffice.get(Number(r.officeId));
      if (head === undefined) throw badRecipient(i, `satker ${r.officeId} tidak ditemukan atau tanpa pimpinan (unknown office)`);
      named.push({ index: i, kind: r.kind, officeId: Number(r.officeId), positionId: head, single: true });
    } else if (shape === 'EXTERNAL') {
      const name = String(r.externalName).trim();
      if (!name) throw badRecipient(i, 'isi positionId, officeId atau externalName');
      const key = name.toLocaleLowerCase('id').replace(/\s+/g, ' ');
      const first = seenExternal.get(key);
      if (first !== undefined) {
        throw new DomainError('DUPLICATE_RECIPIENT', 'UNPROCESSABLE', `recipients.${i}: tujuan yang sama sudah ada pada recipients.${first} (duplicate addressee)`, {
          fields: [{ field: `recipients.${i}`, reason: `sama dengan recipients.${first}` }], duplicateOf: first,
        });
      }
      seenExternal.set(key, i);
      external.push(name);
    } else if (expand) {
      const m = members.get(i)!;
      const label = groups.find((g) => g.index === i)!.label;
      for (const officeId of m.officeIds) {
        const head = headOfOffice.get(officeId);
        if (head === undefined) throw badRecipient(i, `${label}: satker ${dir.get(officeId)?.name ?? officeId} tanpa pimpinan aktif (office without an active head)`);
        named.push({ index: i, kind: r.kind, officeId, positionId: head, single: false });
      }
      for (const positionId of m.positionIds) {
        const officeId = officeOfPosition.get(positionId);
        if (officeId === undefined) throw badRecipient(i, `${label}: jabatan ${positionId} tidak ditemukan atau tidak aktif; perbarui daftar distribusi (inactive member)`);
        named.push({ index: i, kind: r.kind, officeId, positionId, single: false });
      }
    }
  });
  const internal = mergeAddressees(named);
  const merged = internal.filter((a) => a.from.length > 1);
  for (const g of groups) g.merged = merged.filter((a) => a.from.includes(g.index)).length;
  return { internal, external, groups, merged };
}

import { LEVEL_LABELS, RELATION_LABELS } from './route-labels';
import { REQUIRED_RULES, unlawfulRule } from './routing-policy';
import { ROUTING_MODES, type OfficeLevel, type Relation, type RoutingMode, type RoutingPolicy, type RoutingRule } from './routing.types';

export const MODE_LABELS: Record<RoutingMode, string> = {
  DIRECT: 'Langsung ke tujuan',
  VIA_PARENT: 'Melalui satker induk (diteruskan)',
  FORBIDDEN: 'Tidak diizinkan',
};

/** One cell of the matrix as the admin screen shows it: the rule, its labels and the modes the law allows there. */
export interface PolicyCellView {
  relation: Relation;
  relationLabel: string;
  mode: RoutingMode;
  modeLabel: string;
  /** Modes a policy may put in this cell (the others are refused by `unlawfulRule`). */
  allowedModes: RoutingMode[];
}

export interface PolicyRowView {
  fromLevel: OfficeLevel;
  fromLabel: string;
  cells: PolicyCellView[];
}

/** The cells a policy has, per sender level, in the order of DESIGN §3's table (SAME_OFFICE is implied and not shown). */
export function matrixCells(): { fromLevel: OfficeLevel; relations: Relation[] }[] {
  const order: OfficeLevel[] = ['KABKOTA', 'PROVINSI', 'RI'];
  return order.map((fromLevel) => ({ fromLevel, relations: REQUIRED_RULES.filter(([l]) => l === fromLevel).map(([, r]) => r) }));
}

export function allowedModes(fromLevel: OfficeLevel, relation: Relation): RoutingMode[] {
  return ROUTING_MODES.filter((mode) => unlawfulRule({ fromLevel, relation, mode }) === null);
}

/** The policy as a labelled matrix (Bahasa Indonesia), rows by sender level. */
export function policyMatrix(policy: RoutingPolicy): PolicyRowView[] {
  const modeOf = (l: OfficeLevel, r: Relation) => policy.find((x) => x.fromLevel === l && x.relation === r)?.mode ?? 'FORBIDDEN';
  return matrixCells().map(({ fromLevel, relations }) => ({
    fromLevel,
    fromLabel: `Dari ${LEVEL_LABELS[fromLevel]}`,
    cells: relations.map((relation) => {
      const mode = modeOf(fromLevel, relation);
      return { relation, relationLabel: `Ke ${RELATION_LABELS[relation]}`, mode, modeLabel: MODE_LABELS[mode], allowedModes: allowedModes(fromLevel, relation) };
    }),
  }));
}

/** The rows of a policy as stored and as the API takes them (the matrix cells, without the implied SAME_OFFICE rows). */
export function policyRows(policy: RoutingPolicy): RoutingRule[] {
  return matrixCells().flatMap(({ fromLevel, relations }) =>
    relations.flatMap((relation) => policy.filter((r) => r.fromLevel === fromLevel && r.relation === relation).map((r) => ({ fromLevel, relation, mode: r.mode }))),
  );
}

/** The cells two policies disagree on, for the audit trail and the version list. */
export function policyDiff(before: RoutingPolicy, after: RoutingPolicy): { fromLevel: OfficeLevel; relation: Relation; from: RoutingMode | null; to: RoutingMode | null }[] {
  const key = (r: { fromLevel: string; relation: string }) => `${r.fromLevel}/${r.relation}`;
  const a = new Map(before.filter((r) => r.relation !== 'SAME_OFFICE').map((r) => [key(r), r.mode]));
  const b = new Map(after.filter((r) => r.relation !== 'SAME_OFFICE').map((r) => [key(r), r.mode]));
  const out: { fromLevel: OfficeLevel; relation: Relation; from: RoutingMode | null; to: RoutingMode | null }[] = [];
  for (const { fromLevel, relations } of matrixCells()) {
    for (const relation of relations) {
      const from = a.get(`${fromLevel}/${relation}`) ?? null;
      const to = b.get(`${fromLevel}/${relation}`) ?? null;
      if (from !== to) out.push({ fromLevel, relation, from, to });
    }
  }
  return out;
}

/** The rows a policy refuses for being unlawful, by cell (for the 422's details). */
export function unlawfulCells(rows: unknown): { fromLevel: string; relation: string; mode: string; reason: string }[] {
  if (!Array.isArray(rows)) return [];
  return rows.flatMap((raw: unknown) => {
    if (typeof raw !== 'object' || raw === null) return [];
    const { fromLevel, relation, mode } = raw as Record<string, unknown>;
    if (typeof fromLevel !== 'string' || typeof relation !== 'string' || typeof mode !== 'string') return [];
    const reason = unlawfulRule({ fromLevel, relation, mode } as RoutingRule);
    return reason ? [{ fromLevel, relation, mode, reason }] : [];
  });
}

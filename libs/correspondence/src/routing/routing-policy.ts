import { RoutingError } from './routing.errors';
import { OFFICE_LEVELS, RELATIONS, ROUTING_MODES, type OfficeLevel, type Relation, type RoutingMode, type RoutingPolicy, type RoutingRule } from './routing.types';

const rule = (fromLevel: OfficeLevel, relation: Relation, mode: RoutingMode): RoutingRule => ({ fromLevel, relation, mode });

/**
 * The default policy, cell by cell as in DESIGN.md §3 ("hierarchy is law"), plus the "—" cells
 * as SAME_OFFICE DIRECT. KPU RI → OWN_PROVINSI is kept as the table has it, though classify never
 * yields it for KPU RI (see Relation).
 */
export const DEFAULT_KPU_POLICY: RoutingPolicy = Object.freeze([
  rule('KABKOTA', 'KPU_RI', 'VIA_PARENT'),
  rule('KABKOTA', 'OWN_PROVINSI', 'DIRECT'),
  rule('KABKOTA', 'OTHER_PROVINSI', 'VIA_PARENT'),
  rule('KABKOTA', 'KABKOTA_SAME_PROVINCE', 'DIRECT'),
  rule('KABKOTA', 'KABKOTA_OTHER_PROVINCE', 'VIA_PARENT'),
  rule('KABKOTA', 'EXTERNAL', 'DIRECT'),
  rule('KABKOTA', 'SAME_OFFICE', 'DIRECT'),
  rule('PROVINSI', 'KPU_RI', 'DIRECT'),
  rule('PROVINSI', 'SAME_OFFICE', 'DIRECT'),
  rule('PROVINSI', 'OTHER_PROVINSI', 'DIRECT'),
  rule('PROVINSI', 'KABKOTA_SAME_PROVINCE', 'DIRECT'),
  rule('PROVINSI', 'KABKOTA_OTHER_PROVINCE', 'DIRECT'),
  rule('PROVINSI', 'EXTERNAL', 'DIRECT'),
  rule('RI', 'SAME_OFFICE', 'DIRECT'),
  rule('RI', 'OWN_PROVINSI', 'DIRECT'),
  rule('RI', 'OTHER_PROVINSI', 'DIRECT'),
  rule('RI', 'KABKOTA_SAME_PROVINCE', 'DIRECT'),
  rule('RI', 'KABKOTA_OTHER_PROVINCE', 'DIRECT'),
  rule('RI', 'EXTERNAL', 'DIRECT'),
].map((r) => Object.freeze(r)));

/** The (level, relation) pairs classify can produce apart from SAME_OFFICE: a policy must cover each. */
export const REQUIRED_RULES: readonly (readonly [OfficeLevel, Relation])[] = [
  ...(['KPU_RI', 'OWN_PROVINSI', 'OTHER_PROVINSI', 'KABKOTA_SAME_PROVINCE', 'KABKOTA_OTHER_PROVINCE', 'EXTERNAL'] as const).map((r) => ['KABKOTA', r] as const),
  ...(['KPU_RI', 'OTHER_PROVINSI', 'KABKOTA_SAME_PROVINCE', 'KABKOTA_OTHER_PROVINCE', 'EXTERNAL'] as const).map((r) => ['PROVINSI', r] as const),
  ...(['OTHER_PROVINSI', 'KABKOTA_OTHER_PROVINCE', 'EXTERNAL'] as const).map((r) => ['RI', r] as const),
];

/**
 * What no policy may say: internal mail is always DIRECT; KPU RI has no parent to go through;
 * and a Kab/Kota never writes to KPU RI directly ("Semua usulan KPU Kab/Kota … wajib melalui KPU
 * Provinsi"). Returns the reason, or null when the rule is lawful.
 */
export function unlawfulRule(r: RoutingRule): string | null {
  if (r.relation === 'SAME_OFFICE' && r.mode !== 'DIRECT') return 'surat internal (SAME_OFFICE) selalu DIRECT';
  if (r.fromLevel === 'RI' && r.mode === 'VIA_PARENT') return 'KPU RI tidak memiliki satker induk; VIA_PARENT tidak mungkin';
  if (r.fromLevel === 'KABKOTA' && r.relation === 'KPU_RI' && r.mode === 'DIRECT') {
    return 'surat KPU Kabupaten/Kota ke KPU RI wajib melalui KPU Provinsi; DIRECT tidak diizinkan';
  }
  return null;
}

const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);
const show = (v: unknown) => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v) ?? String(v));

/**
 * Reads a policy given as data (rows from the database or a settings file). Whole-or-nothing:
 * throws RoutingError (ROUTING_POLICY_INVALID) listing every problem by row number — unknown
 * level, relation or mode, a duplicate, an unlawful rule — and every required rule that is absent.
 * SAME_OFFICE rows are optional. Returns frozen copies holding only the three fields.
 */
export function parsePolicyRows(rows: unknown): RoutingPolicy {
  if (!Array.isArray(rows)) throw new RoutingError('ROUTING_POLICY_INVALID', 'Kebijakan rute tidak valid (invalid routing policy)', ['kebijakan harus berupa daftar baris']);
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const policy: RoutingRule[] = [];
  rows.forEach((raw: unknown, i) => {
    const at = `baris ${i + 1}`;
    if (typeof raw !== 'object' || raw === null) return void problems.push(`${at}: bukan objek aturan`);
    const { fromLevel, relation, mode } = raw as Record<string, unknown>;
    const before = problems.length;
    if (!oneOf(OFFICE_LEVELS, fromLevel)) problems.push(`${at}: level asal ${show(fromLevel)} tidak dikenal (${OFFICE_LEVELS.join(', ')})`);
    if (!oneOf(RELATIONS, relation)) problems.push(`${at}: relasi ${show(relation)} tidak dikenal (${RELATIONS.join(', ')})`);
    if (!oneOf(ROUTING_MODES, mode)) problems.push(`${at}: mode ${show(mode)} tidak dikenal (${ROUTING_MODES.join(', ')})`);
    if (problems.length > before) return;
    const r = rule(fromLevel as OfficeLevel, relation as Relation, mode as RoutingMode);
    const key = `${r.fromLevel}/${r.relation}`;
    const first = seen.get(key);
    if (first !== undefined) return void problems.push(`${at}: aturan ${key} ganda (lihat baris ${first})`);
    seen.set(key, i + 1);
    const unlawful = unlawfulRule(r);
    if (unlawful) return void problems.push(`${at}: ${unlawful}`);
    policy.push(Object.freeze(r));
  });
  for (const [level, relation] of REQUIRED_RULES) {
    if (!seen.has(`${level}/${relation}`)) problems.push(`aturan ${level}/${relation} belum ada`);
  }
  if (problems.length) throw new RoutingError('ROUTING_POLICY_INVALID', 'Kebijakan rute tidak valid (invalid routing policy)', problems);
  return Object.freeze(policy);
}

/** The mode a policy gives; SAME_OFFICE is always DIRECT. Throws on a missing or unlawful rule. */
export function modeFor(policy: RoutingPolicy, fromLevel: OfficeLevel, relation: Relation): RoutingMode {
  if (relation === 'SAME_OFFICE') return 'DIRECT';
  const found = policy.find((r) => r.fromLevel === fromLevel && r.relation === relation);
  if (!found) throw new RoutingError('ROUTING_RULE_MISSING', `Kebijakan rute tidak memuat aturan ${fromLevel}/${relation} (missing routing rule)`);
  const unlawful = unlawfulRule(found);
  if (unlawful) throw new RoutingError('ROUTING_POLICY_INVALID', 'Kebijakan rute tidak valid (invalid routing policy)', [unlawful]);
  return found.mode;
}

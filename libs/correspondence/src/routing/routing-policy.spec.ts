import { DEFAULT_KPU_POLICY, modeFor, parsePolicyRows, REQUIRED_RULES, RoutingError, unlawfulRule, type RoutingRule } from './index';

/** DESIGN.md §3, transcribed: columns KPU RI, own Provinsi, other Provinsi, Kab/Kota same province, other province, external. */
const TABLE = {
  KABKOTA: ['VIA_PARENT', 'DIRECT', 'VIA_PARENT', 'DIRECT', 'VIA_PARENT', 'DIRECT'],
  PROVINSI: ['DIRECT', '—', 'DIRECT', 'DIRECT', 'DIRECT', 'DIRECT'],
  RI: ['—', 'DIRECT', 'DIRECT', 'DIRECT', 'DIRECT', 'DIRECT'],
} as const;
const COLUMNS = ['KPU_RI', 'OWN_PROVINSI', 'OTHER_PROVINSI', 'KABKOTA_SAME_PROVINCE', 'KABKOTA_OTHER_PROVINCE', 'EXTERNAL'] as const;

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(RoutingError);
    return (e as RoutingError).problems;
  }
  throw new Error('expected a RoutingError');
}

describe('DEFAULT_KPU_POLICY', () => {
  const cells = Object.entries(TABLE).flatMap(([level, modes]) => modes.map((mode, i) => [level, COLUMNS[i], mode] as const));

  it.each(cells)('%s → %s is %s', (level, relation, mode) => {
    const row = DEFAULT_KPU_POLICY.find((r) => r.fromLevel === level && r.relation === relation);
    if (mode === '—') expect(row).toBeUndefined();
    else expect(row?.mode).toBe(mode);
  });

  it('has the "—" cells as SAME_OFFICE DIRECT for every level, and nothing else', () => {
    for (const level of ['RI', 'PROVINSI', 'KABKOTA'] as const) expect(modeFor(DEFAULT_KPU_POLICY, level, 'SAME_OFFICE')).toBe('DIRECT');
    expect(DEFAULT_KPU_POLICY).toHaveLength(16 + 3);
  });

  it('reads back unchanged through parsePolicyRows, and is frozen', () => {
    expect(parsePolicyRows(JSON.parse(JSON.stringify(DEFAULT_KPU_POLICY)))).toEqual(DEFAULT_KPU_POLICY);
    expect(Object.isFrozen(DEFAULT_KPU_POLICY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_KPU_POLICY[0])).toBe(true);
  });
});

describe('parsePolicyRows', () => {
  const lawful = DEFAULT_KPU_POLICY.filter((r) => r.relation !== 'SAME_OFFICE');

  it('accepts the required rules without SAME_OFFICE rows, keeping only the three fields', () => {
    const rows = lawful.map((r) => ({ ...r, note: 'ignored' }));
    const policy = parsePolicyRows(rows);
    expect(policy).toHaveLength(lawful.length);
    expect(Object.keys(policy[0]).sort()).toEqual(['fromLevel', 'mode', 'relation']);
  });

  it('lists every bad row by number', () => {
    const rows = [
      ...lawful,
      { fromLevel: 'KAB', relation: 'KPU_RI', mode: 'DIRECT' },
      { fromLevel: 'PROVINSI', relation: 'TETANGGA', mode: 'SOMETIMES' },
      null,
      { fromLevel: 'PROVINSI', relation: 'EXTERNAL', mode: 'FORBIDDEN' },
    ];
    const n = lawful.length;
    expect(problemsOf(() => parsePolicyRows(rows))).toEqual([
      `baris ${n + 1}: level asal 'KAB' tidak dikenal (RI, PROVINSI, KABKOTA)`,
      `baris ${n + 2}: relasi 'TETANGGA' tidak dikenal (SAME_OFFICE, KPU_RI, OWN_PROVINSI, OTHER_PROVINSI, KABKOTA_SAME_PROVINCE, KABKOTA_OTHER_PROVINCE, EXTERNAL)`,
      `baris ${n + 2}: mode 'SOMETIMES' tidak dikenal (DIRECT, VIA_PARENT, FORBIDDEN)`,
      `baris ${n + 3}: bukan objek aturan`,
      `baris ${n + 4}: aturan PROVINSI/EXTERNAL ganda (lihat baris ${lawful.findIndex((r) => r.fromLevel === 'PROVINSI' && r.relation === 'EXTERNAL') + 1})`,
    ]);
  });

  it('names every required rule that is missing', () => {
    const rows = lawful.filter((r) => r.fromLevel !== 'RI');
    expect(problemsOf(() => parsePolicyRows(rows))).toEqual(['aturan RI/OTHER_PROVINSI belum ada', 'aturan RI/KABKOTA_OTHER_PROVINCE belum ada', 'aturan RI/EXTERNAL belum ada']);
    expect(problemsOf(() => parsePolicyRows([]))).toHaveLength(REQUIRED_RULES.length);
  });

  it('refuses what the hierarchy forbids', () => {
    const rows = (extra: RoutingRule) => [...lawful.filter((r) => !(r.fromLevel === extra.fromLevel && r.relation === extra.relation)), extra];
    const last = lawful.length;
    expect(problemsOf(() => parsePolicyRows(rows({ fromLevel: 'KABKOTA', relation: 'KPU_RI', mode: 'DIRECT' })))).toEqual([
      `baris ${last}: surat KPU Kabupaten/Kota ke KPU RI wajib melalui KPU Provinsi; DIRECT tidak diizinkan`,
    ]);
    expect(problemsOf(() => parsePolicyRows(rows({ fromLevel: 'RI', relation: 'EXTERNAL', mode: 'VIA_PARENT' })))).toEqual([
      `baris ${last}: KPU RI tidak memiliki satker induk; VIA_PARENT tidak mungkin`,
    ]);
    expect(problemsOf(() => parsePolicyRows([...lawful, { fromLevel: 'PROVINSI', relation: 'SAME_OFFICE', mode: 'VIA_PARENT' }]))).toEqual([
      `baris ${last + 1}: surat internal (SAME_OFFICE) selalu DIRECT`,
    ]);
  });

  it('refuses a value that is not a list', () => {
    expect(problemsOf(() => parsePolicyRows({ KABKOTA: {} }))).toEqual(['kebijakan harus berupa daftar baris']);
  });
});

describe('modeFor and unlawfulRule', () => {
  it('reads a rule and always answers DIRECT for SAME_OFFICE', () => {
    expect(modeFor(DEFAULT_KPU_POLICY, 'KABKOTA', 'KPU_RI')).toBe('VIA_PARENT');
    expect(modeFor([], 'KABKOTA', 'SAME_OFFICE')).toBe('DIRECT');
  });

  it('throws on a missing rule', () => {
    expect(() => modeFor([], 'PROVINSI', 'KPU_RI')).toThrow(expect.objectContaining({ code: 'ROUTING_RULE_MISSING' }));
  });

  it('throws on an unlawful rule in a hand-built policy', () => {
    const policy: RoutingRule[] = [{ fromLevel: 'KABKOTA', relation: 'KPU_RI', mode: 'DIRECT' }];
    expect(() => modeFor(policy, 'KABKOTA', 'KPU_RI')).toThrow(expect.objectContaining({ code: 'ROUTING_POLICY_INVALID' }));
  });

  it('allows VIA_PARENT or FORBIDDEN from a Kab/Kota to KPU RI', () => {
    expect(unlawfulRule({ fromLevel: 'KABKOTA', relation: 'KPU_RI', mode: 'VIA_PARENT' })).toBeNull();
    expect(unlawfulRule({ fromLevel: 'KABKOTA', relation: 'KPU_RI', mode: 'FORBIDDEN' })).toBeNull();
  });
});

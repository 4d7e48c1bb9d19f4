import { DEFAULT_KPU_POLICY, allowedModes, policyDiff, policyMatrix, policyRows, unlawfulCells, type RoutingRule } from './index';

describe('the routing policy as an admin matrix', () => {
  it('shows DESIGN §3’s cells by sender level, labelled in Bahasa Indonesia, without the implied internal-mail cells', () => {
    const m = policyMatrix(DEFAULT_KPU_POLICY);
    expect(m.map((r) => [r.fromLevel, r.fromLabel, r.cells.length])).toEqual([
      ['KABKOTA', 'Dari KPU Kabupaten/Kota', 6],
      ['PROVINSI', 'Dari KPU Provinsi', 5],
      ['RI', 'Dari KPU RI', 3],
    ]);
    expect(m[0].cells[0]).toEqual({ relation: 'KPU_RI', relationLabel: 'Ke KPU RI', mode: 'VIA_PARENT', modeLabel: 'Melalui satker induk (diteruskan)', allowedModes: ['VIA_PARENT', 'FORBIDDEN'] });
    expect(m.flatMap((r) => r.cells).some((c) => c.relation === 'SAME_OFFICE')).toBe(false);
  });

  it('offers only the lawful modes of each cell', () => {
    expect(allowedModes('KABKOTA', 'KPU_RI')).toEqual(['VIA_PARENT', 'FORBIDDEN']);
    expect(allowedModes('RI', 'EXTERNAL')).toEqual(['DIRECT', 'FORBIDDEN']);
    expect(allowedModes('PROVINSI', 'OTHER_PROVINSI')).toEqual(['DIRECT', 'VIA_PARENT', 'FORBIDDEN']);
  });

  it('gives back the cells PUT takes, and the cells two versions disagree on', () => {
    const rows = policyRows(DEFAULT_KPU_POLICY);
    expect(rows).toHaveLength(14);
    const changed: RoutingRule[] = rows.map((r) => (r.fromLevel === 'KABKOTA' && r.relation === 'EXTERNAL' ? { ...r, mode: 'FORBIDDEN' } : r));
    expect(policyDiff(DEFAULT_KPU_POLICY, changed)).toEqual([{ fromLevel: 'KABKOTA', relation: 'EXTERNAL', from: 'DIRECT', to: 'FORBIDDEN' }]);
    expect(policyDiff(DEFAULT_KPU_POLICY, rows)).toEqual([]); // the never-consulted and SAME_OFFICE rows do not count
  });

  it('names each unlawful cell with its reason', () => {
    expect(unlawfulCells([{ fromLevel: 'KABKOTA', relation: 'KPU_RI', mode: 'DIRECT' }, { fromLevel: 'RI', relation: 'EXTERNAL', mode: 'DIRECT' }, null, 'x'])).toEqual([
      { fromLevel: 'KABKOTA', relation: 'KPU_RI', mode: 'DIRECT', reason: 'surat KPU Kabupaten/Kota ke KPU RI wajib melalui KPU Provinsi; DIRECT tidak diizinkan' },
    ]);
    expect(unlawfulCells({})).toEqual([]);
  });
});

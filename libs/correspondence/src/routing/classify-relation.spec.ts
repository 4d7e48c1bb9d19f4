import { classify, parentOffice, RoutingError, sameStop } from './index';
import { BIMA, JABAR, lookup, lookupIn, NTB, RI, SUMBAWA } from './offices.fixture';

describe('classify', () => {
  const at = (code: string) => (code === 'EXTERNAL' ? 'EXTERNAL' : lookup(code)!);

  it.each([
    // from a Kab/Kota
    ['5204', 'RI', 'KPU_RI'],
    ['5204', '52', 'OWN_PROVINSI'],
    ['5204', '32', 'OTHER_PROVINSI'],
    ['5204', '5206', 'KABKOTA_SAME_PROVINCE'],
    ['5204', '3201', 'KABKOTA_OTHER_PROVINCE'],
    ['5204', 'EXTERNAL', 'EXTERNAL'],
    ['5204', '5204', 'SAME_OFFICE'],
    // from a Provinsi
    ['52', 'RI', 'KPU_RI'],
    ['52', '52', 'SAME_OFFICE'],
    ['52', '32', 'OTHER_PROVINSI'],
    ['52', '5204', 'KABKOTA_SAME_PROVINCE'],
    ['52', '3201', 'KABKOTA_OTHER_PROVINCE'],
    ['52', 'EXTERNAL', 'EXTERNAL'],
    // from KPU RI, which belongs to no province
    ['RI', 'RI', 'SAME_OFFICE'],
    ['RI', '52', 'OTHER_PROVINSI'],
    ['RI', '5204', 'KABKOTA_OTHER_PROVINCE'],
    ['RI', 'EXTERNAL', 'EXTERNAL'],
  ])('%s → %s is %s', (from, to, relation) => {
    expect(classify(lookup(from)!, at(to), lookup)).toBe(relation);
  });

  it('refuses a Kab/Kota without a parent, or whose parent is unknown or not a Provinsi', () => {
    const orphan = { ...SUMBAWA, parentId: null };
    expect(() => classify(orphan, RI, lookup)).toThrow(expect.objectContaining({ code: 'ROUTING_HIERARCHY_INVALID' }));
    expect(() => classify({ ...SUMBAWA, parentId: '99' }, RI, lookup)).toThrow(/induk 99 dari satker 5204 tidak ditemukan/);
    expect(() => classify({ ...SUMBAWA, parentId: '5206' }, RI, lookup)).toThrow(/harus PROVINSI, bukan KABKOTA/);
    expect(() => classify(NTB, { ...BIMA, parentId: null }, lookup)).toThrow(RoutingError);
  });
});

describe('parentOffice and sameStop', () => {
  it('walks up one level', () => {
    expect(parentOffice(SUMBAWA, lookup)).toBe(NTB);
    expect(parentOffice(NTB, lookup)).toBe(RI);
    expect(parentOffice(RI, lookup)).toBeNull();
    expect(parentOffice({ ...NTB, parentId: null }, lookup)).toBeNull();
  });

  it('refuses KPU RI with a parent and a Provinsi under a Provinsi', () => {
    expect(() => parentOffice({ ...RI, parentId: '52' }, lookup)).toThrow(/KPU RI \(RI\) tidak boleh memiliki induk/);
    expect(() => parentOffice({ ...NTB, parentId: '32' }, lookupIn([JABAR]))).toThrow(/harus RI, bukan PROVINSI/);
  });

  it('compares stops by id', () => {
    expect(sameStop(NTB, { ...NTB, name: 'other copy' })).toBe(true);
    expect(sameStop(NTB, JABAR)).toBe(false);
    expect(sameStop('EXTERNAL', 'EXTERNAL')).toBe(true);
    expect(sameStop('EXTERNAL', NTB)).toBe(false);
    expect(sameStop(null, NTB)).toBe(false);
  });
});

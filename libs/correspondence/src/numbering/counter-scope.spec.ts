import { counterScopeKey, DEFAULT_COUNTER_SCOPE, KEPUTUSAN, KPU_CURRENT, KPU_LEGACY_UNIT, NumberingError, numberCollisionRisks, parseCounterScope } from './index';

const base = { officeId: 5204, typeCode: 'SD', year: 2024 };

describe('counterScopeKey', () => {
  it('builds the default key office + type + year', () => {
    expect(counterScopeKey(DEFAULT_COUNTER_SCOPE, base)).toBe('office=5204|type=SD|year=2024');
  });

  it('is stable whatever order the scope lists', () => {
    expect(counterScopeKey(['year', 'type', 'office'], base)).toBe('office=5204|type=SD|year=2024');
    expect(counterScopeKey('year, office ,type', base)).toBe('office=5204|type=SD|year=2024');
  });

  it('includes unit, classification and a 2-digit month in canonical order', () => {
    const key = counterScopeKey(['month', 'classification', 'unit', 'office', 'type', 'year'], { ...base, unitId: 'u-9', classification: 'PL.01.8', month: 3 });
    expect(key).toBe('office=5204|type=SD|year=2024|unit=u-9|classification=PL.01.8|month=03');
  });

  it('takes year and month from the signing date in Jakarta time', () => {
    const input = { officeId: 1, typeCode: 'ND', date: new Date('2024-12-31T18:00:00Z') };
    expect(counterScopeKey(['office', 'type', 'year', 'month'], input)).toBe('office=1|type=ND|year=2025|month=01');
  });

  it('refuses a year that contradicts the date', () => {
    const input = { officeId: 1, typeCode: 'ND', year: 2024, date: new Date('2024-12-31T18:00:00Z') };
    expect(() => counterScopeKey(DEFAULT_COUNTER_SCOPE, input)).toThrow(/year 2024 tidak sesuai tanggal \(2025\)/);
  });

  it('escapes separators inside values', () => {
    expect(counterScopeKey(['office', 'type'], { officeId: 'a|b=c%', typeCode: 'SD' })).toBe('office=a%7Cb%3Dc%25|type=SD');
  });

  it('lists missing and invalid values', () => {
    try {
      counterScopeKey(['office', 'unit', 'classification', 'month'], { officeId: 1, typeCode: 'SD', classification: null, month: 13 });
      throw new Error('expected a NumberingError');
    } catch (e) {
      expect(e).toBeInstanceOf(NumberingError);
      expect((e as NumberingError).code).toBe('COUNTER_SCOPE_INVALID');
      expect((e as NumberingError).problems).toEqual(["nilai dimensi 'unit' kosong", "nilai dimensi 'classification' kosong", 'month tidak valid: 13']);
    }
  });

  it('needs a year when the scope has one', () => {
    expect(() => counterScopeKey(DEFAULT_COUNTER_SCOPE, { officeId: 1, typeCode: 'SD' })).toThrow(/'year' kosong/);
  });
});

describe('parseCounterScope', () => {
  it('reads the stored text form', () => {
    expect(parseCounterScope('office,type,year')).toEqual(['office', 'type', 'year']);
  });

  it('reports unknown, duplicate and missing office dimensions together', () => {
    expect(() => parseCounterScope(['type', 'type', 'week'])).toThrow(
      expect.objectContaining({
        problems: ["dimensi ganda: 'type'", "dimensi tidak dikenal: 'week' (pilihan: office, type, year, unit, classification, month)", "lingkup harus memuat 'office' (nomor berurutan per satker)"],
      }),
    );
  });
});

describe('numberCollisionRisks', () => {
  it('finds nothing for the shipped pairs', () => {
    expect(numberCollisionRisks(KPU_CURRENT, DEFAULT_COUNTER_SCOPE)).toEqual([]);
    expect(numberCollisionRisks(KEPUTUSAN, DEFAULT_COUNTER_SCOPE, { typeBound: true })).toEqual([]);
    expect(numberCollisionRisks(KPU_LEGACY_UNIT, [...DEFAULT_COUNTER_SCOPE, 'unit', 'month'])).toEqual([]);
  });

  it('flags scope dimensions the printed number does not show', () => {
    expect(numberCollisionRisks(KPU_CURRENT, ['office', 'type', 'year', 'unit', 'month'])).toEqual([
      "lingkup memuat 'unit' tetapi templat tidak memuat {unit}: nomor dapat kembar",
      "lingkup memuat 'month' tetapi templat tidak memuat {month} atau {romanMonth}: nomor dapat kembar",
    ]);
    expect(numberCollisionRisks(KEPUTUSAN, DEFAULT_COUNTER_SCOPE)).toEqual(["lingkup memuat 'type' tetapi templat tidak memuat {type}: nomor dapat kembar"]);
  });
});

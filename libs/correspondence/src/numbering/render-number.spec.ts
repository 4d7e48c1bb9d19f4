import fc from 'fast-check';
import { KEPUTUSAN, KPU_CURRENT, KPU_LEGACY_UNIT, KPU_RI_LEGACY_DECISION, NumberingError, renderNumber, toRoman } from './index';

const at = (iso: string) => new Date(iso);

describe('renderNumber — test vectors of shared/data/README.md', () => {
  it('current format: 1/PY.01.1-SD/1101/2024', () => {
    const ctx = { seq: 1, classification: 'PY.01.1', type: 'SD', region: '1101', date: at('2024-03-05T03:00:00Z') };
    expect(renderNumber(KPU_CURRENT, ctx)).toBe('1/PY.01.1-SD/1101/2024');
  });

  it('legacy unit format: 203/TIK.03-ND/SEK-PROV/IV/2017', () => {
    const ctx = { seq: 203, classification: 'TIK.03', type: 'ND', unit: 'SEK-PROV', date: at('2017-04-12T03:00:00Z') };
    expect(renderNumber(KPU_LEGACY_UNIT, ctx)).toBe('203/TIK.03-ND/SEK-PROV/IV/2017');
  });

  it('legacy KPU RI decision: 929/HK.03.1-Kpt/04/KPU/V/2019 (04 is the unit, V is May)', () => {
    const ctx = { seq: 929, classification: 'HK.03.1', type: 'Kpt', unit: '04', office: 'KPU', date: at('2019-05-20T03:00:00Z') };
    expect(renderNumber(KPU_RI_LEGACY_DECISION, ctx)).toBe('929/HK.03.1-Kpt/04/KPU/V/2019');
  });

  it('Keputusan: Nomor 57 Tahun 2022', () => {
    expect(renderNumber(KEPUTUSAN, { seq: 57, type: 'Kpt', date: at('2022-06-01T03:00:00Z') })).toBe('Nomor 57 Tahun 2022');
  });
});

describe('renderNumber — dates in Asia/Jakarta (UTC+7)', () => {
  const tpl = '{seq}/{day}-{month}/{romanMonth}/{year}';

  it('2024-12-31T18:00:00Z is 1 January 2025, month I', () => {
    expect(renderNumber(tpl, { seq: 7, type: 'SD', date: at('2024-12-31T18:00:00Z') })).toBe('7/01-01/I/2025');
  });

  it('2024-12-31T16:59:59.999Z is still 31 December 2024 (23:59:59 WIB)', () => {
    expect(renderNumber(tpl, { seq: 7, type: 'SD', date: at('2024-12-31T16:59:59.999Z') })).toBe('7/31-12/XII/2024');
  });

  it('does not depend on the process time zone', () => {
    const before = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      expect(renderNumber(tpl, { seq: 1, type: 'SD', date: at('2024-02-29T17:30:00Z') })).toBe('1/01-03/III/2024');
    } finally {
      process.env.TZ = before;
    }
  });

  it('the year always equals the Jakarta calendar year (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99999 }), fc.date({ min: at('2000-01-01T00:00:00Z'), max: at('2099-12-31T00:00:00Z'), noInvalidDate: true }), (seq, date) => {
        const jakarta = new Date(date.getTime() + 7 * 3600_000);
        const expected = `${seq}/PL.01.8-SD/5204/${jakarta.getUTCFullYear()}`;
        return renderNumber(KPU_CURRENT, { seq, classification: 'PL.01.8', type: 'SD', region: '5204', date }) === expected;
      }),
    );
  });
});

describe('renderNumber — values and failures', () => {
  const date = at('2024-05-02T03:00:00Z');

  it('zero-pads {seq:N} without truncating longer numbers', () => {
    expect(renderNumber('{seq:4}/{type}', { seq: 12, type: 'ND', date })).toBe('0012/ND');
    expect(renderNumber('{seq:2}/{type}', { seq: 12345, type: 'ND', date })).toBe('12345/ND');
  });

  it('drops the dots of a Kemendagri region code', () => {
    expect(renderNumber('{seq}/{region}', { seq: 3, type: 'SD', region: '52.04', date })).toBe('3/5204');
  });

  it('keeps literal text verbatim', () => {
    expect(renderNumber('No. {seq} — KPU-{region}/{year}', { seq: 3, type: 'SD', region: '52', date })).toBe('No. 3 — KPU-52/2024');
  });

  it('lists every missing value at once', () => {
    const run = () => renderNumber(KPU_CURRENT, { seq: 1, type: 'SD', classification: ' ', region: null, date });
    expect(run).toThrow(NumberingError);
    try {
      run();
    } catch (e) {
      expect((e as NumberingError).code).toBe('NUMBER_VALUE_MISSING');
      expect((e as NumberingError).problems).toEqual(['nilai untuk {classification} kosong', 'nilai untuk {region} kosong']);
    }
  });

  it('refuses an invalid template with its reasons', () => {
    expect(() => renderNumber('{seq}/{foo}', { seq: 1, type: 'SD', date })).toThrow(/placeholder tidak dikenal: \{foo\}/);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1])('refuses sequence %p', (seq) => {
    expect(() => renderNumber(KEPUTUSAN, { seq, type: 'Kpt', date })).toThrow(expect.objectContaining({ code: 'NUMBER_SEQ_INVALID' }));
  });

  it('refuses an invalid date', () => {
    expect(() => renderNumber(KEPUTUSAN, { seq: 1, type: 'Kpt', date: new Date('x') })).toThrow(/Tanggal tidak valid/);
  });

  it('refuses a number longer than the column holds', () => {
    const ctx = { seq: 1, type: 'SD', unit: 'U'.repeat(130), date };
    expect(() => renderNumber('{seq}/{unit}', ctx)).toThrow(expect.objectContaining({ code: 'NUMBER_TOO_LONG' }));
  });
});

describe('toRoman', () => {
  it('writes every month', () => {
    expect(Array.from({ length: 12 }, (_, i) => toRoman(i + 1))).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII']);
  });

  it.each([0, 13, 2.5, -3, Number.NaN])('refuses %p', (n) => {
    expect(() => toRoman(n)).toThrow(RangeError);
  });
});

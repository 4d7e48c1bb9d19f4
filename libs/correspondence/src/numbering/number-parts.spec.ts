import fc from 'fast-check';
import { KEPUTUSAN, KPU_CURRENT, KPU_LEGACY_UNIT, KPU_RI_LEGACY_DECISION, NumberingError, formatSeq, numberParts, renderNumber, type NumberPart } from './index';

const at = (iso: string) => new Date(iso);
const join = (parts: NumberPart[], seq: number) => parts.map((p) => (typeof p === 'string' ? p : formatSeq(seq, p.width))).join('');

describe('numberParts — the number before its sequence is known', () => {
  it('test vectors of shared/data/README.md: the parts joined with the sequence are the rendered number', () => {
    const cases = [
      { tpl: KPU_CURRENT, ctx: { classification: 'PY.01.1', type: 'SD', region: '1101', date: at('2024-03-05T03:00:00Z') }, seq: 1, want: '1/PY.01.1-SD/1101/2024' },
      { tpl: KPU_LEGACY_UNIT, ctx: { classification: 'TIK.03', type: 'ND', unit: 'SEK-PROV', date: at('2017-04-12T03:00:00Z') }, seq: 203, want: '203/TIK.03-ND/SEK-PROV/IV/2017' },
      { tpl: KPU_RI_LEGACY_DECISION, ctx: { classification: 'HK.03.1', type: 'Kpt', unit: '04', office: 'KPU', date: at('2019-05-20T03:00:00Z') }, seq: 929, want: '929/HK.03.1-Kpt/04/KPU/V/2019' },
      { tpl: KEPUTUSAN, ctx: { type: 'Kpt', date: at('2022-06-01T03:00:00Z') }, seq: 57, want: 'Nomor 57 Tahun 2022' },
    ];
    for (const c of cases) {
      expect(join(numberParts(c.tpl, c.ctx), c.seq)).toBe(c.want);
      expect(renderNumber(c.tpl, { ...c.ctx, seq: c.seq })).toBe(c.want);
    }
  });

  it('merges adjacent literal text and keeps every {seq} slot with its width', () => {
    expect(numberParts('{seq:4}/{type}-{seq}/{year}', { type: 'SD', date: at('2024-12-31T18:00:00Z') })).toEqual([
      { seq: true, width: 4 }, '/SD-', { seq: true }, '/2025',
    ]);
  });

  it('pads to the width and never cuts a longer sequence', () => {
    expect(formatSeq(7, 3)).toBe('007');
    expect(formatSeq(12345, 3)).toBe('12345');
    expect(formatSeq(7)).toBe('7');
  });

  it('fails before any sequence is taken: bad template, missing values, too long even with one digit', () => {
    expect(() => numberParts('{seq}/{nope}', { type: 'SD', date: new Date() })).toThrow(NumberingError);
    expect(() => numberParts(KPU_CURRENT, { type: 'SD', date: new Date() })).toThrow(expect.objectContaining({ code: 'NUMBER_VALUE_MISSING' }));
    expect(() => numberParts(`{seq}/${'X'.repeat(120)}`, { type: 'SD', date: new Date() })).toThrow(expect.objectContaining({ code: 'NUMBER_TOO_LONG' }));
  });

  it('agrees with renderNumber for any sequence and width', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 12 }), fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (seq, width, date) => {
      const tpl = `{seq:${width}}/{classification}-{type}/{region}/{romanMonth}/{year}/{seq}`;
      const ctx = { classification: 'PL.01.8', type: 'Und', region: '52.04', date };
      expect(join(numberParts(tpl, ctx), seq)).toBe(renderNumber(tpl, { ...ctx, seq }));
    }));
  });
});

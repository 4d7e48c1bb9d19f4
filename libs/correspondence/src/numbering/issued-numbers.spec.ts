import { nextUnusedSeq, numberLikePattern, numberParts, seqOfNumber } from './index';

const date = new Date('2026-03-10T03:00:00Z');
const parts = numberParts('{seq}/{classification}-{type}/{region}/{year}', { classification: 'PY.01_1', type: 'SD', region: '5204', date });

describe('issued numbers of one shape', () => {
  it('matches every number of the shape with a LIKE pattern, escaping LIKE’s own characters', () => {
    expect(numberLikePattern(parts)).toBe('%/PY.01\\_1-SD/5204/2026');
    expect(numberLikePattern(numberParts('ND-{seq:4}%', { type: 'ND', date }))).toBe('ND-%\\%');
  });

  it('reads the sequence back only from a number this shape renders', () => {
    expect(seqOfNumber(parts, '12/PY.01_1-SD/5204/2026')).toBe(12);
    expect(seqOfNumber(parts, '12/py.01_1-sd/5204/2026')).toBe(12); // the column compares without case
    expect(seqOfNumber(parts, '12/PY.01X1-SD/5204/2026')).toBeNull(); // `_` is literal here
    expect(seqOfNumber(parts, 'FX12/PY.01_1-SD/5204/2026')).toBeNull();
    expect(seqOfNumber(parts, '0/PY.01_1-SD/5204/2026')).toBeNull();
    const padded = numberParts('{seq:3}/{type}', { type: 'ND', date });
    expect(seqOfNumber(padded, '007/ND')).toBe(7);
    expect(seqOfNumber(padded, '07/ND')).toBeNull(); // {seq:3} never prints 07
    expect(seqOfNumber(padded, '1234/ND')).toBe(1234); // never cut
  });

  it('gives the first sequence from `from` whose number is free', () => {
    const issued = ['1/PY.01_1-SD/5204/2026', '2/PY.01_1-SD/5204/2026', '3/PY.01_1-SD/5204/2026', '5/PY.01_1-SD/5204/2026', '4/UM.01-SD/5204/2026'];
    expect(nextUnusedSeq(parts, issued, 1)).toBe(4);
    expect(nextUnusedSeq(parts, issued, 5)).toBe(6);
    expect(nextUnusedSeq(parts, issued, 7)).toBe(7);
    expect(nextUnusedSeq(parts, [], 1)).toBe(1);
  });
});

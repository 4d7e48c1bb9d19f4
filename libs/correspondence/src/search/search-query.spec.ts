import { letterFullTextQuery, letterIndexWords, MAX_NAME_OFFICES, indexCovers, SearchScope, textCondition } from './search-query';

describe('letter search query', () => {
  const scope = (names: number[]): SearchScope => ({ viewer: { officeId: 1, positionIds: [2], positionPaths: ['/2/'] }, otherPositionIds: [], nameOfficeIds: names });

  it('asks the index for the words of three characters or more, as prefixes, operators dropped', () => {
    expect(letterIndexWords('+Rapat -koordinasi "PP" 05/2026*')).toEqual(['koordinasi', 'rapat', '2026']);
    expect(letterFullTextQuery(letterIndexWords('rapat (koor)'))).toBe('+rapat* +koor*');
    expect(letterIndexWords('%_ ()')).toEqual([]);
  });

  it('uses the index only when it covers every match: an indexed word and few offices named', () => {
    expect(indexCovers(scope([]), ['rapat'])).toBe(true);
    expect(indexCovers(scope([]), [])).toBe(false);
    expect(indexCovers(scope(Array.from({ length: MAX_NAME_OFFICES + 1 }, (_, i) => i)), ['kpu'])).toBe(false);
  });

  it('matches the text literally in every field, the named offices as sender and addressee', () => {
    const t = textCondition('100% (final)', [7]);
    expect(t.params.slice(0, 5)).toEqual(Array(5).fill('(?i)(?<![\\p{L}\\p{N}_])100% \\(final\\)'));
    expect(t.params.slice(5)).toEqual([7, 7, 7, 7]);
    expect(t.sql.split('?').length - 1).toBe(t.params.length);
    expect(textCondition('x', []).sql).not.toContain('office_id IN');
  });
});

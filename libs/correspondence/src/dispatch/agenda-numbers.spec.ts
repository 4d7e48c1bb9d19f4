import { agendaScopeKey, assignAgendaNumbers, countByOffice } from './agenda-numbers';

describe('agenda numbers per receiving office and year', () => {
  it('names one counter per office and year', () => {
    expect(agendaScopeKey(17, 2026)).toBe('agenda|office=17|year=2026');
  });

  it('counts what each office needs', () => {
    expect(countByOffice([{ ordinal: 1, officeId: 5 }, { ordinal: 2, officeId: 6 }, { ordinal: 3, officeId: 5 }])).toEqual(new Map([[5, 2], [6, 1]]));
  });

  it('hands each office the numbers just reserved, in target order, without gaps', () => {
    const targets = [
      { ordinal: 3, officeId: 5 },
      { ordinal: 1, officeId: 5 },
      { ordinal: 2, officeId: 6 },
      { ordinal: 4, officeId: 5 },
    ];
    // office 5 had 10 before (now 13), office 6 had nothing (now 1)
    const got = assignAgendaNumbers(targets, new Map([[5, 13], [6, 1]]));
    expect([...got].sort((a, b) => a[0] - b[0])).toEqual([[1, 11], [2, 1], [3, 12], [4, 13]]);
  });

  it('refuses to invent a number when a counter was not reserved', () => {
    expect(() => assignAgendaNumbers([{ ordinal: 1, officeId: 9 }], new Map())).toThrow(/office 9/);
  });
});

import { holdScopeSql, matchesScope, scopeProblems } from './hold-scope';

const dossier = { id: '5', officeId: 10, unitId: 101, classificationCode: 'KU.01', periodStart: '2020-01-01', periodEnd: '2020-12-31' };

describe('hold scope', () => {
  it('needs at least one criterion and valid dates', () => {
    expect(scopeProblems({})).toEqual([expect.objectContaining({ field: 'scope' })]);
    expect(scopeProblems({ from: '2021-01-01', to: '2020-01-01' })).toEqual([{ field: 'scope.to', reason: 'sebelum scope.from' }]);
    expect(scopeProblems({ from: '2021-02-30' })[0].field).toBe('scope.from');
    expect(scopeProblems({ classificationCode: 'KU' })).toEqual([]);
  });

  it('matches a classification and everything below it, never a sibling that shares a prefix', () => {
    expect(matchesScope(dossier, 10, { classificationCode: 'KU' })).toBe(true);
    expect(matchesScope(dossier, 10, { classificationCode: 'KU.01' })).toBe(true);
    expect(matchesScope({ ...dossier, classificationCode: 'KU.010' }, 10, { classificationCode: 'KU.01' })).toBe(false);
    expect(matchesScope(dossier, 11, { classificationCode: 'KU' })).toBe(false);
  });

  it('matches a date range that overlaps the dossier period, a unit, listed dossiers, all together', () => {
    expect(matchesScope(dossier, 10, { from: '2020-06-01', to: '2021-06-01' })).toBe(true);
    expect(matchesScope(dossier, 10, { from: '2021-01-01' })).toBe(false);
    expect(matchesScope(dossier, 10, { to: '2019-12-31' })).toBe(false);
    expect(matchesScope({ ...dossier, periodEnd: null }, 10, { from: '2020-01-01', to: '2020-01-01' })).toBe(true);
    expect(matchesScope(dossier, 10, { unitId: 101, dossierIds: ['5', '6'] })).toBe(true);
    expect(matchesScope(dossier, 10, { unitId: 102, dossierIds: ['5'] })).toBe(false);
  });

  it('says the same in SQL, escaping LIKE wildcards', () => {
    expect(holdScopeSql('d', 10, { classificationCode: 'K_U', unitId: 3, from: '2020-01-01', to: '2020-12-31', dossierIds: ['1', '2'] })).toEqual({
      sql: 'd.office_id = ? AND (d.classification_code = ? OR d.classification_code LIKE ?) AND d.unit_id = ? AND d.period_start <= ? AND COALESCE(d.period_end, d.period_start) >= ? AND d.id IN (?, ?)',
      params: [10, 'K_U', 'K\\_U.%', 3, '2020-12-31', '2020-01-01', '1', '2'],
    });
    expect(holdScopeSql('d', 10, { listed: true }, 42).sql).toBe('d.office_id = ? AND d.id IN (SELECT hd.dossier_id FROM records_hold_dossiers hd WHERE hd.hold_id = ?)');
  });
});

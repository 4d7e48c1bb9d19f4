import { rolesOf } from './roles';

describe('roles follow from positions and grants', () => {
  it('gives a kasubbag the drafting, reviewing and leading roles', () => {
    expect(rolesOf('KASUBBAG', [])).toEqual(['DRAFTER', 'REVIEWER', 'LEADER']);
  });
  it('adds grants without duplicates, in a stable order', () => {
    expect(rolesOf('PENCATAT', ['ADMIN', 'REGISTRAR'])).toEqual(['DRAFTER', 'REGISTRAR', 'ADMIN']);
  });
  it('gives nothing to a user without a position or grants', () => {
    expect(rolesOf(null, [])).toEqual([]);
  });
  it('only lets signing positions sign', () => {
    expect(rolesOf('STAF', [])).not.toContain('SIGNER');
    expect(rolesOf('SEKRETARIS', [])).toContain('SIGNER');
  });
});

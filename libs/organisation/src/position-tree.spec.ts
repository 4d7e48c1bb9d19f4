import { isBelow, pathOf, superiorIds } from './position-tree';

describe('position tree', () => {
  const ketua = pathOf(null, 1);
  const sekretaris = pathOf(ketua, 5);
  const kasubbag = pathOf(sekretaris, 9);
  const otherOffice = pathOf(null, 100);

  it('builds materialised paths', () => {
    expect(kasubbag).toBe('/1/5/9/');
  });

  it('knows who is below whom, strictly and only in the same tree', () => {
    expect(isBelow(kasubbag, ketua)).toBe(true);
    expect(isBelow(kasubbag, sekretaris)).toBe(true);
    expect(isBelow(sekretaris, kasubbag)).toBe(false);
    expect(isBelow(ketua, ketua)).toBe(false);
    expect(isBelow(kasubbag, otherOffice)).toBe(false);
    // '/1/5/9/' must not count as below '/1/5/90/'-like prefixes of other ids
    expect(isBelow('/1/59/', '/1/5/')).toBe(false);
  });

  it('lists superiors nearest first', () => {
    expect(superiorIds(kasubbag)).toEqual([5, 1]);
    expect(superiorIds(ketua)).toEqual([]);
  });
});

import { AccessViewer, InvolvedPosition, maySee } from './access-policy';

// KPU Kab. Sumbawa (office 10): Ketua /1/, Sekretaris /1/2/, Kasubbag /1/2/3/, Staf /1/2/3/4/
// KPU Provinsi NTB (office 20): Sekretaris /50/51/
const drafter: InvolvedPosition = { positionId: 4, officeId: 10, path: '/1/2/3/4/' };
const provRecipient: InvolvedPosition = { positionId: 51, officeId: 20, path: '/50/51/' };
const involved = [drafter, provRecipient];
const viewer = (officeId: number, positionId: number, path: string): AccessViewer => ({ officeId, positionIds: [positionId], positionPaths: [path] });

describe('access by security class', () => {
  const kasubbag = viewer(10, 3, '/1/2/3/');
  const otherStaffSameOffice = viewer(10, 9, '/1/2/8/9/');
  const stranger = viewer(30, 70, '/70/');
  const involvedStaff = viewer(10, 4, '/1/2/3/4/');

  it('B: everyone in the sending and receiving offices, nobody else', () => {
    expect(maySee('B', otherStaffSameOffice, involved)).toBe(true);
    expect(maySee('B', viewer(20, 99, '/50/99/'), involved)).toBe(true);
    expect(maySee('B', stranger, involved)).toBe(false);
  });

  it('T: the positions involved and their superiors, not their peers', () => {
    expect(maySee('T', involvedStaff, involved)).toBe(true);
    expect(maySee('T', kasubbag, involved)).toBe(true);
    expect(maySee('T', viewer(20, 50, '/50/'), involved)).toBe(true);
    expect(maySee('T', otherStaffSameOffice, involved)).toBe(false);
    expect(maySee('T', stranger, involved)).toBe(false);
  });

  it('R and SR: only the positions named, not even their superiors', () => {
    for (const c of ['R', 'SR'] as const) {
      expect(maySee(c, involvedStaff, involved)).toBe(true);
      expect(maySee(c, kasubbag, involved)).toBe(false);
      expect(maySee(c, otherStaffSameOffice, involved)).toBe(false);
    }
  });

  it('a delegation (Plt) lets its holder see what the position sees', () => {
    const plt: AccessViewer = { officeId: 30, positionIds: [70, 51], positionPaths: ['/70/', '/50/51/'] };
    expect(maySee('SR', plt, involved)).toBe(true);
  });
});

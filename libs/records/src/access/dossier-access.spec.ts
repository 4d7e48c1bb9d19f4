import { higherClass, mayFileInto, mayReadItemContent, mayViewDossier, RecordsViewer } from './dossier-access';

// KPU Kab. Sumbawa = office 10. Units: 100 Sekretariat, 101 KUL, 102 TPH. Positions: Ketua 1, Sekretaris 2, Kasubbag KUL 3, Staf KUL 4, Arsiparis 5, Staf TPH 6.
const pos = (positionId: number, kind: string, unitId: number | null, unitCode: string | null, path: string, officeId = 10) => ({ positionId, officeId, kind: kind as never, unitCode, unitId, path });
const viewer = (roles: string[], positions: RecordsViewer['positions'], officeId = 10): RecordsViewer => ({
  userId: 99, roles: roles as never, officeId, positions, positionIds: positions.map((p) => p.positionId), positionPaths: positions.map((p) => p.path),
});
const archivist = viewer(['ARCHIVIST', 'DRAFTER'], [pos(5, 'ARSIPARIS', 100, 'SEK', '/1/2/5/')]);
const ketua = viewer(['LEADER', 'SIGNER'], [pos(1, 'KETUA', null, 'PIMPINAN', '/1/')]);
const stafKul = viewer(['DRAFTER'], [pos(4, 'STAF', 101, 'KUL', '/1/2/3/4/')]);
const stafTph = viewer(['DRAFTER'], [pos(6, 'STAF', 102, 'TPH', '/1/2/6/')]);
const otherArchivist = viewer(['ARCHIVIST'], [pos(55, 'ARSIPARIS', 200, 'SEK', '/50/55/', 20)], 20);

describe('dossier access', () => {
  const kulT = { officeId: 10, unitId: 101, securityClass: 'T' as const };
  const kulB = { ...kulT, securityClass: 'B' as const };

  it('the office archivist and approvers see every dossier of the office; other offices see none', () => {
    expect(mayViewDossier(archivist, kulT)).toBe(true);
    expect(mayViewDossier(ketua, { ...kulT, securityClass: 'SR' })).toBe(true);
    expect(mayViewDossier(otherArchivist, kulB)).toBe(false);
  });

  it('the unit sees its own dossiers; the rest of the office only Biasa ones', () => {
    expect(mayViewDossier(stafKul, kulT)).toBe(true);
    expect(mayViewDossier(stafTph, kulT)).toBe(false);
    expect(mayViewDossier(stafTph, kulB)).toBe(true);
  });

  it('files into a dossier: the archivist or its unit', () => {
    expect(mayFileInto(archivist, kulT)).toBe(true);
    expect(mayFileInto(stafKul, kulT)).toBe(true);
    expect(mayFileInto(stafTph, kulT)).toBe(false);
    expect(mayFileInto(ketua, kulT)).toBe(false);
  });

  it('shows the archivist B and T content, R and SR content only to the positions involved', () => {
    const involved = [{ positionId: 4, officeId: 10, path: '/1/2/3/4/' }];
    expect(mayReadItemContent(archivist, 10, { securityClass: 'T', involved })).toBe(true);
    expect(mayReadItemContent(archivist, 10, { securityClass: 'R', involved })).toBe(false);
    expect(mayReadItemContent(archivist, 10, { securityClass: 'SR', involved })).toBe(false);
    expect(mayReadItemContent(stafKul, 10, { securityClass: 'SR', involved })).toBe(true);
    expect(mayReadItemContent(otherArchivist, 10, { securityClass: 'T', involved })).toBe(false);
  });

  it('raises a dossier to its most secret record', () => {
    expect(higherClass('B', 'R')).toBe('R');
    expect(higherClass('SR', 'T')).toBe('SR');
  });
});

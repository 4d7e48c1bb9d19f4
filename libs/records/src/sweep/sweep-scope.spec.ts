import { RecordsViewer } from '../access/dossier-access';
import { maySeeSweepRun, mayRunNationalSweep, mayRunOfficeSweep, visibleSweepRuns } from './sweep-scope';

// Office 1 = KPU RI, office 10 = KPU Kab. Sumbawa.
const viewer = (roles: string[], officeId: number, kind: string, unitCode: string | null = null): RecordsViewer => ({
  userId: 7, roles: roles as never, officeId, positionIds: [70], positionPaths: ['/70/'],
  positions: [{ positionId: 70, officeId, kind: kind as never, unitCode, unitId: 700, path: '/70/' }],
});
const archivistKab = viewer(['ARCHIVIST', 'DRAFTER'], 10, 'ARSIPARIS');
const ketuaKab = viewer(['LEADER', 'SIGNER'], 10, 'KETUA');
const kasubbagUmumKab = viewer(['LEADER', 'REVIEWER', 'DRAFTER'], 10, 'KASUBBAG', 'KUL');
const kasubbagTeknisKab = viewer(['LEADER', 'REVIEWER', 'DRAFTER'], 10, 'KASUBBAG', 'TPH');
const stafKab = viewer(['DRAFTER'], 10, 'STAF', 'KUL');
const archivistRi = viewer(['ARCHIVIST', 'DRAFTER'], 1, 'ARSIPARIS');
const admin = viewer(['REGISTRAR', 'DRAFTER', 'ADMIN'], 1, 'PENCATAT');

describe('sweep scope', () => {
  it('an office sweep is run by the office archivist or a records approver of that office only', () => {
    expect(mayRunOfficeSweep(archivistKab, 10)).toBe(true);
    expect(mayRunOfficeSweep(ketuaKab, 10)).toBe(true);
    expect(mayRunOfficeSweep(kasubbagUmumKab, 10)).toBe(true);
    expect(mayRunOfficeSweep(kasubbagTeknisKab, 10)).toBe(false);
    expect(mayRunOfficeSweep(stafKab, 10)).toBe(false);
    expect(mayRunOfficeSweep(archivistKab, 20)).toBe(false);
  });

  it('a national sweep is KPU RI archivist’s or an administrator’s', () => {
    expect(mayRunNationalSweep(archivistRi, 'RI')).toBe(true);
    expect(mayRunNationalSweep(admin, 'RI')).toBe(true);
    expect(mayRunNationalSweep(archivistKab, 'KABKOTA')).toBe(false);
    expect(mayRunNationalSweep(ketuaKab, 'KABKOTA')).toBe(false);
  });

  it('lists an office’s runs to its records staff, national runs to KPU RI records staff and administrators, nothing to others', () => {
    const kab = visibleSweepRuns(archivistKab, 'KABKOTA')!;
    expect(kab).toEqual({ officeId: 10, national: false });
    expect(maySeeSweepRun(kab, 10)).toBe(true);
    expect(maySeeSweepRun(kab, 20)).toBe(false);
    expect(maySeeSweepRun(kab, null)).toBe(false);
    expect(visibleSweepRuns(archivistRi, 'RI')).toEqual({ officeId: 1, national: true });
    expect(visibleSweepRuns(admin, 'RI')).toEqual({ officeId: null, national: true });
    expect(visibleSweepRuns(stafKab, 'KABKOTA')).toBeNull();
  });
});

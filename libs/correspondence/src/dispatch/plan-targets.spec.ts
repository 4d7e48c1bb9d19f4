import { DEFAULT_KPU_POLICY, OfficeRef, planRoute } from '../routing';
import { explainPlan, targetsFor } from './plan-targets';

const offices: OfficeRef[] = [
  { id: '1', level: 'RI', parentId: null, code: 'RI', name: 'KPU RI' },
  { id: '2', level: 'PROVINSI', parentId: '1', code: '52', name: 'KPU Provinsi Nusa Tenggara Barat' },
  { id: '3', level: 'KABKOTA', parentId: '2', code: '5204', name: 'KPU Kabupaten Sumbawa' },
  { id: '4', level: 'KABKOTA', parentId: '2', code: '5271', name: 'KPU Kota Mataram' },
];
const lookup = (id: string) => offices.find((o) => o.id === id);
const from = (code: string) => offices.find((o) => o.code === code)!;
const planFrom = (code: string) => (officeId: number) => planRoute(from(code), lookup(String(officeId))!, DEFAULT_KPU_POLICY, lookup);
const relay = (officeId: number) => officeId * 100; // the relay (Sekretaris) position of an office

describe('targets from the routing rule', () => {
  it('sends a Kab/Kota letter to KPU RI to its KPU Provinsi, to be forwarded, keeping the addressee as final', () => {
    const t = targetsFor([{ kind: 'TO', officeId: 1, positionId: 11 }, { kind: 'CC', officeId: 4, positionId: 41 }], planFrom('5204'), relay);
    expect(t).toEqual([
      { kind: 'TO', officeId: 2, positionId: 200, toBeForwarded: true, finalOfficeId: 1, finalPositionId: 11 },
      { kind: 'CC', officeId: 4, positionId: 41, toBeForwarded: false, finalOfficeId: null, finalPositionId: null },
    ]);
  });

  it('delivers directly from KPU RI and from a Provinsi', () => {
    expect(targetsFor([{ kind: 'TO', officeId: 3, positionId: 31 }], planFrom('RI'), relay)[0]).toMatchObject({ officeId: 3, positionId: 31, toBeForwarded: false });
    expect(targetsFor([{ kind: 'TO', officeId: 1, positionId: 11 }], planFrom('52'), relay)[0]).toMatchObject({ officeId: 1, positionId: 11, toBeForwarded: false });
  });

  it('explains the required route in Bahasa Indonesia', () => {
    const text = explainPlan(planFrom('5204')(1));
    expect(text).toBe(
      'Surat dari KPU Kabupaten/Kota ke KPU RI wajib melalui KPU Provinsi Nusa Tenggara Barat untuk diteruskan ke KPU RI. ' +
        'Rute: KPU Kabupaten Sumbawa → KPU Provinsi Nusa Tenggara Barat → KPU RI.',
    );
    expect(explainPlan(planFrom('5204')(2))).toBe('Dikirim langsung ke KPU Provinsi Nusa Tenggara Barat.');
    expect(explainPlan(planFrom('5204')(3))).toBe('Surat internal: dikirim langsung ke KPU Kabupaten Sumbawa.');
    expect(explainPlan(planRoute(from('5204'), 'EXTERNAL', DEFAULT_KPU_POLICY, lookup))).toMatch(/^Pihak eksternal/);
  });
});

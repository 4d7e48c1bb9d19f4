import { DomainError } from '@naskah/core';
import { groupLabel, mergeAddressees, recipientLabel } from './recipient-groups';

describe('group addressees: labels and merging', () => {
  it('prints a group as the letter writes it', () => {
    expect(groupLabel('KABKOTA_OF_PROVINCE', 'KPU Provinsi Nusa Tenggara Barat')).toBe('Ketua KPU Kabupaten/Kota se-Provinsi Nusa Tenggara Barat');
    expect(groupLabel('KABKOTA_OF_PROVINCE', 'KIP Aceh')).toBe('Ketua KIP Kabupaten/Kota se-Aceh');
    expect(groupLabel('ALL_PROVINCES')).toBe('Ketua KPU Provinsi dan KIP Aceh se-Indonesia');
    expect(groupLabel('ALL_KABKOTA')).toBe('Ketua KPU/KIP Kabupaten/Kota se-Indonesia');
  });

  it('prints single recipients as before: the head of an office, a position with its office, an external party; a list by its name', () => {
    expect(recipientLabel({ officeName: 'KPU Kota Mataram' })).toBe('Ketua KPU Kota Mataram');
    expect(recipientLabel({ positionTitle: 'Sekretaris', positionOfficeName: 'KPU Provinsi Nusa Tenggara Barat' })).toBe('Sekretaris KPU Provinsi Nusa Tenggara Barat');
    expect(recipientLabel({ externalName: 'Bupati Sumbawa' })).toBe('Bupati Sumbawa');
    expect(recipientLabel({ listName: 'Ketua KPU Kab/Kota se-Pulau Lombok' })).toBe('Ketua KPU Kab/Kota se-Pulau Lombok');
  });

  it('merges a group member also named alone into one addressee; TO wins over CC, whichever comes first', () => {
    const merged = mergeAddressees([
      { index: 0, kind: 'CC', officeId: 10, positionId: 100, single: false },
      { index: 0, kind: 'CC', officeId: 11, positionId: 110, single: false },
      { index: 1, kind: 'TO', officeId: 10, positionId: 100, single: true },
      { index: 2, kind: 'CC', officeId: 12, positionId: 120, single: true },
      { index: 3, kind: 'TO', officeId: 12, positionId: 120, single: false },
    ]);
    expect(merged).toEqual([
      { kind: 'TO', officeId: 10, positionId: 100, index: 0, from: [0, 1] },
      { kind: 'CC', officeId: 11, positionId: 110, index: 0, from: [0] },
      { kind: 'TO', officeId: 12, positionId: 120, index: 2, from: [2, 3] },
    ]);
  });

  it('merges two groups that share members, and keeps CC when every mention is CC', () => {
    const merged = mergeAddressees([
      { index: 0, kind: 'CC', officeId: 10, positionId: 100, single: false },
      { index: 1, kind: 'CC', officeId: 10, positionId: 100, single: false },
    ]);
    expect(merged).toEqual([{ kind: 'CC', officeId: 10, positionId: 100, index: 0, from: [0, 1] }]);
  });

  it('still refuses the same addressee named alone twice (422 DUPLICATE_RECIPIENT naming both), even with a group between them', () => {
    const run = () =>
      mergeAddressees([
        { index: 0, kind: 'TO', officeId: 10, positionId: 100, single: true },
        { index: 1, kind: 'TO', officeId: 10, positionId: 100, single: false },
        { index: 2, kind: 'CC', officeId: 10, positionId: 100, single: true },
      ]);
    expect(run).toThrow(DomainError);
    expect(run).toThrow(expect.objectContaining({ code: 'DUPLICATE_RECIPIENT', details: expect.objectContaining({ duplicateOf: 0 }) }));
  });
});

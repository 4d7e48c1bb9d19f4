import type { OfficeLevel, PositionKind, UnitKind } from '../organisation.types';

/** The units and positions every office of a level gets (DESIGN.md section 2). */
export interface UnitTemplate {
  code: string;
  name: string;
  kind: UnitKind;
  parent?: string;
}
export interface PositionTemplate {
  code: string;
  title: string;
  kind: PositionKind;
  unit: string;
  parent?: string;
}

const SUBSECTIONS = [
  { code: 'KUL', name: 'Keuangan, Umum dan Logistik', short: 'Keuangan, Umum dan Logistik' },
  { code: 'PDI', name: 'Perencanaan, Data dan Informasi', short: 'Perencanaan, Data dan Informasi' },
  { code: 'TPH', name: 'Teknis Penyelenggaraan Pemilu dan Hukum', short: 'Teknis Penyelenggaraan Pemilu dan Hukum' },
  { code: 'PHS', name: 'Partisipasi, Hubungan Masyarakat dan SDM', short: 'Partisipasi, Hubungan Masyarakat dan SDM' },
];

const BIROS = [
  { code: 'BPD', name: 'Biro Perencanaan dan Data' },
  { code: 'BKU', name: 'Biro Keuangan dan Umum' },
  { code: 'BLOG', name: 'Biro Logistik' },
  { code: 'BTEK', name: 'Biro Teknis Penyelenggara Pemilu' },
  { code: 'BHUK', name: 'Biro Advokasi Hukum dan Penyelesaian Sengketa' },
  { code: 'BPHM', name: 'Biro Partisipasi dan Hubungan Masyarakat' },
  { code: 'BSDM', name: 'Biro Sumber Daya Manusia' },
];

function levelStructure(level: OfficeLevel): { units: UnitTemplate[]; positions: PositionTemplate[] } {
  const units: UnitTemplate[] = [{ code: 'PIMPINAN', name: 'Pimpinan', kind: 'PIMPINAN' }];
  const positions: PositionTemplate[] = [{ code: 'KETUA', title: 'Ketua', kind: 'KETUA', unit: 'PIMPINAN' }];
  const members = level === 'RI' ? 6 : 4;
  for (let i = 1; i <= members; i++) positions.push({ code: `ANGGOTA-${i}`, title: `Anggota ${i}`, kind: 'ANGGOTA', unit: 'PIMPINAN', parent: 'KETUA' });

  if (level === 'RI') {
    units.push({ code: 'SETJEN', name: 'Sekretariat Jenderal', kind: 'SEKRETARIAT' });
    positions.push({ code: 'SEKJEN', title: 'Sekretaris Jenderal', kind: 'SEKRETARIS_JENDERAL', unit: 'SETJEN', parent: 'KETUA' });
    for (const b of BIROS) {
      units.push({ code: b.code, name: b.name, kind: 'BIRO', parent: 'SETJEN' });
      positions.push({ code: `KARO-${b.code}`, title: `Kepala ${b.name}`, kind: 'KEPALA_BIRO', unit: b.code, parent: 'SEKJEN' });
      positions.push({ code: `STAF-${b.code}`, title: `Staf ${b.name}`, kind: 'STAF', unit: b.code, parent: `KARO-${b.code}` });
    }
    positions.push({ code: 'ARSIPARIS', title: 'Arsiparis', kind: 'ARSIPARIS', unit: 'BKU', parent: 'KARO-BKU' });
    positions.push({ code: 'PENCATAT', title: 'Pengadministrasi Persuratan', kind: 'PENCATAT', unit: 'BKU', parent: 'KARO-BKU' });
    return { units, positions };
  }

  const isProv = level === 'PROVINSI';
  const sekCode = isProv ? 'SEK-PROV' : 'SEK';
  units.push({ code: sekCode, name: 'Sekretariat', kind: 'SEKRETARIAT' });
  positions.push({ code: 'SEKRETARIS', title: 'Sekretaris', kind: 'SEKRETARIS', unit: sekCode, parent: 'KETUA' });
  for (const s of SUBSECTIONS) {
    const kind: UnitKind = isProv ? 'BAGIAN' : 'SUBBAGIAN';
    const unitName = `${isProv ? 'Bagian' : 'Subbagian'} ${s.name}`;
    const head = isProv ? `KABAG-${s.code}` : `KASUBBAG-${s.code}`;
    units.push({ code: s.code, name: unitName, kind, parent: sekCode });
    positions.push({ code: head, title: `${isProv ? 'Kepala Bagian' : 'Kepala Subbagian'} ${s.short}`, kind: isProv ? 'KABAG' : 'KASUBBAG', unit: s.code, parent: 'SEKRETARIS' });
    positions.push({ code: `STAF-${s.code}`, title: `Staf ${unitName}`, kind: 'STAF', unit: s.code, parent: head });
  }
  const umum = isProv ? 'KABAG-KUL' : 'KASUBBAG-KUL';
  positions.push({ code: 'ARSIPARIS', title: 'Arsiparis', kind: 'ARSIPARIS', unit: sekCode, parent: 'SEKRETARIS' });
  positions.push({ code: 'PENCATAT', title: 'Pengadministrasi Persuratan', kind: 'PENCATAT', unit: 'KUL', parent: umum });
  return { units, positions };
}

export const STRUCTURE: Record<OfficeLevel, { units: UnitTemplate[]; positions: PositionTemplate[] }> = {
  RI: levelStructure('RI'),
  PROVINSI: levelStructure('PROVINSI'),
  KABKOTA: levelStructure('KABKOTA'),
};

/** Depth of a position template in its office tree (0 = Ketua). */
export function templateDepth(tpls: PositionTemplate[], code: string): number {
  let depth = 0;
  let cur = tpls.find((t) => t.code === code);
  while (cur?.parent) {
    depth++;
    cur = tpls.find((t) => t.code === cur!.parent);
  }
  return depth;
}

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DataSource } from 'typeorm';
import { pathOf } from '../position-tree';
import type { OfficeLevel } from '../organisation.types';
import { STRUCTURE, templateDepth } from './org-structure';

interface RegionRow {
  code: string;
  parent: string | null;
  name: string;
}

/** Reads provinces and regencies from the idn-area-data package (ODbL 1.0), codes without dots. */
export function readRegions(): { provinces: RegionRow[]; regencies: RegionRow[] } {
  const dir = join(dirname(require.resolve('idn-area-data/package.json')), 'data');
  const rows = (file: string) =>
    readFileSync(join(dir, file), 'utf8').split(/\r?\n/).slice(1).filter(Boolean).map((l) => l.split(','));
  return {
    provinces: rows('provinces.csv').map(([code, name]) => ({ code, parent: null, name })),
    regencies: rows('regencies.csv').map(([code, prov, name]) => ({ code: code.replace(/\./g, ''), parent: prov, name })),
  };
}

const ACEH = '11';
function officeName(level: OfficeLevel, regionName: string, provinceCode: string | null): string {
  const body = provinceCode === ACEH ? 'KIP' : 'KPU';
  if (level === 'PROVINSI') return provinceCode === ACEH ? 'KIP Aceh' : `KPU Provinsi ${regionName}`;
  return `${body} ${regionName}`;
}

/**
 * Seeds KPU RI, 38 KPU Provinsi and 514 KPU/KIP Kabupaten/Kota with their units and positions.
 * Idempotent: offices, units and positions already present (by code) are left as they are.
 */
export async function seedOrganisation(ds: DataSource): Promise<{ offices: number; units: number; positions: number }> {
  const { provinces, regencies } = readRegions();
  const offices: [string, OfficeLevel, string, string, string, string | null][] = [
    ['RI', 'RI', 'Komisi Pemilihan Umum Republik Indonesia', 'Republik Indonesia', 'Jakarta', null],
    ...provinces.map((p) => [p.code, 'PROVINSI', officeName('PROVINSI', p.name, p.code), p.name, p.name, 'RI'] as [string, OfficeLevel, string, string, string, string]),
    ...regencies.map((r) => [r.code, 'KABKOTA', officeName('KABKOTA', r.name, r.parent), r.name, r.name.replace(/^(Kabupaten|Kota)( Administrasi)? /, ''), r.parent] as [string, OfficeLevel, string, string, string, string]),
  ];
  await ds.transaction(async (em) => {
    for (const level of ['RI', 'PROVINSI', 'KABKOTA'] as OfficeLevel[]) {
      const list = offices.filter((o) => o[1] === level);
      const ids = new Map<string, number>((await em.query('SELECT id, code FROM offices')).map((r: { id: number; code: string }) => [r.code, r.id]));
      const values = list.map(([code, lvl, name, region, city, parent]) => [code, lvl, name, region, city, parent ? ids.get(parent) ?? null : null]);
      await em.query(`INSERT IGNORE INTO offices (code, level, name, region_name, city, parent_id) VALUES ${values.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`, values.flat());
    }
    const all: { id: number; level: OfficeLevel }[] = await em.query('SELECT id, level FROM offices');
    // units: parents first (templates are ordered so that a parent precedes its children)
    for (const level of ['RI', 'PROVINSI', 'KABKOTA'] as OfficeLevel[]) {
      const officeIds = all.filter((o) => o.level === level).map((o) => o.id);
      const tpls = STRUCTURE[level].units;
      for (const pass of [false, true]) {
        const part = tpls.filter((t) => Boolean(t.parent) === pass);
        const unitIds = await idMap(em, 'units', officeIds);
        const values = officeIds.flatMap((oid) => part.map((t) => [oid, t.parent ? unitIds.get(`${oid}:${t.parent}`) ?? null : null, t.code, t.name, t.kind]));
        if (values.length) await em.query(`INSERT IGNORE INTO units (office_id, parent_id, code, name, kind) VALUES ${values.map(() => '(?, ?, ?, ?, ?)').join(', ')}`, values.flat());
      }
      const unitIds = await idMap(em, 'units', officeIds);
      const ptpls = STRUCTURE[level].positions;
      const maxDepth = Math.max(...ptpls.map((p) => templateDepth(ptpls, p.code)));
      for (let depth = 0; depth <= maxDepth; depth++) {
        const part = ptpls.filter((p) => templateDepth(ptpls, p.code) === depth);
        const posRows: { id: number; office_id: number; code: string; path: string }[] = officeIds.length
          ? await em.query(`SELECT id, office_id, code, path FROM positions WHERE office_id IN (${officeIds.join(',')})`)
          : [];
        const byKey = new Map(posRows.map((r) => [`${r.office_id}:${r.code}`, r]));
        const values = officeIds.flatMap((oid) => part.map((t) => {
          const parent = t.parent ? byKey.get(`${oid}:${t.parent}`) : undefined;
          return [oid, unitIds.get(`${oid}:${t.unit}`) ?? null, parent?.id ?? null, t.code, t.title, t.kind, depth];
        }));
        if (values.length) {
          await em.query(`INSERT IGNORE INTO positions (office_id, unit_id, parent_id, code, title, kind, depth) VALUES ${values.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`, values.flat());
        }
        // materialised paths: parent's path + own id
        if (depth === 0) {
          await em.query(`UPDATE positions SET path = CONCAT('/', id, '/') WHERE depth = 0 AND path = '/'`);
        } else {
          await em.query(`UPDATE positions c JOIN positions p ON p.id = c.parent_id SET c.path = CONCAT(p.path, c.id, '/') WHERE c.depth = ? AND c.path = '/'`, [depth]);
        }
      }
    }
  });
  const [[o], [u], [p]] = await Promise.all(['offices', 'units', 'positions'].map((t) => ds.query(`SELECT COUNT(*) AS n FROM ${t}`)));
  return { offices: Number(o.n), units: Number(u.n), positions: Number(p.n) };
}

async function idMap(em: { query: (q: string, p?: unknown[]) => Promise<{ id: number; office_id: number; code: string }[]> }, table: string, officeIds: number[]) {
  if (!officeIds.length) return new Map<string, number>();
  const rows = await em.query(`SELECT id, office_id, code FROM ${table} WHERE office_id IN (${officeIds.join(',')})`);
  return new Map(rows.map((r) => [`${r.office_id}:${r.code}`, r.id]));
}

export { pathOf };

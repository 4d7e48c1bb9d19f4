import type { DataSource } from 'typeorm';
import { hashPassword } from './users.service';
import type { Role } from './roles';

/** Offices that get demo users: KPU RI, KPU Provinsi NTB, KPU Kab. Sumbawa, Kota Mataram (NTB) and Kab. Bogor (Jawa Barat). */
export const DEMO_OFFICES = ['RI', '52', '5204', '5271', '3201'];
export const DEMO_PASSWORD = 'Naskah#2026';

interface DemoUser {
  username: string;
  fullName: string;
  office: string;
  position: string;
  grants?: Role[];
}

function demoUsers(): DemoUser[] {
  const list: DemoUser[] = [
    { username: 'admin', fullName: 'Administrator Sistem', office: 'RI', position: 'PENCATAT', grants: ['ADMIN'] },
    { username: 'ketua.ri', fullName: 'Ketua KPU RI (demo)', office: 'RI', position: 'KETUA' },
    { username: 'sekjen.ri', fullName: 'Sekretaris Jenderal (demo)', office: 'RI', position: 'SEKJEN' },
    { username: 'karo.umum.ri', fullName: 'Kepala Biro Keuangan dan Umum (demo)', office: 'RI', position: 'KARO-BKU' },
    { username: 'karo.teknis.ri', fullName: 'Kepala Biro Teknis (demo)', office: 'RI', position: 'KARO-BTEK' },
    { username: 'staf.umum.ri', fullName: 'Staf Biro Keuangan dan Umum (demo)', office: 'RI', position: 'STAF-BKU' },
    { username: 'arsiparis.ri', fullName: 'Arsiparis KPU RI (demo)', office: 'RI', position: 'ARSIPARIS' },
  ];
  for (const code of DEMO_OFFICES.filter((c) => c !== 'RI')) {
    const prov = code.length === 2;
    const head = prov ? 'KABAG' : 'KASUBBAG';
    const tag = code;
    list.push(
      { username: `ketua.${tag}`, fullName: `Ketua ${tag} (demo)`, office: code, position: 'KETUA' },
      { username: `anggota.${tag}`, fullName: `Anggota ${tag} (demo)`, office: code, position: 'ANGGOTA-1' },
      { username: `sekretaris.${tag}`, fullName: `Sekretaris ${tag} (demo)`, office: code, position: 'SEKRETARIS' },
      { username: `${head.toLowerCase()}.umum.${tag}`, fullName: `${prov ? 'Kabag' : 'Kasubbag'} Keuangan, Umum dan Logistik ${tag} (demo)`, office: code, position: `${head}-KUL` },
      { username: `${head.toLowerCase()}.teknis.${tag}`, fullName: `${prov ? 'Kabag' : 'Kasubbag'} Teknis dan Hukum ${tag} (demo)`, office: code, position: `${head}-TPH` },
      { username: `staf.umum.${tag}`, fullName: `Staf Umum ${tag} (demo)`, office: code, position: 'STAF-KUL' },
      { username: `staf.teknis.${tag}`, fullName: `Staf Teknis ${tag} (demo)`, office: code, position: 'STAF-TPH' },
      { username: `arsiparis.${tag}`, fullName: `Arsiparis ${tag} (demo)`, office: code, position: 'ARSIPARIS' },
      { username: `pencatat.${tag}`, fullName: `Pengadministrasi Persuratan ${tag} (demo)`, office: code, position: 'PENCATAT' },
    );
  }
  return list;
}

/** Creates the demo accounts that do not exist yet (idempotent). Returns every demo account for printing. */
export async function seedDemoUsers(ds: DataSource): Promise<{ username: string; fullName: string; office: string; position: string }[]> {
  const users = demoUsers();
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const u of users) {
    const [pos] = await ds.query('SELECT p.id FROM positions p JOIN offices o ON o.id = p.office_id WHERE o.code = ? AND p.code = ?', [u.office, u.position]);
    if (!pos) throw new Error(`demo seed: position ${u.office}/${u.position} missing`);
    const res = await ds.query('INSERT IGNORE INTO users (username, full_name, password_hash, position_id) VALUES (?, ?, ?, ?)', [u.username, u.fullName, hash, pos.id]);
    if (res.affectedRows && u.grants) {
      for (const g of u.grants) await ds.query('INSERT IGNORE INTO user_grants (user_id, role) VALUES (?, ?)', [res.insertId, g]);
    }
  }
  return users.map(({ username, fullName, office, position }) => ({ username, fullName, office, position }));
}

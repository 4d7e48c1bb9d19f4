import { titleCaseId } from './indonesian-text';
import type { LetterSignatureBlock } from './letter-render-input';

/**
 * How the signature block's title lines read (Tata Naskah Dinas; letter-layout.ts prints them). Pure
 * and free of the PDF machinery, so the compose page (apps/web) previews the block with these very
 * functions.
 */

/** An office's name as a letter prints it after a title: 'KPU Kabupaten Sumbawa' → 'KOMISI PEMILIHAN UMUM KABUPATEN SUMBAWA'. */
export function officeLetterName(name: string): string {
  return name.toUpperCase().replace(/^KPU /, 'KOMISI PEMILIHAN UMUM ').replace(/^KIP /, 'KOMISI INDEPENDEN PEMILIHAN ');
}

/** A title with the office named when it does not name one: 'KETUA' → 'KETUA KOMISI PEMILIHAN UMUM …'. */
export function withOffice(title: string, office: string): string {
  const t = title.trim().replace(/,$/, '');
  const upper = t.toUpperCase();
  if (!office || upper.includes(office.toUpperCase()) || upper.includes('KOMISI') || /\bKPU\b|\bKIP\b/.test(upper)) return t;
  return `${t} ${office}`;
}

/**
 * The office's name as it follows a title in running text and in a Nota Dinas: 'KPU Kabupaten
 * Sumbawa', 'KIP Aceh' (as the addressees are named).
 */
export function officeShortName(office: { name: string }): string {
  const name = office.name.trim().replace(/\s+/g, ' ');
  const upper = name.toUpperCase();
  for (const [long, short] of [['KOMISI PEMILIHAN UMUM', 'KPU'], ['KOMISI INDEPENDEN PEMILIHAN', 'KIP'], ['KPU', 'KPU'], ['KIP', 'KIP']] as const) {
    if (upper.startsWith(`${long} `)) return `${short} ${titleCaseId(name.slice(long.length + 1))}`;
  }
  return titleCaseId(name);
}

export const withComma = (t: string) => (t.trim().endsWith(',') ? t.trim() : `${t.trim()},`);

/**
 * Signature lines: 'a.n. KETUA …,' then 'SEKRETARIS,' (with u.b.: then 'u.b.' and the signer's
 * title); otherwise '[Plt. |Plh. ]TITLE,'. `office` names the office after a title of the signer's
 * own capacity (or the one signed for) that does not name one. `titled`: the titles in initial
 * capitals ('Ketua KPU Kabupaten Sumbawa,'), as a Nota Dinas names them.
 */
export function signatureLines(s: LetterSignatureBlock, office = '', titled = false): string[] {
  const t = (title: string) => (titled ? memoTitle(title) : title);
  if (s.capacityPrefix === 'a.n. ' && s.onBehalfOf) {
    const lines = [withComma(`a.n. ${withOffice(t(s.onBehalfOf), office)}`)];
    if (s.throughTitle) lines.push(withComma(t(s.throughTitle)), 'u.b.');
    lines.push(withComma(t(s.positionTitle)));
    return lines;
  }
  return [withComma(`${s.capacityPrefix}${withOffice(t(s.positionTitle), office)}`)];
}

/** A title as a Nota Dinas writes it: initial capitals, the office by its short name ('Ketua KPU Provinsi Nusa Tenggara Barat'). */
export function memoTitle(title: string): string {
  return titleCaseId(title.trim().replace(/\s+/g, ' ').replace(/\bKOMISI PEMILIHAN UMUM\b/gi, 'KPU').replace(/\bKOMISI INDEPENDEN PEMILIHAN\b/gi, 'KIP'));
}

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createPdf, drawKop, drawTable, finishPdf, PDF_FONT, PdfHandle } from '@naskah/core';

/**
 * Lists (daftar) and minutes (berita acara) of transfer, destruction and handover as A4 PDF on the
 * shared layout engine (libs/core/src/pdf, embedded Noto Sans / DejaVu fonts): the office's kop,
 * the title and number, numbered paragraphs, the list table with its header repeated on every
 * page, an optional SHA-256 manifest, the signature blocks of the parties, "Halaman x dari y".
 * The output depends only on the input (dates come from it).
 */
export interface MinutesTable {
  columns: { header: string; width: number }[];
  rows: string[][];
}

export interface MinutesDocument {
  title: string;
  number: string | null;
  officeName: string;
  city: string;
  date: Date;
  paragraphs: string[];
  table?: MinutesTable;
  afterTable?: string[];
  manifest?: { digest: string; lines: string[] };
  signatures: { role: string; name: string }[];
}

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const DAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', "Jum'at", 'Sabtu'];

/** '5 Maret 2024' and the weekday, in Asia/Jakarta. */
export function indonesianDate(at: Date): { text: string; day: string } {
  const wib = new Date(at.getTime() + 7 * 3600_000);
  return { text: `${wib.getUTCDate()} ${MONTHS[wib.getUTCMonth()]} ${wib.getUTCFullYear()}`, day: DAYS[wib.getUTCDay()] };
}

let mono: Buffer | null = null;
/** DejaVu Sans Mono (same npm package as the fallback font) for the manifest's digests, embedded like the rest. */
function monoFont(): Buffer {
  return (mono ??= readFileSync(join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSansMono.ttf')));
}

export async function renderMinutesPdf(input: MinutesDocument): Promise<Buffer> {
  const h = createPdf({
    margins: { top: 48, bottom: 50, left: 60, right: 50 },
    title: `${input.title}${input.number ? ` Nomor ${input.number}` : ''}`, author: input.officeName, subject: input.title, at: input.date,
  });
  const { doc } = h;
  drawKop(h, { name: input.officeName, lines: [input.city] });
  doc.font(PDF_FONT.bold).fontSize(12).text(input.title.toUpperCase(), h.left, doc.y + 4, { width: h.width, align: 'center' });
  if (input.number) doc.font(PDF_FONT.regular).fontSize(10).text(`Nomor: ${input.number}`, h.left, doc.y + 1, { width: h.width, align: 'center' });
  doc.moveDown(1.2);
  let n = 0;
  const paragraph = (text: string) => {
    n += 1;
    doc.font(PDF_FONT.regular).fontSize(10);
    const y = doc.y;
    if (y + doc.heightOfString(text, { width: h.width - 22 }) > h.bottom && y > doc.page.margins.top + 100) doc.addPage();
    const top = doc.y;
    doc.text(`${n}.`, h.left, top, { width: 20, lineBreak: false });
    doc.text(text, h.left + 22, top, { width: h.width - 22, align: 'justify', lineGap: 1.5 });
    doc.moveDown(0.5);
  };
  input.paragraphs.forEach(paragraph);
  if (input.table) {
    doc.moveDown(0.3);
    drawTable(h, { columns: input.table.columns.map((c) => ({ ...c, align: c.header === 'No' || c.header === 'Jml' ? 'right' : 'left' })), rows: input.table.rows, fontSize: 8, headerFontSize: 8, empty: 'Tidak ada berkas.' });
    doc.moveDown(0.8);
  }
  (input.afterTable ?? []).forEach(paragraph);
  if (input.manifest) {
    doc.moveDown(0.5).font(PDF_FONT.bold).fontSize(10).text('Manifes SHA-256 isi yang dimusnahkan', h.left, doc.y, { width: h.width });
    doc.font(PDF_FONT.regular).fontSize(8).text(`Digest manifes (SHA-256): ${input.manifest.digest}`, h.left, doc.y, { width: h.width }).moveDown(0.3);
    doc.registerFont('Naskah-Mono', monoFont());
    doc.font('Naskah-Mono').fontSize(6.5);
    for (const line of input.manifest.lines) {
      if (doc.y + 9 > h.bottom) doc.addPage();
      doc.text(line, h.left, doc.y, { width: h.width });
    }
  }
  signatures(h, input);
  return finishPdf(h, `${input.title}${input.number ? ` · Nomor ${input.number}` : ''}`);
}

/** "Sumbawa, 5 Maret 2024", then the parties side by side (up to three a row): role, room for the signature, name. */
function signatures(h: PdfHandle, input: MinutesDocument): void {
  const { doc } = h;
  const per = Math.max(1, Math.min(3, input.signatures.length));
  const colW = h.width / per;
  const blockH = 110;
  const rows = Math.max(1, Math.ceil(input.signatures.length / per));
  if (doc.y + 40 + Math.min(rows, 2) * blockH > h.bottom) doc.addPage();
  doc.moveDown(1).font(PDF_FONT.regular).fontSize(10).text(`${input.city}, ${indonesianDate(input.date).text}`, h.left, doc.y, { width: h.width, align: 'right' });
  let top = doc.y + 12;
  input.signatures.forEach((s, i) => {
    const col = i % per;
    if (col === 0 && i > 0) top += blockH;
    if (col === 0 && top + blockH > h.bottom) {
      doc.addPage();
      top = doc.y;
    }
    const x = h.left + col * colW;
    doc.font(PDF_FONT.regular).fontSize(9).text(s.role, x + 4, top, { width: colW - 8, align: 'center' });
    const name = s.name || '(.................................)';
    doc.font(PDF_FONT.bold).fontSize(9.5).text(name, x + 4, top + 72, { width: colW - 8, align: 'center', underline: Boolean(s.name) });
  });
  doc.x = h.left;
  doc.y = top + blockH;
}

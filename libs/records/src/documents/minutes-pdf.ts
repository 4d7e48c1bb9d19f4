import PDFDocument from 'pdfkit';

/**
 * Lists (daftar) and minutes (berita acara) of transfer, destruction and handover as A4 PDF with
 * the standard PDF fonts: a heading, numbered paragraphs, a table of dossiers, an optional SHA-256
 * manifest and signature blocks. The output depends only on the input (dates come from it).
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

const MARGIN = 50;

export async function renderMinutesPdf(input: MinutesDocument): Promise<Buffer> {
  const date = new Date(Math.floor(input.date.getTime() / 1000) * 1000);
  const doc = new PDFDocument({
    size: 'A4', margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN }, bufferPages: true, pdfVersion: '1.7', lang: 'id-ID',
    info: { Title: `${input.title}${input.number ? ` Nomor ${input.number}` : ''}`, Author: input.officeName, Creator: 'Naskah', Producer: 'Naskah (PDFKit)', CreationDate: date, ModDate: date },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  doc.font('Helvetica-Bold').fontSize(13).text(input.officeName.toUpperCase(), { align: 'center', width });
  doc.moveDown(0.6).fontSize(12).text(input.title.toUpperCase(), { align: 'center', width });
  if (input.number) doc.font('Helvetica').fontSize(10).text(`Nomor: ${input.number}`, { align: 'center', width });
  doc.moveDown(1).font('Helvetica').fontSize(10);
  for (const p of input.paragraphs) doc.text(p, { align: 'justify', width }).moveDown(0.5);
  if (input.table) drawTable(doc, input.table, width);
  for (const p of input.afterTable ?? []) doc.text(p, MARGIN, undefined, { align: 'justify', width }).moveDown(0.5);
  if (input.manifest) {
    doc.moveDown(0.5).font('Helvetica-Bold').text('Manifes SHA-256 isi yang dimusnahkan', MARGIN, undefined, { width });
    doc.font('Helvetica').fontSize(8).text(`Digest manifes (SHA-256): ${input.manifest.digest}`, { width }).moveDown(0.3);
    doc.font('Courier').fontSize(7);
    for (const line of input.manifest.lines) doc.text(line, MARGIN, undefined, { width });
    doc.font('Helvetica').fontSize(10);
  }
  drawSignatures(doc, input, width);
  const pages = doc.bufferedPageRange();
  for (let i = pages.start; i < pages.start + pages.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0; // the footer sits in the margin; without this pdfkit would start a new page
    doc.font('Helvetica').fontSize(7).text(`${input.title} — halaman ${i + 1} dari ${pages.count}`, MARGIN, doc.page.height - MARGIN + 15, { width, align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}

function drawTable(doc: PDFKit.PDFDocument, table: MinutesTable, width: number): void {
  const total = table.columns.reduce((a, c) => a + c.width, 0);
  const widths = table.columns.map((c) => (c.width / total) * width);
  const bottom = () => doc.page.height - MARGIN - 20;
  const row = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i] - 6 }))) + 6;
    if (doc.y + h > bottom()) {
      doc.addPage();
      if (!bold) row(table.columns.map((c) => c.header), true);
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    }
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      doc.rect(x, y, widths[i], h).stroke();
      doc.text(c || '', x + 3, y + 3, { width: widths[i] - 6 });
      x += widths[i];
    });
    doc.x = MARGIN;
    doc.y = y + h;
  };
  row(table.columns.map((c) => c.header), true);
  for (const r of table.rows) row(r, false);
  doc.font('Helvetica').fontSize(10).moveDown(0.8);
}

function drawSignatures(doc: PDFKit.PDFDocument, input: MinutesDocument, width: number): void {
  if (doc.y > doc.page.height - MARGIN - 140) doc.addPage();
  doc.moveDown(1).font('Helvetica').fontSize(10).text(`${input.city}, ${indonesianDate(input.date).text}`, MARGIN, undefined, { width, align: 'right' });
  const per = Math.max(1, Math.min(3, input.signatures.length));
  const colW = width / per;
  let top = doc.y + 10;
  input.signatures.forEach((s, i) => {
    const col = i % per;
    if (col === 0 && i > 0) top += 100;
    const x = MARGIN + col * colW;
    doc.font('Helvetica').fontSize(9).text(s.role, x, top, { width: colW - 10, align: 'center' });
    doc.font('Helvetica-Bold').text(s.name, x, top + 60, { width: colW - 10, align: 'center' });
  });
  doc.x = MARGIN;
}

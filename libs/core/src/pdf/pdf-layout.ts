import PDFDocument from 'pdfkit';
import { replaceXmpInfo } from './pdfa';
import { PDF_FONT, registerPdfFonts } from './fonts';

/**
 * The small layout engine the product's generated documents share (lembar disposisi, buku agenda,
 * the records' lists and berita acara): an A4 document on the embedded fonts, a kop, tables whose
 * header repeats on every page, and "Halaman x dari y" footers. Pure: the same input renders the
 * same bytes (CreationDate comes from the caller; PDFKit derives /ID and the font subset tags from
 * the document's content).
 */
export interface PdfDocumentOptions {
  layout?: 'portrait' | 'landscape';
  margins?: { top: number; bottom: number; left: number; right: number };
  title: string;
  author: string;
  subject?: string;
  keywords?: string;
  /** the document's date (CreationDate/ModDate), whole seconds */
  at: Date;
}

export interface PdfHandle {
  doc: PDFKit.PDFDocument;
  /** resolves with the bytes once `doc.end()` is called */
  done: Promise<Buffer>;
  /** left margin and usable width */
  left: number;
  width: number;
  /** y below which content must not go (the footer lives under it) */
  bottom: number;
}

export function createPdf(o: PdfDocumentOptions): PdfHandle {
  const at = new Date(Math.floor(o.at.getTime() / 1000) * 1000);
  const margins = o.margins ?? { top: 50, bottom: 50, left: 56, right: 50 };
  const info = {
    Title: o.title, Author: o.author, ...(o.subject ? { Subject: o.subject } : {}), ...(o.keywords ? { Keywords: o.keywords } : {}),
    Creator: 'Naskah', Producer: 'Naskah (PDFKit)', CreationDate: at, ModDate: at,
  };
  // PDF/A-2b like the letters (berita acara, lembar disposisi and registers are records too): fonts
  // embedded, XMP with pdfaid, sRGB OutputIntent
  const doc = new PDFDocument({
    size: 'A4', layout: o.layout ?? 'portrait', margins, compress: true, bufferPages: true, pdfVersion: '1.7', subset: 'PDF/A-2b', lang: 'id-ID', autoFirstPage: true,
    font: null as unknown as string, // no standard Helvetica: the embedded fonts only
    info,
  });
  replaceXmpInfo(doc, info);
  registerPdfFonts(doc);
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done, left: margins.left, width: doc.page.width - margins.left - margins.right, bottom: doc.page.height - margins.bottom };
}

/**
 * Writes the footer on every page ("… Halaman x dari y") and ends the document; returns its bytes.
 * `text` may be empty: the page number stands alone.
 */
export function finishPdf(h: PdfHandle, text: string): Promise<Buffer> {
  const { doc } = h;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // the footer sits in the bottom margin; without this PDFKit would open a page for it
    const y = doc.page.height - bottomMargin + 16;
    doc.moveTo(h.left, y - 5).lineTo(h.left + h.width, y - 5).lineWidth(0.4).strokeColor('#888888').stroke().strokeColor('#000000');
    doc.font(PDF_FONT.regular).fontSize(7.5).fillColor('#333333');
    if (text) doc.text(fit(doc, text, h.width * 0.78), h.left, y, { lineBreak: false });
    doc.text(`Halaman ${i + 1 - range.start} dari ${range.count}`, h.left, y, { width: h.width, align: 'right', lineBreak: false });
    doc.fillColor('#000000');
  }
  doc.end();
  return h.done;
}

/** The text cut (with "…") to one line of this width in the current font. */
function fit(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let t = text;
  while (t.length > 1 && doc.widthOfString(`${t}…`) > width) t = t.slice(0, -1);
  return `${t.trimEnd()}…`;
}

/** Kop: the office's name (KPU spelled out), its city, centred, over a double rule. Returns the y under it. */
export function drawKop(h: PdfHandle, office: { name: string; lines?: string[] }, y = h.doc.page.margins.top): number {
  const { doc } = h;
  // the kop spells the commission out: "KPU Kabupaten Sumbawa" → KOMISI PEMILIHAN UMUM KABUPATEN SUMBAWA
  const name = office.name.replace(/^KPU\b/, 'Komisi Pemilihan Umum').toUpperCase();
  doc.font(PDF_FONT.bold).fontSize(13).text(name, h.left, y, { width: h.width, align: 'center' });
  doc.font(PDF_FONT.regular).fontSize(8.5);
  for (const l of office.lines ?? []) doc.text(l, h.left, doc.y, { width: h.width, align: 'center' });
  const ruleY = doc.y + 4;
  doc.moveTo(h.left, ruleY).lineTo(h.left + h.width, ruleY).lineWidth(1.6).stroke();
  doc.moveTo(h.left, ruleY + 2.6).lineTo(h.left + h.width, ruleY + 2.6).lineWidth(0.5).stroke();
  doc.lineWidth(1);
  doc.x = h.left;
  doc.y = ruleY + 10;
  return doc.y;
}

export interface TableColumn {
  header: string;
  /** relative width */
  width: number;
  align?: 'left' | 'center' | 'right';
  /** a font for this column's cells (e.g. PDF_FONT.fallback for symbols Noto Sans lacks) */
  font?: string;
}

export interface TableOptions {
  columns: TableColumn[];
  rows: string[][];
  x?: number;
  width?: number;
  fontSize?: number;
  headerFontSize?: number;
  padding?: number;
  /** rows are at least this tall (room for a wet paraf) */
  minRowHeight?: number;
  /** written in the first row's place when there are no rows */
  empty?: string;
}

/**
 * A bordered table; the header row repeats at the top of every page the table runs onto (under
 * whatever the document's 'pageAdded' listeners draw, e.g. a continuation header). A row
 * never splits: one too tall for the space left starts on the next page (a row taller than a
 * whole page is cut at the page foot, which the callers' data never reaches).
 */
export function drawTable(h: PdfHandle, t: TableOptions): void {
  const { doc } = h;
  const x0 = t.x ?? h.left;
  const width = t.width ?? h.width;
  const total = t.columns.reduce((a, c) => a + c.width, 0);
  const widths = t.columns.map((c) => (c.width / total) * width);
  const pad = t.padding ?? 3;
  const size = t.fontSize ?? 8;
  const headerSize = t.headerFontSize ?? size;
  const fontOf = (i: number, header: boolean) => (header ? PDF_FONT.bold : t.columns[i].font ?? PDF_FONT.regular);
  const heightOf = (cells: string[], header: boolean) => {
    const fs = header ? headerSize : size;
    const h = Math.max(...cells.map((c, i) => doc.font(fontOf(i, header)).fontSize(fs).heightOfString(c || ' ', { width: widths[i] - 2 * pad }))) + 2 * pad;
    return header ? h : Math.max(h, t.minRowHeight ?? 0);
  };
  const draw = (cells: string[], header: boolean) => {
    const fs = header ? headerSize : size;
    const rowH = heightOf(cells, header);
    const y = doc.y;
    let x = x0;
    if (header) doc.rect(x0, y, width, rowH).fillColor('#e8e8e8').fill().fillColor('#000000');
    cells.forEach((c, i) => {
      doc.rect(x, y, widths[i], rowH).lineWidth(0.5).stroke();
      doc.font(fontOf(i, header)).fontSize(fs).text(c || '', x + pad, y + pad, { width: widths[i] - 2 * pad, align: header ? 'center' : t.columns[i].align ?? 'left', height: rowH - pad });
      x += widths[i];
    });
    doc.x = x0;
    doc.y = y + rowH;
  };
  const header = t.columns.map((c) => c.header);
  const headerH = heightOf(header, true);
  const rows = t.rows.length ? t.rows : t.empty ? [[t.empty, ...t.columns.slice(1).map(() => '')]] : [];
  const firstH = rows.length ? heightOf(rows[0], false) : 0;
  if (doc.y + headerH + firstH > h.bottom) doc.addPage();
  draw(header, true);
  for (const r of rows) {
    if (doc.y + heightOf(r, false) > h.bottom) {
      doc.addPage();
      draw(header, true);
    }
    draw(r, false);
  }
  doc.x = x0;
}

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** "8 Desember 2026" for a Jakarta day (YYYY-MM-DD) or an instant (taken in WIB); '-' for none. */
export function tanggalWib(value: Date | string | null | undefined): string {
  if (value === null || value === undefined) return '-';
  const iso = typeof value === 'string' ? value : new Date(value.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** "8 Desember 2026 14.05 WIB" for an instant. */
export function waktuWib(value: Date | null | undefined): string {
  if (!value) return '-';
  const w = new Date(value.getTime() + 7 * 3600_000);
  return `${tanggalWib(value)} ${String(w.getUTCHours()).padStart(2, '0')}.${String(w.getUTCMinutes()).padStart(2, '0')} WIB`;
}
